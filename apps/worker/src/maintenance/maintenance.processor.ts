import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { JOBS, QUEUES } from '@kpa/contracts';
import { LOGGER, Logger, RequestContext } from '@kpa/platform';
import { WorkerConfig } from '../worker.config';

/** Stable id of the recurring sweep: re-declared at every start, never duplicated. */
const SWEEP_SCHEDULER_ID = 'maintenance-sweep';

/**
 * The recurring sweep. Postgres is the source of truth: whatever job Redis lost (flushed,
 * restarted without persistence) is re-derived here from the services' state. The reminder,
 * report and notification issues add their derivations to it.
 */
@Processor(QUEUES.maintenance)
@Injectable()
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
    private readonly config: WorkerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: this.config.SWEEP_INTERVAL_SECONDS * 1000 },
      { name: JOBS.sweep, data: {}, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
    );
  }

  async process(job: Job): Promise<{ sweptAt: string }> {
    return RequestContext.run({ requestId: `job-${job.id}`, actor: 'system' }, async () => {
      if (job.name !== JOBS.sweep) throw new Error(`No handler for job ${job.name} on queue ${QUEUES.maintenance}`);
      this.logger.info({ jobId: job.id }, 'maintenance sweep');
      return { sweptAt: new Date().toISOString() };
    });
  }
}
