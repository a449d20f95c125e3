import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import nodemailer, { Transporter } from 'nodemailer';
import { LOGGER, Logger, RequestContext, Metrics } from '@kpa/platform';
import { WorkerConfig } from '../worker.config';
import { afterFailure, parseMailFrom, senderOf } from './mail-delivery';
import { ClaimedMail, OutgoingMailRepository } from './outgoing-mail.repository';
import { SiteNames } from './site-names';

/** How long a claimed message is held by its sender: well beyond one SMTP exchange. */
const LEASE_SECONDS = 600;
const BATCH = 50;

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
  interrupted: number;
}

/**
 * Sends what is queued and due (docs/worker.md, e-mail). Each message is first claimed (status
 * `sending`, one statement, rows held by another sender skipped), then handed to SMTP, then marked
 * sent, retried later or failed: two senders at once, or a job run twice, never send one twice.
 */
@Injectable()
export class MailSender implements OnModuleDestroy {
  private readonly transport: Transporter;
  private readonly from: { name: string; address: string };

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OutgoingMailRepository,
    private readonly siteNames: SiteNames,
    private readonly config: WorkerConfig,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.transport = nodemailer.createTransport(config.SMTP_URL);
    this.from = parseMailFrom(config.MAIL_FROM)!;
  }

  async sendDue(now: () => Date = () => new Date()): Promise<SendReport> {
    return RequestContext.acrossSites(async () => {
      const report: SendReport = { sent: 0, retried: 0, failed: 0, interrupted: 0 };
      report.interrupted = await this.repository.failInterrupted(this.dataSource.manager, now());
      for (;;) {
        const batch = await this.repository.claimDue(this.dataSource.manager, now(), LEASE_SECONDS, BATCH);
        for (const mail of batch) report[await this.sendOne(mail, now)] += 1;
        if (batch.length < BATCH) return report;
      }
    });
  }

  private async sendOne(mail: ClaimedMail, now: () => Date): Promise<'sent' | 'retried' | 'failed'> {
    const siteName = mail.siteId ? await this.siteNames.nameOf(mail.siteId) : null;
    try {
      const info = await this.transport.sendMail({
        from: senderOf(this.from, siteName),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // The same Message-ID at every attempt: a receiver that got it already may drop the copy.
        messageId: `<${mail.id}@${this.from.address.split('@')[1]}>`,
        headers: { 'X-KPA-Mail-Key': mail.key },
        attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
      await this.repository.markSent(this.dataSource.manager, mail.id, info.messageId ?? null, now());
      this.metrics.mailSent.inc({ outcome: 'sent' });
      return 'sent';
    } catch (error) {
      const failure = { responseCode: (error as { responseCode?: number }).responseCode, message: (error as Error).message ?? String(error) };
      const next = afterFailure(failure, mail.attempts, this.config.MAIL_MAX_ATTEMPTS, now());
      if (next.kind === 'retry') {
        await this.repository.markRetry(this.dataSource.manager, mail.id, next.at, next.error);
        this.logger.warn({ mailId: mail.id, attempts: mail.attempts, retryAt: next.at.toISOString(), error: next.error }, 'mail not sent, will retry');
        this.metrics.mailSent.inc({ outcome: 'retry' });
        return 'retried';
      }
      await this.repository.markFailed(this.dataSource.manager, mail.id, next.error, now());
      this.logger.warn({ mailId: mail.id, attempts: mail.attempts, error: next.error }, 'mail failed');
      this.metrics.mailSent.inc({ outcome: 'failed' });
      return 'failed';
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
