import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { JobsOptions, Queue } from 'bullmq';
import { JobHandlers, JOBS, QUEUES, RPC } from '@kpa/contracts';
import { LOGGER, Logger, Metrics, RpcClient, todayInFrance } from '@kpa/platform';
import { WorkerClock } from '../dunning/worker-clock';
import { JobProcessor, scheduleRecurringJob } from '../jobs/job-processor';

/** Stable id of the daily expiry sweep: re-declared at every start, never duplicated. */
const EXPIRY_SCHEDULER_ID = 'quotes-expire-due';
/** Every morning at 06:00 in Paris (summer and winter time alike): before anyone opens the console. */
export const EXPIRY_SCHEDULE = { pattern: '0 6 * * *', tz: 'Europe/Paris' } as const;
/**
 * Commerce may still be starting when the worker is (docker-compose, `npm start`): retried for about
 * two and a half minutes before the job fails and waits for the next schedule.
 */
const JOB_OPTIONS: JobsOptions = { attempts: 6, backoff: { type: 'exponential', delay: 5000 } };
/** A backlog (the first sweep, a long outage) is published in batches: more than the usual RPC timeout. */
const EXPIRE_DUE_TIMEOUT_MS = 60_000;

/**
 * The quotes queue: the expiry sweep (docs/worker.md, quotes). Commerce owns the quotes, so the job
 * only says which day it is in Paris on the worker's clock; commerce marks and publishes each expired
 * quote once (`commerce.quote.expired`), however often it is asked.
 */
@Processor(QUEUES.quotes)
@Injectable()
export class QuotesProcessor extends JobProcessor<typeof QUEUES.quotes> implements OnApplicationBootstrap {
  static readonly queue = QUEUES.quotes;

  constructor(
    @InjectQueue(QUEUES.quotes) private readonly queue: Queue,
    private readonly rpc: RpcClient,
    private readonly clock: WorkerClock,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    super(QUEUES.quotes, metrics);
  }

  protected handlers(): JobHandlers<typeof QUEUES.quotes> {
    return {
      'quotes.expire-due': async () => {
        const today = todayInFrance(this.clock.now());
        const outcome = await this.rpc.call(RPC.commerce.quoteExpireDue, { today }, EXPIRE_DUE_TIMEOUT_MS);
        this.logger.info({ today, ...outcome }, 'quotes expiry sweep');
        return { today, ...outcome };
      },
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    // Also at every start: an outage over 06:00 would otherwise leave expired quotes open a day more.
    await scheduleRecurringJob(this.queue, { schedulerId: EXPIRY_SCHEDULER_ID, name: JOBS.quotesExpireDue, repeat: EXPIRY_SCHEDULE, opts: JOB_OPTIONS, catchUpAtStart: true });
  }
}
