import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobHandlers, JOBS, QUEUES } from '@kpa/contracts';
import { Metrics, RequestContext } from '@kpa/platform';
import { JobProcessor } from '../jobs/job-processor';
import { WorkerConfig } from '../worker.config';
import { REPORT_ATTEMPTS, ReportsService } from './reports.service';

/** Stable id of the reports' recurring sweep: re-declared at every start, never duplicated. */
const SWEEP_SCHEDULER_ID = 'reports-sweep';

/**
 * The reports queue: one job per report (job id = report id) and a recurring sweep that gives back
 * their jobs to reports Redis forgot. A report is regional work by design (a region's or a host's
 * figures): it runs across sites, and its row keeps its own site for row-level security.
 */
@Processor(QUEUES.reports)
@Injectable()
export class ReportsProcessor extends JobProcessor<typeof QUEUES.reports> implements OnApplicationBootstrap {
  static readonly queue = QUEUES.reports;

  constructor(
    @InjectQueue(QUEUES.reports) private readonly queue: Queue,
    private readonly reports: ReportsService,
    private readonly config: WorkerConfig,
    metrics: Metrics,
  ) {
    super(QUEUES.reports, metrics);
  }

  protected handlers(): JobHandlers<typeof QUEUES.reports> {
    return {
      'reports.generate': ({ reportId }, job) =>
        RequestContext.acrossSites(async () => {
          try {
            return await this.reports.generate(reportId, (percent) => job.progress(percent));
          } catch (error) {
            // The last attempt: the report says it failed instead of staying "running" for ever.
            if (job.attemptsMade + 1 >= REPORT_ATTEMPTS) await this.reports.markFailed(reportId, error);
            throw error;
          }
        }),
      'reports.sweep': () => RequestContext.acrossSites(async () => ({ requeued: await this.reports.requeueUnfinished() })),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: this.config.SWEEP_INTERVAL_SECONDS * 1000 },
      { name: JOBS.reportSweep, data: {}, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
    );
  }
}
