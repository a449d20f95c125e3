import { addDays, compareDates, daysBetween, DomainError } from '@kpa/contracts';

/**
 * The dunning schedule (relances, issue 13 §2) as pure functions: given an invoice, what was already
 * sent, its pauses, the site's policy, the public holidays and "now", which reminder is due, if any.
 * No Nest, no database, no clock: the sweep passes everything in.
 *
 * Levels: 0 the optional courtesy notice before the due date; 1 courteous reminder; 2 firmer
 * reminder; 3 formal notice (mise en demeure), which is never sent automatically: the sweep prepares
 * it as a draft a coordinator reviews and sends.
 */

export const DUNNING_LEVELS = [0, 1, 2, 3] as const;
export type DunningLevel = (typeof DUNNING_LEVELS)[number];

/** Two reminders of an invoice are never closer than this (catch-up after an outage included). */
export const MIN_DAYS_BETWEEN_REMINDERS = 7;

export interface DunningLevelPolicy {
  enabled: boolean;
  /** Days after the due date. */
  delayDays: number;
}

export interface DunningPolicy {
  /** The courtesy notice, `daysBefore` days before the due date (off by default). */
  courtesy: { enabled: boolean; daysBefore: number };
  level1: DunningLevelPolicy;
  level2: DunningLevelPolicy;
  level3: DunningLevelPolicy;
  /** Send window in Paris time, whole hours: from `sendFromHour`:00 to `sendUntilHour`:00 (excluded). */
  sendFromHour: number;
  sendUntilHour: number;
}

export const DEFAULT_DUNNING_POLICY: DunningPolicy = {
  courtesy: { enabled: false, daysBefore: 3 },
  level1: { enabled: true, delayDays: 7 },
  level2: { enabled: true, delayDays: 21 },
  level3: { enabled: true, delayDays: 45 },
  sendFromHour: 9,
  sendUntilHour: 18,
};

export const MAX_DELAY_DAYS = 365;
export const MAX_COURTESY_DAYS = 30;

/** Refuses a policy whose enabled levels are not in order or too close (422 DUNNING_POLICY_INVALID). */
export function checkDunningPolicy(policy: DunningPolicy): void {
  const refuse = (message: string, details: Record<string, unknown>): never => {
    throw new DomainError('DUNNING_POLICY_INVALID', message, details);
  };
  const levels = [policy.level1, policy.level2, policy.level3];
  levels.forEach((level, index) => {
    if (!Number.isInteger(level.delayDays) || level.delayDays < 0 || level.delayDays > MAX_DELAY_DAYS) {
      refuse(`level${index + 1}.delayDays must be a whole number of days between 0 and ${MAX_DELAY_DAYS}.`, { field: `level${index + 1}.delayDays` });
    }
  });
  const enabled = levels.map((level, index) => ({ ...level, level: index + 1 })).filter((level) => level.enabled);
  for (let i = 1; i < enabled.length; i++) {
    if (enabled[i].delayDays - enabled[i - 1].delayDays < MIN_DAYS_BETWEEN_REMINDERS) {
      refuse(
        `level${enabled[i].level}.delayDays must be at least ${MIN_DAYS_BETWEEN_REMINDERS} days after level${enabled[i - 1].level}.delayDays (${enabled[i - 1].delayDays}): two reminders are never closer than ${MIN_DAYS_BETWEEN_REMINDERS} days.`,
        { field: `level${enabled[i].level}.delayDays` },
      );
    }
  }
  const days = policy.courtesy.daysBefore;
  if (!Number.isInteger(days) || days < 1 || days > MAX_COURTESY_DAYS) {
    refuse(`courtesy.daysBefore must be a whole number of days between 1 and ${MAX_COURTESY_DAYS}.`, { field: 'courtesy.daysBefore' });
  }
  const { sendFromHour: from, sendUntilHour: until } = policy;
  if (!Number.isInteger(from) || !Number.isInteger(until) || from < 0 || until > 24 || until - from < 1) {
    refuse('sendFromHour and sendUntilHour must be whole hours with 0 ≤ sendFromHour < sendUntilHour ≤ 24.', { field: 'sendFromHour' });
  }
}

/** What the schedule needs of an invoice: its dates and what is left to pay (integer cents); the client's kind changes the letter, not the schedule. */
export interface DunningInvoice {
  issuedOn: string;
  dueOn: string;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  /** Cancelled (fully credited) or paid invoices are settled: dunning stops at once. */
  settled: boolean;
}

export function amountDueCents(invoice: Pick<DunningInvoice, 'totalCents' | 'paidCents' | 'creditedCents'>): number {
  return Math.max(0, invoice.totalCents - invoice.paidCents - invoice.creditedCents);
}

/** A reminder already recorded (sent, or for level 3 prepared as a draft), on its Paris calendar day. */
export interface RecordedReminder {
  level: DunningLevel;
  on: string;
}

/** A pause of dunning by a coordinator; `until` null while it lasts. Instants. */
export interface DunningPause {
  from: Date;
  until: Date | null;
}

export interface DunningState {
  invoice: DunningInvoice;
  reminders: readonly RecordedReminder[];
  pauses: readonly DunningPause[];
  policy: DunningPolicy;
  isHoliday: (date: string) => boolean;
}

/** `send`: queue the e-mail now; `draft`: prepare the formal notice for a coordinator (level 3). */
export interface DueReminder {
  level: DunningLevel;
  action: 'send' | 'draft';
}

/** The day a level falls due (before holidays and the gap rule), or undefined when the policy has it off. */
export function levelDayOf(level: DunningLevel, dueOn: string, policy: DunningPolicy): string | undefined {
  if (level === 0) return policy.courtesy.enabled ? addDays(dueOn, -policy.courtesy.daysBefore) : undefined;
  const rule = level === 1 ? policy.level1 : level === 2 ? policy.level2 : policy.level3;
  return rule.enabled ? addDays(dueOn, rule.delayDays) : undefined;
}

/**
 * The reminder due on a calendar day, ignoring the hour (the board's "next step" uses it too).
 * Catch-up: only the highest level whose day has passed, and only if no higher or equal level was
 * recorded; nothing within MIN_DAYS_BETWEEN_REMINDERS of the last reminder; nothing on a Sunday or
 * public holiday; nothing for a settled invoice or one with nothing left to pay, nor while paused.
 */
export function reminderDueOn(state: Omit<DunningState, 'pauses'> & { paused: boolean }, today: string): DueReminder | undefined {
  const { invoice, reminders, policy } = state;
  if (invoice.settled || amountDueCents(invoice) === 0 || state.paused) return undefined;
  if (isSunday(today) || state.isHoliday(today)) return undefined;
  const highestRecorded = reminders.reduce<number>((max, reminder) => Math.max(max, reminder.level), -1);
  const lastOn = reminders.reduce<string | undefined>((last, reminder) => (last === undefined || compareDates(reminder.on, last) > 0 ? reminder.on : last), undefined);
  if (lastOn !== undefined && daysBetween(lastOn, today) < MIN_DAYS_BETWEEN_REMINDERS) return undefined;

  let due: DunningLevel | undefined;
  for (const level of DUNNING_LEVELS) {
    const day = levelDayOf(level, invoice.dueOn, policy);
    if (day === undefined || compareDates(day, today) > 0) continue;
    // The courtesy notice makes sense only before the due date.
    if (level === 0 && compareDates(today, invoice.dueOn) >= 0) continue;
    due = level;
  }
  if (due === undefined || due <= highestRecorded) return undefined;
  return { level: due, action: due === 3 ? 'draft' : 'send' };
}

/** The reminder due at an instant: in the site's send window (Paris time), not while a pause lasts. */
export function reminderDue(state: DunningState, now: Date): DueReminder | undefined {
  const paris = parisClock(now);
  if (paris.hour < state.policy.sendFromHour || paris.hour >= state.policy.sendUntilHour) return undefined;
  return reminderDueOn({ ...state, paused: isPaused(state.pauses, now) }, paris.date);
}

export function isPaused(pauses: readonly DunningPause[], now: Date): boolean {
  return pauses.some((pause) => pause.from.getTime() <= now.getTime() && (pause.until === null || pause.until.getTime() > now.getTime()));
}

/** How far ahead the board looks for the next step (a level 3 at most 365 days after the due date). */
const HORIZON_DAYS = MAX_DELAY_DAYS + MAX_COURTESY_DAYS + MIN_DAYS_BETWEEN_REMINDERS + 31;

/**
 * The next step the board shows: the first day from `today` on which a reminder would be due if
 * nothing changes (no payment, no pause lifted or added), or undefined (settled, paused, all done).
 */
export function nextReminder(state: DunningState, now: Date): (DueReminder & { on: string }) | undefined {
  const paused = isPaused(state.pauses, now);
  if (paused) return undefined;
  const today = parisClock(now).date;
  for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
    const day = addDays(today, offset);
    const due = reminderDueOn({ ...state, paused }, day);
    if (due) return { ...due, on: day };
  }
  return undefined;
}

function isSunday(date: string): boolean {
  return new Date(`${date}T12:00:00Z`).getUTCDay() === 0;
}

const PARIS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The calendar day and hour in Paris (summer and winter time included). */
export function parisClock(now: Date): { date: string; hour: number } {
  const parts = Object.fromEntries(PARIS.formatToParts(now).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}
