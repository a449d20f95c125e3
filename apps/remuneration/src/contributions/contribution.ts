import { compareDates, DomainError, isIsoDate } from '@kpa/contracts';
import { isoWeekOf } from '../periods/period';
import { formatHours, parseHundredths } from '../units';

/**
 * Contributive time (ContributiveDay and its kin): time a member gives to the common project,
 * recorded as working time paid through the pot (docs/domain-rules.md §5.3: never free labour). A member
 * logs it, a coordinator validates or rejects it: submitted → validated | rejected.
 *
 * Minors (C. trav. L3162-1, R3162-1 ff.; docs/domain-rules.md §4.2): at most 8 h a day and 35 h a week (ISO
 * week, Monday to Sunday), counting their other time (other contributions, mission hours), and no
 * work between 22:00 and 06:00. Without a start time only the daily and weekly limits can be checked.
 */

export const CONTRIBUTION_KINDS = ['contributive_day', 'collective_task', 'peer_training'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** The kinds of collective task; required for collective_task, absent otherwise. */
export const COLLECTIVE_TASKS = ['cleaning', 'accounting', 'communication', 'other'] as const;
export type CollectiveTask = (typeof COLLECTIVE_TASKS)[number];

export const CONTRIBUTION_STATUSES = ['submitted', 'validated', 'rejected'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

export const MAX_CONTRIBUTION_HUNDREDTHS = 2400;
export const MAX_CONTRIBUTION_NOTE_LENGTH = 1000;
export const MAX_REJECTION_REASON_LENGTH = 500;

/** Minors' limits, in hundredths of an hour and seconds of the day. */
export const MINOR_DAILY_LIMIT_HUNDREDTHS = 800;
export const MINOR_WEEKLY_LIMIT_HUNDREDTHS = 3500;
const NIGHT_ENDS_AT = 6 * 3600;
const NIGHT_STARTS_AT = 22 * 3600;
/** An hundredth of an hour is 36 seconds. */
const SECONDS_PER_HUNDREDTH = 36;

export interface ContributionInput {
  kind?: unknown;
  task?: unknown;
  date?: unknown;
  hours?: unknown;
  startTime?: unknown;
  note?: unknown;
}

export interface ContributionData {
  kind: ContributionKind;
  task: CollectiveTask | null;
  date: string;
  hundredths: number;
  /** Minutes after midnight, or null when not given. */
  startMinutes: number | null;
  note: string | null;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** "HH:MM" (00:00 to 23:59) in minutes after midnight; undefined if it is not one. */
export function parseStartTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function formatStartTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Checks a contributive time entry as a member or coordinator writes it; `today` bounds the date. */
export function checkContribution(input: ContributionInput, today: string): ContributionData {
  if (!CONTRIBUTION_KINDS.includes(input.kind as ContributionKind)) throw invalid('kind', `kind must be one of ${CONTRIBUTION_KINDS.join(', ')}.`);
  const kind = input.kind as ContributionKind;
  let task: CollectiveTask | null = null;
  if (kind === 'collective_task') {
    if (!COLLECTIVE_TASKS.includes(input.task as CollectiveTask)) throw invalid('task', `A collective task needs task: one of ${COLLECTIVE_TASKS.join(', ')}.`);
    task = input.task as CollectiveTask;
  } else if (input.task !== undefined && input.task !== null) {
    throw invalid('task', 'task is for kind collective_task only: remove it.');
  }
  if (!isIsoDate(input.date)) throw invalid('date', 'date must be the day of the contribution, written YYYY-MM-DD.');
  if (compareDates(input.date, today) > 0) throw invalid('date', `date (${input.date}) is in the future: log time once it is done.`);
  const hundredths = parseHundredths(input.hours);
  if (hundredths === undefined || hundredths === 0 || hundredths > MAX_CONTRIBUTION_HUNDREDTHS) {
    throw invalid('hours', 'hours must be a decimal string above 0 and at most 24, with at most 2 decimals ("3.5").');
  }
  let startMinutes: number | null = null;
  if (input.startTime !== undefined && input.startTime !== null) {
    const parsed = parseStartTime(input.startTime);
    if (parsed === undefined) throw invalid('startTime', 'startTime must be a time written HH:MM (00:00 to 23:59).');
    if (parsed * 60 + hundredths * SECONDS_PER_HUNDREDTH > 24 * 3600) {
      throw invalid('hours', `${formatHours(hundredths)} h from ${formatStartTime(parsed)} runs past midnight: log the time after midnight on the next day.`);
    }
    startMinutes = parsed;
  }
  let note: string | null = null;
  if (input.note !== undefined && input.note !== null && !(typeof input.note === 'string' && input.note.trim() === '')) {
    if (typeof input.note !== 'string' || input.note.trim().length > MAX_CONTRIBUTION_NOTE_LENGTH)
      throw invalid('note', `note must be text of at most ${MAX_CONTRIBUTION_NOTE_LENGTH} characters.`);
    note = input.note.trim();
  }
  return { kind, task, date: input.date, hundredths, startMinutes, note };
}

/** Under 18 on that day; `adultOn` is the 18th birthday (null for adults), as membership publishes it. */
export function isMinorOn(adultOn: string | null, date: string): boolean {
  return adultOn !== null && compareDates(date, adultOn) < 0;
}

/** Time the member already worked: other contributions (not rejected) and mission hours. */
export interface WorkedTime {
  date: string;
  hundredths: number;
}

/**
 * Refuses, for a member who is a minor on the entry's date: work between 22:00 and 06:00
 * (MINOR_NIGHT_WORK), more than 8 h that day (MINOR_DAILY_HOURS_EXCEEDED) or more than 35 h that ISO
 * week (MINOR_WEEKLY_HOURS_EXCEEDED), counting `others` (which must not include the entry itself).
 */
export function checkMinorWorkingTime(entry: Pick<ContributionData, 'date' | 'hundredths' | 'startMinutes'>, adultOn: string | null, others: readonly WorkedTime[]): void {
  if (!isMinorOn(adultOn, entry.date)) return;
  if (entry.startMinutes !== null) {
    const start = entry.startMinutes * 60;
    const end = start + entry.hundredths * SECONDS_PER_HUNDREDTH;
    if (start < NIGHT_ENDS_AT || end > NIGHT_STARTS_AT) {
      throw new DomainError(
        'MINOR_NIGHT_WORK',
        `A member under 18 may not work between 22:00 and 06:00 (C. trav. L3163-2): ${formatHours(entry.hundredths)} h from ${formatStartTime(entry.startMinutes)} crosses that time.`,
        {
          date: entry.date,
          startTime: formatStartTime(entry.startMinutes),
          hours: formatHours(entry.hundredths),
        },
      );
    }
  }
  const sameDay = others.filter((o) => o.date === entry.date).reduce((sum, o) => sum + o.hundredths, 0);
  if (sameDay + entry.hundredths > MINOR_DAILY_LIMIT_HUNDREDTHS) {
    throw new DomainError(
      'MINOR_DAILY_HOURS_EXCEEDED',
      `A member under 18 may work at most 8 h a day (C. trav. L3162-1): ${formatHours(sameDay)} h already recorded on ${entry.date}, so at most ${formatHours(Math.max(0, MINOR_DAILY_LIMIT_HUNDREDTHS - sameDay))} h more.`,
      {
        date: entry.date,
        alreadyRecorded: formatHours(sameDay),
        limit: formatHours(MINOR_DAILY_LIMIT_HUNDREDTHS),
      },
    );
  }
  const week = isoWeekOf(entry.date);
  const sameWeek = others.filter((o) => compareDates(week.startsOn, o.date) <= 0 && compareDates(o.date, week.endsOn) <= 0).reduce((sum, o) => sum + o.hundredths, 0);
  if (sameWeek + entry.hundredths > MINOR_WEEKLY_LIMIT_HUNDREDTHS) {
    throw new DomainError(
      'MINOR_WEEKLY_HOURS_EXCEEDED',
      `A member under 18 may work at most 35 h a week (C. trav. L3162-1): ${formatHours(sameWeek)} h already recorded in the week of ${week.startsOn}, so at most ${formatHours(Math.max(0, MINOR_WEEKLY_LIMIT_HUNDREDTHS - sameWeek))} h more.`,
      {
        weekStartsOn: week.startsOn,
        alreadyRecorded: formatHours(sameWeek),
        limit: formatHours(MINOR_WEEKLY_LIMIT_HUNDREDTHS),
      },
    );
  }
}

export type ContributionDecision = 'validate' | 'reject';

/**
 * A coordinator's decision on a submitted entry; a decided entry stays decided
 * (CONTRIBUTION_TRANSITION_REFUSED). A rejection may say why (≤ 500 characters).
 */
export function decideContribution(status: ContributionStatus, decision: ContributionDecision, reason?: unknown): { status: ContributionStatus; rejectionReason: string | null } {
  if (status !== 'submitted')
    throw new DomainError('CONTRIBUTION_TRANSITION_REFUSED', `This contribution is already ${status}: only a submitted one can be validated or rejected.`, { status, decision });
  if (decision === 'validate') return { status: 'validated', rejectionReason: null };
  if (reason === undefined || reason === null || (typeof reason === 'string' && reason.trim() === '')) return { status: 'rejected', rejectionReason: null };
  if (typeof reason !== 'string' || reason.trim().length > MAX_REJECTION_REASON_LENGTH)
    throw invalid('reason', `reason must be text of at most ${MAX_REJECTION_REASON_LENGTH} characters.`);
  return { status: 'rejected', rejectionReason: reason.trim() };
}

/** Hours per kind and status (hundredths), for the ledger's totals; rejected entries count nowhere. */
export function contributionTotals(
  entries: readonly { kind: ContributionKind; status: ContributionStatus; hundredths: number }[],
): Record<ContributionKind, { validated: number; submitted: number }> {
  const totals = Object.fromEntries(CONTRIBUTION_KINDS.map((k) => [k, { validated: 0, submitted: 0 }])) as Record<ContributionKind, { validated: number; submitted: number }>;
  for (const e of entries) if (e.status !== 'rejected') totals[e.kind][e.status] += e.hundredths;
  return totals;
}
