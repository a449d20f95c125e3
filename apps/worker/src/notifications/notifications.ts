import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { NotificationKind, NotificationLanguage } from '@kpa/contracts';
import { OutgoingMail } from '../mail/outgoing-mail';
import { layout } from '../mail/mail-templates';
import { wantsEmail } from './notification-preferences';
import { NotificationsRepository, Recipient } from './notifications.repository';

/** The words of a notification, in one language. */
export interface NotificationContent {
  title: string;
  /** Short sentences, one paragraph each: the in-app body and the e-mail's paragraphs. */
  paragraphs: string[];
  /** Where in the platform to act (an API path), or null. */
  link: string | null;
  /** Closing line of the e-mail, e.g. the site's name. */
  signature: string;
}

export interface NotificationToWrite {
  /** Unique: what asked for it, e.g. `quote_expired:${quoteId}`; the user is added to it. */
  key: string;
  siteId: string;
  kind: NotificationKind;
  /** The words in the recipient's language. */
  content: (language: NotificationLanguage, recipient: Recipient) => NotificationContent;
}

/**
 * The only way the platform tells a person something: written in the caller's transaction, once per
 * key and user (a redelivered event or a second sweep writes nothing), shown in the app, and queued
 * as an e-mail (OutgoingMail) unless the user turned that kind's e-mail off. Users the worker does
 * not know (no account on the site) get nothing.
 */
@Injectable()
export class Notifications {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly outgoingMail: OutgoingMail,
  ) {}

  /** To one user of the site; true when it was written now. */
  async toUser(manager: EntityManager, userId: string, notification: NotificationToWrite): Promise<boolean> {
    const recipient = await this.repository.recipient(manager, userId, notification.siteId);
    return recipient ? this.write(manager, recipient, notification) : false;
  }

  /** To a member, through their account on the site (none: nothing). */
  async toMember(manager: EntityManager, memberId: string, notification: NotificationToWrite): Promise<boolean> {
    const recipient = await this.repository.recipientOfMember(manager, notification.siteId, memberId);
    return recipient ? this.write(manager, recipient, notification) : false;
  }

  /** To every coordinator of the site; the number written now. */
  async toCoordinators(manager: EntityManager, notification: NotificationToWrite): Promise<number> {
    let written = 0;
    for (const recipient of await this.repository.recipientsOf(manager, notification.siteId, 'coordinator')) {
      if (await this.write(manager, recipient, notification)) written++;
    }
    return written;
  }

  private async write(manager: EntityManager, recipient: Recipient, notification: NotificationToWrite): Promise<boolean> {
    const preferences = await this.repository.preferences(manager, recipient.userId);
    const content = notification.content(preferences.language, recipient);
    const key = `${notification.key}:${recipient.userId}`;
    const written = await this.repository.insert(manager, {
      id: uuidv7(),
      key,
      userId: recipient.userId,
      siteId: notification.siteId,
      kind: notification.kind,
      title: content.title,
      body: content.paragraphs.join('\n'),
      link: content.link,
    });
    if (written && wantsEmail(preferences, notification.kind)) {
      await this.outgoingMail.queue(manager, {
        key: `notification:${key}`,
        siteId: notification.siteId,
        to: recipient.email,
        template: `notification.${notification.kind}`,
        language: preferences.language,
        ...layout(preferences.language, { subject: content.title, paragraphs: content.paragraphs, signature: content.signature }),
        attachments: [],
      });
    }
    return written;
  }
}
