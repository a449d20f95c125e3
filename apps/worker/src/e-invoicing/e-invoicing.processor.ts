import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobHandlers, JOBS, QUEUES, RPC } from '@kpa/contracts';
import { LOGGER, Logger, Metrics, RpcClient } from '@kpa/platform';
import { WorkerConfig } from '../worker.config';
import { JobProcessor, scheduleRecurringJob } from '../jobs/job-processor';

/** Stable id of the recurring sweep: re-declared at every start, never duplicated. */
const SWEEP_SCHEDULER_ID = 'einvoicing-transmit-due';
/** A sweep deposits and follows up to 200 documents each, every call to the PA up to 15 s. */
const SWEEP_TIMEOUT_MS = 120_000;

/**
 * The e-invoicing queue: the transmission sweep (docs/worker.md, e-invoicing; docs/e-invoicing.md,
 * "Transmission"). Commerce owns the documents and the connection to the PA: the job only says it is
 * time. A sweep that fails (commerce restarting) is simply done by the next one.
 */
@Processor(QUEUES.einvoicing)
@Injectable()
export class EInvoicingProcessor extends JobProcessor<typeof QUEUES.einvoicing> implements OnApplicationBootstrap {
  static readonly queue = QUEUES.einvoicing;

  constructor(
    @InjectQueue(QUEUES.einvoicing) private readonly queue: Queue,
    private readonly rpc: RpcClient,
    private readonly config: WorkerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    super(QUEUES.einvoicing, metrics);
  }

  protected handlers(): JobHandlers<typeof QUEUES.einvoicing> {
    return {
      'einvoicing.transmit-due': async () => {
        const outcome = await this.rpc.call(RPC.commerce.einvoiceTransmitDue, {}, SWEEP_TIMEOUT_MS);
        if (outcome.deposited + outcome.failed + outcome.statusesRecorded + outcome.paymentsReported > 0) this.logger.info(outcome, 'e-invoice transmission sweep');
        return outcome;
      },
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await scheduleRecurringJob(this.queue, {
      schedulerId: SWEEP_SCHEDULER_ID,
      name: JOBS.einvoicingTransmitDue,
      repeat: { every: this.config.EINVOICE_SWEEP_INTERVAL_SECONDS * 1000 },
    });
  }
}
