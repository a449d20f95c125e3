import { defineEvent } from '../../envelope';

/**
 * A payment reminder's e-mail was queued (levels 0–2 by the sweep, level 3 when a coordinator sends
 * the formal notice). Ids only: no client name, no address.
 */
export interface ReminderSentV1 {
  invoiceId: string;
  level: 0 | 1 | 2 | 3;
  mailId: string;
}

/** Stable: a breaking change is a v2 published beside it. */
export const REMINDER_SENT_V1 = defineEvent<ReminderSentV1>('worker.reminder.sent', 1);
