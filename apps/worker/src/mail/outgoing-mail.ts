import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutgoingMailRepository } from './outgoing-mail.repository';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MailToSend {
  /** Unique: what asked for the message, e.g. `dunning:${invoiceId}:1`; a second queue() of a key does nothing. */
  key: string;
  /** The site the message is about (its sender, its coordinator's list); null: the region. */
  siteId: string | null;
  to: string;
  /** The template it was rendered from (mail-templates.ts), kept for the coordinator's list. */
  template: string;
  language: 'fr' | 'en';
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

/**
 * The only way the platform sends an e-mail: the message is written to worker.outgoing_mail in the
 * caller's transaction (so it exists exactly when the caller's change commits), and the sender job
 * sends it later, once (docs/worker.md, e-mail). Never send directly.
 */
@Injectable()
export class OutgoingMail {
  constructor(private readonly repository: OutgoingMailRepository) {}

  /** `queued: false` when a message of this key was already queued (its id is returned, nothing changes). */
  async queue(manager: EntityManager, mail: MailToSend): Promise<{ messageId: string; queued: boolean }> {
    assertMail(mail);
    return this.repository.insert(manager, mail);
  }
}

const ADDRESS = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** Programming errors of a caller (the data reaching here was validated upstream): refuse loudly. */
function assertMail(mail: MailToSend): void {
  const problems: string[] = [];
  if (mail.key.length < 1 || mail.key.length > 300) problems.push('key must be 1 to 300 characters');
  if (!ADDRESS.test(mail.to) || mail.to.length > 320) problems.push(`"${mail.to}" is not an e-mail address`);
  if (mail.subject.trim().length < 1 || mail.subject.length > 300 || /[\r\n]/.test(mail.subject)) problems.push('subject must be one line of 1 to 300 characters');
  if (mail.text.trim().length < 1 || mail.html.trim().length < 1) problems.push('text and html are required');
  for (const attachment of mail.attachments) {
    if (attachment.filename.length < 1 || attachment.filename.length > 200 || /[\r\n/\\]/.test(attachment.filename))
      problems.push(`attachment filename "${attachment.filename}" is invalid`);
  }
  if (problems.length > 0) throw new Error(`OutgoingMail.queue(${mail.key}): ${problems.join('; ')}`);
}
