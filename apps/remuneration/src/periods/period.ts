import { addDays, addMonths, compareDates, DomainError, isIsoDate, PeriodActor } from '@kpa/contracts';

/**
 * Remuneration periods: their dates and their lifecycle.
 *
 * Pay is monthly (C. trav. L3242-1; docs/domain-rules.md §5.3), so a period never spans two months: a month
 * by default, or weeks (ISO, Monday to Sunday) cut at month ends so the weeks of a month add up to
 * exactly that month. Periods of a site never overlap.
 *
 * Lifecycle: open → closed → approved → exported → paid. Closing freezes the figures and proposes
 * them to everyone; while closed, members may object and a coordinator may reopen (to correct) or
 * approve (once every objection is answered). An approved period never changes: what arrives later
 * for its dates goes into the next open period (carry-over).
 */

export const PERIOD_STATUSES = ['open', 'closed', 'approved', 'exported', 'paid'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export const PERIOD_LENGTHS = ['month', 'week'] as const;
export type PeriodLength = (typeof PERIOD_LENGTHS)[number];

export const PERIOD_ACTIONS = ['close', 'reopen', 'approve', 'export', 'mark_paid'] as const;
export type PeriodAction = (typeof PERIOD_ACTIONS)[number];

export interface PeriodDates {
  /** First day, YYYY-MM-DD. */
  startsOn: string;
  /** Last day, inclusive. */
  endsOn: string;
}

export interface KnownPeriod extends PeriodDates {
  id: string;
  status: PeriodStatus;
}

export const MAX_OBJECTION_LENGTH = 2000;

function firstOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/** The calendar month containing `date`. */
export function monthPeriodOf(date: string): PeriodDates {
  const startsOn = firstOfMonth(date);
  return { startsOn, endsOn: addDays(addMonths(startsOn, 1), -1) };
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The ISO week (Monday to Sunday) containing `date`. */
export function isoWeekOf(date: string): PeriodDates {
  const startsOn = addDays(date, 1 - isoWeekday(date));
  return { startsOn, endsOn: addDays(startsOn, 6) };
}

/** The period of the given length containing `date`: its month, or its ISO week cut to its month. */
export function periodOf(date: string, length: PeriodLength): PeriodDates {
  const month = monthPeriodOf(date);
  if (length === 'month') return month;
  const week = isoWeekOf(date);
  return {
    startsOn: compareDates(week.startsOn, month.startsOn) < 0 ? month.startsOn : week.startsOn,
    endsOn: compareDates(week.endsOn, month.endsOn) > 0 ? month.endsOn : week.endsOn,
  };
}

/** The period that follows: it starts the day after `period` ends. */
export function nextPeriodDates(period: PeriodDates, length: PeriodLength): PeriodDates {
  return periodOf(addDays(period.endsOn, 1), length);
}

/** The month whose payroll a period belongs to ("2026-03"): the weeks of a month are paid together. */
export function payMonthOf(period: PeriodDates): string {
  return period.startsOn.slice(0, 7);
}

export function contains(period: PeriodDates, date: string): boolean {
  return compareDates(period.startsOn, date) <= 0 && compareDates(date, period.endsOn) <= 0;
}

/**
 * Checks the dates of a period created by hand: real dates (VALIDATION_FAILED), in order and within
 * one month (PERIOD_INVALID_DATES).
 */
export function checkPeriodDates(startsOn: unknown, endsOn: unknown): PeriodDates {
  if (!isIsoDate(startsOn)) throw new DomainError('VALIDATION_FAILED', 'startsOn must be a date written YYYY-MM-DD.', { field: 'startsOn' });
  if (!isIsoDate(endsOn)) throw new DomainError('VALIDATION_FAILED', 'endsOn must be a date written YYYY-MM-DD.', { field: 'endsOn' });
  if (compareDates(endsOn, startsOn) < 0) throw new DomainError('PERIOD_INVALID_DATES', `endsOn (${endsOn}) must not be before startsOn (${startsOn}).`, { field: 'endsOn' });
  if (startsOn.slice(0, 7) !== endsOn.slice(0, 7)) {
    throw new DomainError(
      'PERIOD_INVALID_DATES',
      `A period stays within one month because pay is monthly: end it on ${monthPeriodOf(startsOn).endsOn} at the latest, and start the next one on the 1st.`,
      { field: 'endsOn' },
    );
  }
  return { startsOn, endsOn };
}

/** Refuses a period that shares a day with another of the site's periods (PERIOD_OVERLAP, with its id). */
export function checkNoOverlap(candidate: PeriodDates, existing: readonly (PeriodDates & { id: string })[]): void {
  const clash = existing
    .filter((p) => compareDates(p.startsOn, candidate.endsOn) <= 0 && compareDates(candidate.startsOn, p.endsOn) <= 0)
    .sort((a, b) => compareDates(a.startsOn, b.startsOn))[0];
  if (clash) {
    throw new DomainError('PERIOD_OVERLAP', `This period overlaps period ${clash.id} (${clash.startsOn} to ${clash.endsOn}): choose dates outside it.`, {
      periodId: clash.id,
      startsOn: clash.startsOn,
      endsOn: clash.endsOn,
    });
  }
}

/**
 * Where a ledger entry (payment, mission hours, expense…) dated `date` goes: the period containing
 * the date while it is open; once that period is closed or beyond, the earliest open period after
 * it (a late entry is carried over, never written into frozen figures). `create` when the period to
 * use does not exist yet.
 */
export function ledgerPeriodFor(date: string, periods: readonly KnownPeriod[], length: PeriodLength): { periodId: string } | { create: PeriodDates } {
  const containing = periods.find((p) => contains(p, date));
  if (!containing) return { create: periodOf(date, length) };
  if (containing.status === 'open') return { periodId: containing.id };
  const laterOpen = periods.filter((p) => p.status === 'open' && compareDates(p.startsOn, containing.endsOn) > 0).sort((a, b) => compareDates(a.startsOn, b.startsOn))[0];
  if (laterOpen) return { periodId: laterOpen.id };
  const latest = periods.reduce((a, b) => (compareDates(a.endsOn, b.endsOn) >= 0 ? a : b));
  return { create: nextPeriodDates(latest, length) };
}

/** Figures (ledger, pot, shares) may change only while the period is open. */
export function figuresFrozen(status: PeriodStatus): boolean {
  return status !== 'open';
}

/** PERIOD_NOT_OPEN unless the period is open (recording hours, giving points…). */
export function assertPeriodOpen(status: PeriodStatus, what: string): void {
  if (status !== 'open') throw new DomainError('PERIOD_NOT_OPEN', `The period is ${status}: ${what} only while it is open.`, { status });
}

const TRANSITIONS: Record<PeriodAction, { from: readonly PeriodStatus[]; to: PeriodStatus }> = {
  close: { from: ['open'], to: 'closed' },
  reopen: { from: ['closed'], to: 'open' },
  approve: { from: ['closed'], to: 'approved' },
  // The export may be downloaded again: it stays exported.
  export: { from: ['approved', 'exported'], to: 'exported' },
  mark_paid: { from: ['exported'], to: 'paid' },
};

/**
 * The status after `action`, or PERIOD_TRANSITION_REFUSED; approving with an unanswered objection is
 * PERIOD_OBJECTIONS_PENDING. Roles (coordinators close, reopen, approve; accountants too export and
 * mark paid) are the gateway's guard's (@SiteRoles on each route).
 */
export function nextPeriodStatus(status: PeriodStatus, action: PeriodAction, context: { openObjections: number }): PeriodStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw new DomainError('PERIOD_TRANSITION_REFUSED', `A period that is ${status} cannot ${action.replace('_', ' ')}: only from ${transition.from.join(' or ')}.`, {
      status,
      action,
    });
  }
  if (action === 'approve' && context.openObjections > 0) {
    throw new DomainError(
      'PERIOD_OBJECTIONS_PENDING',
      `${context.openObjections} objection(s) are still unanswered: answer them (or reopen the period to correct it) before approving.`,
      { openObjections: context.openObjections },
    );
  }
  return transition.to;
}

function objectionText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.trim().length > MAX_OBJECTION_LENGTH) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be text of 1 to ${MAX_OBJECTION_LENGTH} characters.`, { field });
  }
  return value.trim();
}

/** A member's objection to the proposed figures: only while the period is closed (PERIOD_NOT_CLOSED). */
export function checkObjection(status: PeriodStatus, text: unknown): string {
  if (status !== 'closed') throw new DomainError('PERIOD_NOT_CLOSED', `The period is ${status}: objections are made while it is closed, before approval.`, { status });
  return objectionText(text, 'text');
}

/** A coordinator's answer to an objection: only while the period is closed. */
export function checkObjectionAnswer(status: PeriodStatus, answer: unknown): string {
  if (status !== 'closed') throw new DomainError('PERIOD_NOT_CLOSED', `The period is ${status}: objections are answered while it is closed.`, { status });
  return objectionText(answer, 'answer');
}

/**
 * Objections and recognition points come from members, as themselves: the member file linked to the
 * caller's account on the site (a coordinator or an accountant without one gives none). `what`
 * starts the refusal ("Objections are made").
 */
export function actingMember(actor: PeriodActor, what: string): string {
  if (!actor.memberId) throw new DomainError('FORBIDDEN', `${what} by members, as themselves: your account is not linked to a member file on this site.`);
  return actor.memberId.toLowerCase();
}

/** Coordinators and accountants read every objection of a period; a member only their own. */
export function readsEveryObjection(actor: PeriodActor): boolean {
  return actor.role === 'coordinator' || actor.role === 'accountant';
}
