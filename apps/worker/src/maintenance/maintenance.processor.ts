import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobHandlers, JOBS, QUEUES } from '@kpa/contracts';
import { LOGGER, Logger, Metrics } from '@kpa/platform';
import { WorkerConfig } from '../worker.config';
import { JobProcessor, scheduleRecurringJob } from '../jobs/job-processor';

/** Stable id of the recurring sweep: re-declared at every start, never duplicated. */
const SWEEP_SCHEDULER_ID = 'maintenance-sweep';

/**
 * The recurring sweep. Postgres is the source of truth: whatever job Redis lost (flushed,
 * restarted without persistence) is re-derived here from the services' state. The reminder,
 * report and notification issues add their derivations to it.
 */
@Processor(QUEUES.maintenance)
@Injectable()
export class MaintenanceProcessor extends JobProcessor<typeof QUEUES.maintenance> implements OnApplicationBootstrap {
  static readonly queue = QUEUES.maintenance;

  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
    private readonly config: WorkerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    super(QUEUES.maintenance, metrics);
  }

  protected handlers(): JobHandlers<typeof QUEUES.maintenance> {
    return {
      'maintenance.sweep': async (_data, job) => {
        this.logger.info({ jobId: job.id }, 'maintenance sweep');
        return { sweptAt: new Date().toISOString() };
      },
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await scheduleRecurringJob(this.queue, { schedulerId: SWEEP_SCHEDULER_ID, name: JOBS.sweep, repeat: { every: this.config.SWEEP_INTERVAL_SECONDS * 1000 } });
  }
}
