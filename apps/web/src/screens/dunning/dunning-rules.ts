import type { DunningPolicyDto, DunningPolicyViewDto } from '../../api/generated/types.gen';
import type { MessageKey } from '../../i18n/fr';
import { parseDay } from '../reports/report-rules';

/**
 * The dunning policy as the form edits it: numbers as typed. The limits are the worker's
 * (`checkDunningPolicy`, apps/worker/src/dunning/dunning-schedule.ts), checked here before sending
 * so a person reads what to fix next to the field; the API checks them again.
 */
export interface PolicyDraft {
  courtesy: { enabled: boolean; daysBefore: string };
  level1: { enabled: boolean; delayDays: string };
  level2: { enabled: boolean; delayDays: string };
  level3: { enabled: boolean; delayDays: string };
  sendFromHour: string;
  sendUntilHour: string;
}

export const LEVELS = ['level1', 'level2', 'level3'] as const;
export type LevelKey = (typeof LEVELS)[number];
export const MAX_DELAY_DAYS = 365;
export const MAX_COURTESY_DAYS = 30;
export const MIN_DAYS_BETWEEN_REMINDERS = 7;

export function policyDraftOf(view: DunningPolicyDto | DunningPolicyViewDto): PolicyDraft {
  return {
    courtesy: { enabled: view.courtesy.enabled, daysBefore: String(view.courtesy.daysBefore) },
    level1: { enabled: view.level1.enabled, delayDays: String(view.level1.delayDays) },
    level2: { enabled: view.level2.enabled, delayDays: String(view.level2.delayDays) },
    level3: { enabled: view.level3.enabled, delayDays: String(view.level3.delayDays) },
    sendFromHour: String(view.sendFromHour),
    sendUntilHour: String(view.sendUntilHour),
  };
}

/** A whole number typed by a person ("7", " 21 "), or null. */
function wholeNumber(text: string): number | null {
  const value = text.trim();
  return /^\d{1,4}$/.test(value) ? Number(value) : null;
}

export type PolicyProblem = { field: string; key: MessageKey; values?: Record<string, string | number> };
export type PolicyCheck = { ok: true; policy: DunningPolicyDto } | { ok: false; problems: PolicyProblem[] };

/** Every problem of the form at once (each next to its field), or the policy to send. */
export function checkPolicy(draft: PolicyDraft): PolicyCheck {
  const problems: PolicyProblem[] = [];
  const delays = LEVELS.map((level) => {
    const days = wholeNumber(draft[level].delayDays);
    if (days === null || days > MAX_DELAY_DAYS) {
      problems.push({ field: `${level}.delayDays`, key: 'dunning.policy.problem.delay', values: { max: MAX_DELAY_DAYS } });
      return null; // a wrong delay is not measured against its neighbours: one message per field
    }
    return days;
  });
  let previous: { level: number; days: number } | null = null;
  LEVELS.forEach((level, index) => {
    const days = delays[index];
    if (!draft[level].enabled || days === null) return;
    if (previous && days - previous.days < MIN_DAYS_BETWEEN_REMINDERS) {
      problems.push({
        field: `${level}.delayDays`,
        key: 'dunning.policy.problem.gap',
        values: { level: previous.level, days: previous.days + MIN_DAYS_BETWEEN_REMINDERS },
      });
    }
    previous = { level: index + 1, days };
  });
  const daysBefore = wholeNumber(draft.courtesy.daysBefore);
  if (daysBefore === null || daysBefore < 1 || daysBefore > MAX_COURTESY_DAYS) {
    problems.push({ field: 'courtesy.daysBefore', key: 'dunning.policy.problem.courtesy', values: { max: MAX_COURTESY_DAYS } });
  }
  const from = wholeNumber(draft.sendFromHour);
  const until = wholeNumber(draft.sendUntilHour);
  if (from === null || until === null || from > 23 || until > 24 || until - from < 1) {
    problems.push({ field: 'sendFromHour', key: 'dunning.policy.problem.hours' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    policy: {
      courtesy: { enabled: draft.courtesy.enabled, daysBefore: daysBefore as number },
      level1: { enabled: draft.level1.enabled, delayDays: delays[0] as number },
      level2: { enabled: draft.level2.enabled, delayDays: delays[1] as number },
      level3: { enabled: draft.level3.enabled, delayDays: delays[2] as number },
      sendFromHour: from as number,
      sendUntilHour: until as number,
    },
  };
}

/** One line of an invoice's collection log, as the API gives it (its schema types entries loosely). */
export type CollectionEntryView =
  | { type: 'reminder'; at: string; level: number; status: 'pending' | 'queued' | 'draft' | 'dropped' }
  | { type: 'pause'; at: string; reason: string; resumedAt: string | null }
  | { type: 'call' | 'promise_to_pay' | 'note'; at: string; text: string; promisedOn: string | null; promisedAmount: string | null };

/** The sentence key of an entry and its values (dates and amounts formatted by the caller). */
export function entryMessage(entry: CollectionEntryView): { key: MessageKey; values: Record<string, string | number> } {
  switch (entry.type) {
    case 'reminder':
      return { key: `dunning.entry.reminder.${entry.status}`, values: { level: entry.level } };
    case 'pause':
      return { key: entry.resumedAt ? 'dunning.entry.pauseEnded' : 'dunning.entry.pause', values: { reason: entry.reason } };
    case 'call':
      return { key: 'dunning.entry.call', values: { text: entry.text } };
    case 'promise_to_pay':
      return { key: 'dunning.entry.promise', values: { text: entry.text } };
    case 'note':
      return { key: 'dunning.entry.note', values: { text: entry.text } };
  }
}

export const NOTE_KINDS = ['call', 'promise_to_pay', 'note'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface NoteDraft {
  kind: NoteKind;
  text: string;
  promisedOn: string;
  promisedAmount: string;
}

const AMOUNT = /^\d{1,13}(?:[.,]\d{1,2})?$/;

export type NoteCheck =
  | { ok: true; body: { kind: NoteKind; text: string; promisedOn?: string; promisedAmount?: string } }
  | { ok: false; field: 'text' | 'promisedOn' | 'promisedAmount'; key: MessageKey };

/** A note of the collection log, with the API's limits: text 1–2000, a promise's day and optional amount above 0. */
export function checkNote(draft: NoteDraft): NoteCheck {
  const text = draft.text.trim();
  if (text.length === 0 || text.length > 2000) return { ok: false, field: 'text', key: 'dunning.note.problem.text' };
  if (draft.kind !== 'promise_to_pay') return { ok: true, body: { kind: draft.kind, text } };
  // "31/12/2026" as people write it, or "2026-12-31": the API takes the ISO day.
  const promisedOn = parseDay(draft.promisedOn);
  if (!promisedOn) return { ok: false, field: 'promisedOn', key: 'dunning.note.problem.promisedOn' };
  const amount = draft.promisedAmount.trim();
  if (amount === '') return { ok: true, body: { kind: draft.kind, text, promisedOn } };
  if (!AMOUNT.test(amount) || !/[1-9]/.test(amount)) return { ok: false, field: 'promisedAmount', key: 'dunning.note.problem.promisedAmount' };
  return { ok: true, body: { kind: draft.kind, text, promisedOn, promisedAmount: amount.replace(',', '.') } };
}
