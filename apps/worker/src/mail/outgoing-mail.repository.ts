import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { OutgoingMailStatus as MailStatus, OutgoingMailView as MailRow } from '@kpa/contracts';
import type { MailAttachment, MailToSend } from './outgoing-mail';

/** A message claimed by one sender, to send now. */
export interface ClaimedMail {
  id: string;
  key: string;
  siteId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  attachments: MailAttachment[];
}

/** All SQL of worker.outgoing_mail and its attachments. */
@Injectable()
export class OutgoingMailRepository {
  async insert(manager: EntityManager, mail: MailToSend): Promise<{ messageId: string; queued: boolean }> {
    const id = uuidv7();
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO worker.outgoing_mail (id, key, site_id, recipient, template, language, subject, body_text, body_html)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (key) DO NOTHING
       RETURNING id`,
      [id, mail.key, mail.siteId, mail.to, mail.template, mail.language, mail.subject, mail.text, mail.html],
    );
    if (inserted.length === 0) {
      const [existing] = (await manager.query(`SELECT id FROM worker.outgoing_mail WHERE key = $1`, [mail.key])) as { id: string }[];
      if (!existing) throw new Error(`outgoing mail ${mail.key} exists but is not visible in this scope (row-level security: queue it for its site)`);
      return { messageId: existing.id, queued: false };
    }
    for (const [position, attachment] of mail.attachments.entries()) {
      await manager.query(`INSERT INTO worker.outgoing_mail_attachment (mail_id, position, site_id, filename, content_type, content) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        position,
        mail.siteId,
        attachment.filename,
        attachment.contentType,
        attachment.content,
      ]);
    }
    return { messageId: id, queued: true };
  }

  /**
   * Claims the queued messages that are due for this sender alone: one statement moves them to
   * `sending` (rows another sender holds are skipped), so no message is handed to SMTP twice.
   */
  async claimDue(manager: EntityManager, now: Date, leaseSeconds: number, limit: number): Promise<ClaimedMail[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [rows]: [{ id: string; key: string; site_id: string | null; recipient: string; subject: string; body_text: string; body_html: string; attempts: number }[], number] =
      await manager.query(
        `UPDATE worker.outgoing_mail m
            SET status = 'sending', attempts = m.attempts + 1, claimed_until = $2
          WHERE m.id IN (SELECT id FROM worker.outgoing_mail
                          WHERE status = 'queued' AND next_attempt_at <= $1
                          ORDER BY next_attempt_at, id LIMIT $3
                          FOR UPDATE SKIP LOCKED)
            AND m.status = 'queued'
        RETURNING m.id, m.key, m.site_id, m.recipient, m.subject, m.body_text, m.body_html, m.attempts`,
        [now, new Date(now.getTime() + leaseSeconds * 1000), limit],
      );
    if (rows.length === 0) return [];
    const files: { mail_id: string; filename: string; content_type: string; content: Buffer }[] = await manager.query(
      `SELECT mail_id, filename, content_type, content FROM worker.outgoing_mail_attachment WHERE mail_id = ANY($1::uuid[]) ORDER BY mail_id, position`,
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      siteId: r.site_id,
      to: r.recipient,
      subject: r.subject,
      text: r.body_text,
      html: r.body_html,
      attempts: r.attempts,
      attachments: files.filter((f) => f.mail_id === r.id).map((f) => ({ filename: f.filename, contentType: f.content_type, content: f.content })),
    }));
  }

  async markSent(manager: EntityManager, id: string, smtpMessageId: string | null, now: Date): Promise<void> {
    await manager.query(
      `UPDATE worker.outgoing_mail SET status = 'sent', sent_at = $2, smtp_message_id = $3, claimed_until = NULL, last_error = NULL WHERE id = $1 AND status = 'sending'`,
      [id, now, smtpMessageId],
    );
  }

  async markRetry(manager: EntityManager, id: string, at: Date, error: string): Promise<void> {
    await manager.query(`UPDATE worker.outgoing_mail SET status = 'queued', next_attempt_at = $2, last_error = $3, claimed_until = NULL WHERE id = $1 AND status = 'sending'`, [
      id,
      at,
      error,
    ]);
  }

  async markFailed(manager: EntityManager, id: string, error: string, now: Date): Promise<void> {
    await manager.query(`UPDATE worker.outgoing_mail SET status = 'failed', failed_at = $2, last_error = $3, claimed_until = NULL WHERE id = $1 AND status = 'sending'`, [
      id,
      now,
      error,
    ]);
  }

  /**
   * Messages whose sender died while sending (lease over): SMTP may have accepted them, so they are
   * failed, not retried — never twice; the coordinator sees them and may send again by hand.
   */
  async failInterrupted(manager: EntityManager, now: Date): Promise<number> {
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE worker.outgoing_mail
          SET status = 'failed', failed_at = $1, claimed_until = NULL,
              last_error = 'interrupted while sending (the worker stopped): not sent again automatically, it may have been delivered'
        WHERE status = 'sending' AND claimed_until < $1
      RETURNING id`,
      [now],
    );
    return rows.length;
  }

  /** One site's messages, newest first, keyset after (queuedAt, id); limit + 1 rows to tell a next page. */
  async pageOfSite(manager: EntityManager, siteId: string, status: MailStatus | undefined, after: { queuedAt: string; id: string } | undefined, limit: number): Promise<MailRow[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT id, key, site_id, recipient, template, language, subject, status, attempts, last_error, queued_at, next_attempt_at, sent_at, failed_at
         FROM worker.outgoing_mail
        WHERE site_id = $1 AND ($2::text IS NULL OR status = $2)
          AND ($3::timestamptz IS NULL OR (queued_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY queued_at DESC, id DESC
        LIMIT $5`,
      [siteId, status ?? null, after?.queuedAt ?? null, after?.id ?? null, limit + 1],
    );
    const iso = (v: unknown) => (v === null ? null : (v as Date).toISOString());
    return rows.map((r) => ({
      id: r.id as string,
      key: r.key as string,
      siteId: r.site_id as string | null,
      to: r.recipient as string,
      template: r.template as string,
      language: r.language as 'fr' | 'en',
      subject: r.subject as string,
      status: r.status as MailStatus,
      attempts: r.attempts as number,
      lastError: r.last_error as string | null,
      queuedAt: iso(r.queued_at)!,
      nextAttemptAt: iso(r.next_attempt_at)!,
      sentAt: iso(r.sent_at),
      failedAt: iso(r.failed_at),
    }));
  }
}
