import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { MailToSend } from './outgoing-mail';

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
}
