import { Metrics } from '@kpa/platform';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobHandlers, JOBS, QUEUES } from '@kpa/contracts';
import { WorkerConfig } from '../worker.config';
import { JobProcessor } from '../jobs/job-processor';
import { MailSender } from './mail-sender';

const SEND_SCHEDULER_ID = 'mail-send-due';

/** The sender's sweep: every MAIL_SEND_INTERVAL_SECONDS, whatever is queued and due goes out, once. */
@Processor(QUEUES.mail)
@Injectable()
export class MailProcessor extends JobProcessor<typeof QUEUES.mail> implements OnApplicationBootstrap {
  static readonly queue = QUEUES.mail;

  constructor(
    @InjectQueue(QUEUES.mail) private readonly queue: Queue,
    private readonly sender: MailSender,
    private readonly config: WorkerConfig,
    metrics: Metrics,
  ) {
    super(QUEUES.mail, metrics);
  }

  protected handlers(): JobHandlers<typeof QUEUES.mail> {
    return { 'mail.send-due': () => this.sender.sendDue() };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SEND_SCHEDULER_ID,
      { every: this.config.MAIL_SEND_INTERVAL_SECONDS * 1000 },
      { name: JOBS.mailSendDue, data: {}, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
    );
  }
}
