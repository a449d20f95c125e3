import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobHandlers, QUEUES } from '@kpa/contracts';
import { LOGGER, Logger, Metrics } from '@kpa/platform';
import { JobProcessor, scheduleRecurringJob } from '../jobs/job-processor';
import { WorkerConfig } from '../worker.config';
import { DunningService } from './dunning.service';

/** Stable id of the recurring dunning sweep: re-declared at every start, never duplicated. */
const DUNNING_SCHEDULER_ID = 'dunning-sweep';

/** The dunning queue: the recurring sweep and one send job per recorded reminder (docs/worker.md, dunning). */
@Processor(QUEUES.dunning)
@Injectable()
export class DunningProcessor extends JobProcessor<typeof QUEUES.dunning> implements OnApplicationBootstrap {
  static readonly queue = QUEUES.dunning;

  constructor(
    @InjectQueue(QUEUES.dunning) private readonly queue: Queue,
    private readonly config: WorkerConfig,
    private readonly dunning: DunningService,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    super(QUEUES.dunning, metrics);
  }

  protected handlers(): JobHandlers<typeof QUEUES.dunning> {
    return {
      'dunning.sweep': async () => {
        const outcome = await this.dunning.sweep();
        this.logger.info(outcome, 'dunning sweep');
        return outcome;
      },
      'dunning.send': async (data) => ({ outcome: await this.dunning.send(data.siteId, data.invoiceId, data.level) }),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await scheduleRecurringJob(this.queue, { schedulerId: DUNNING_SCHEDULER_ID, name: 'dunning.sweep', repeat: { every: this.config.DUNNING_SWEEP_INTERVAL_SECONDS * 1000 } });
  }
}
