import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobHandlers, QUEUES } from '@kpa/contracts';
import { LOGGER, Logger, Metrics } from '@kpa/platform';
import { JobProcessor, scheduleRecurringJob } from '../jobs/job-processor';
import { WorkerConfig } from '../worker.config';
import { DigestService } from './digest.service';

/** Stable id of the recurring digest sweep: re-declared at every start, never duplicated. */
const DIGEST_SCHEDULER_ID = 'notifications-digest-sweep';

/**
 * The notifications queue: the hourly digest sweep, at minute 0 Paris time (every
 * DIGEST_SWEEP_INTERVAL_SECONDS instead when it is set, for tests and demos), and once at start. Each
 * sweep writes the digests whose hour has come and that are not done today, so an hour missed while
 * the worker was down is caught up at start or at the next sweep, the same day.
 */
@Processor(QUEUES.notifications)
@Injectable()
export class DigestProcessor extends JobProcessor<typeof QUEUES.notifications> implements OnApplicationBootstrap {
  static readonly queue = QUEUES.notifications;

  constructor(
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
    private readonly config: WorkerConfig,
    private readonly digest: DigestService,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    super(QUEUES.notifications, metrics);
  }

  protected handlers(): JobHandlers<typeof QUEUES.notifications> {
    return {
      'notifications.digest-sweep': async () => {
        const outcome = await this.digest.sweep();
        this.logger.info(outcome, 'digest sweep');
        return outcome;
      },
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const interval = this.config.DIGEST_SWEEP_INTERVAL_SECONDS;
    // A worker back after missing a digest hour catches it up now rather than at the next full hour
    // (a late-evening hour would otherwise slip past midnight). A sweep is idempotent: the days it
    // finds taken it leaves alone.
    await scheduleRecurringJob(this.queue, {
      schedulerId: DIGEST_SCHEDULER_ID,
      name: 'notifications.digest-sweep',
      repeat: interval ? { every: interval * 1000 } : { pattern: '0 * * * *', tz: 'Europe/Paris' },
      catchUpAtStart: !interval,
    });
  }
}
