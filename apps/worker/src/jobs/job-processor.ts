import { OnModuleInit } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Job, JobsOptions, Queue, RepeatOptions } from 'bullmq';
import { assertJobHandlers, isJobOfQueue, JobContext, JobHandlers, QueueName } from '@kpa/contracts';
import { RequestContext, Metrics } from '@kpa/platform';

/**
 * Base of every processor: one handler per job of its queue, typed by the job's payload
 * (libs/contracts/src/jobs.ts); start-up fails when a job of the queue has no handler. Each attempt
 * runs in a request context of its own (`job-<id>`, actor system) and is counted and timed.
 * Handlers are idempotent: a stalled job may run twice (docs/worker.md).
 */
export abstract class JobProcessor<Q extends QueueName> extends WorkerHost implements OnModuleInit {
  private table?: JobHandlers<Q>;

  protected constructor(
    readonly queueName: Q,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  /** The handlers of every job of the queue. */
  protected abstract handlers(): JobHandlers<Q>;

  onModuleInit(): void {
    const table = this.handlers();
    assertJobHandlers(this.queueName, table);
    this.table = table;
  }

  async process(job: Job): Promise<unknown> {
    const table = this.table ?? this.handlers();
    if (!isJobOfQueue(this.queueName, job.name)) throw new Error(`No handler for job ${job.name} on queue ${this.queueName}`);
    const handler = table[job.name] as (data: unknown, context: JobContext) => Promise<unknown>;
    const labels = { queue: this.queueName, job: job.name };
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const context: JobContext = { id: String(job.id), name: job.name, attemptsMade: job.attemptsMade, progress: (percent) => job.updateProgress(percent) };
    try {
      const result = await RequestContext.run({ requestId: `job-${job.id}`, actor: 'system' }, () => handler(job.data, context));
      this.metrics.jobsCompleted.inc(labels);
      this.metrics.jobDuration.observe({ ...labels, outcome: 'done' }, seconds());
      return result;
    } catch (error) {
      this.metrics.jobsFailed.inc(labels);
      this.metrics.jobDuration.observe({ ...labels, outcome: 'failed' }, seconds());
      throw error;
    }
  }
}

/** A job a queue runs on a schedule (a sweep): declared at every start, found again by its stable id. */
export interface RecurringJob {
  /** Stable id of BullMQ's job scheduler: re-declaring it at each start replaces it, never duplicates it. */
  schedulerId: string;
  name: string;
  repeat: Omit<RepeatOptions, 'key'>;
  /** Retries and the like; completed and failed runs are kept (100 and 1,000) for the dashboard. */
  opts?: JobsOptions;
  /**
   * Also run it once now: a worker back from an outage that missed its hour catches up at once.
   * Under a stable job id (`<schedulerId>-at-start`, removed once done or failed): instances
   * starting together add it once, the next start adds it again.
   */
  catchUpAtStart?: boolean;
}

export async function scheduleRecurringJob(queue: Queue, job: RecurringJob): Promise<void> {
  await queue.upsertJobScheduler(job.schedulerId, job.repeat, { name: job.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 1000, ...job.opts } });
  if (job.catchUpAtStart) await queue.add(job.name, {}, { ...job.opts, jobId: `${job.schedulerId}-at-start`, removeOnComplete: true, removeOnFail: true });
}
