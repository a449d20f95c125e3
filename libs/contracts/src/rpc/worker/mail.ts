import { Page, PageRequest } from '../page';

export const OUTGOING_MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutgoingMailStatus = (typeof OUTGOING_MAIL_STATUSES)[number];

/** One e-mail of the platform as its site's coordinator sees it (worker.outgoing_mail). */
export interface OutgoingMailView {
  id: string;
  /** What asked for it, e.g. `dunning:<invoiceId>:1`. */
  key: string;
  siteId: string | null;
  to: string;
  template: string;
  language: 'fr' | 'en';
  subject: string;
  status: OutgoingMailStatus;
  attempts: number;
  /** Why the last attempt failed (the mail server's answer), or null. */
  lastError: string | null;
  queuedAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
  failedAt: string | null;
}

export interface ListSiteMailRequest extends PageRequest {
  siteId: string;
  status?: OutgoingMailStatus;
}

export type OutgoingMailPage = Page<OutgoingMailView>;
