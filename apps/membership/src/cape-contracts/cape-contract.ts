import { addDays, addMonths, ageOn, compareDates, DomainError, isIsoDate } from '@kpa/contracts';

/**
 * The rules of a CAPE (contrat d'appui au projet d'entreprise, C. com. L127-1 ff.): a first period of at
 * most 12 months, renewable twice for at most 12 months each, signed by a member old enough, and one
 * contract at a time. Pure functions: the caller passes the site's date (`today`) and the member's data.
 */

/** C. com. L127-1 ff.: a CAPE is made for at most twelve months... */
export const MAX_PERIOD_MONTHS = 12;
/** ...renewable twice (each renewal a period of at most twelve months), */
export const MAX_RENEWALS = 2;
/** so a contract covers at most 36 months from its first day. */
export const MAX_TOTAL_MONTHS = 36;
/** Under 18 on the first day, a member signs with a guardian's consent. */
export const ADULT_AGE = 18;

const REASON_LENGTH = { min: 3, max: 500 };
const ACTIVITY_LENGTH = { min: 2, max: 200 };

/** Inclusive dates. */
export interface CapePeriod {
  startsOn: string;
  endsOn: string;
}

/** A contract as the rules see it: the first period, then one per renewal, in order. */
export interface CapeContractState {
  id: string;
  memberId: string;
  periods: CapePeriod[];
  terminatedOn: string | null;
  terminationReason: string | null;
}

export type CapeStatus = 'upcoming' | 'active' | 'ended' | 'terminated';

/** What the rules need to know about the member and the site when a contract is signed. */
export interface CapeRulesContext {
  today: string;
  birthDate: string;
  /** Site setting (16 by default). */
  minimumAge: number;
  guardianConsentRecorded: boolean;
  charterRequired: boolean;
  charterSignedOn: string | null;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

function isoDate(value: unknown, field: string): string {
  if (!isIsoDate(value)) throw invalid(field, `${field} must be a calendar date written YYYY-MM-DD.`);
  return value;
}

function firstStart(state: CapeContractState): string {
  return state.periods[0].startsOn;
}

function lastEnd(state: CapeContractState): string {
  return state.periods[state.periods.length - 1].endsOn;
}

/**
 * The day `months` after `date` falls on the same day of the month; when that day does not exist
 * (29 Feb in a common year) it is the 1st of the next month, the day ageOn counts such a birthday.
 */
function anniversary(date: string, months: number): string {
  const sameDay = addMonths(date, months);
  return sameDay.slice(8) === date.slice(8) ? sameDay : addDays(sameDay, 1);
}

/** The last day of a span of `months` starting on `startsOn`: the eve of its anniversary (15 Jan to 14 Jan). */
function latestEnd(startsOn: string, months: number): string {
  return addDays(anniversary(startsOn, months), -1);
}

/** The last day the contract runs: its last period's end, or the termination date when that came first. */
export function capeEndsOn(state: CapeContractState): string {
  const end = lastEnd(state);
  return state.terminatedOn !== null && compareDates(state.terminatedOn, end) < 0 ? state.terminatedOn : end;
}

export function statusOf(state: CapeContractState, today: string): CapeStatus {
  if (state.terminatedOn !== null && compareDates(state.terminatedOn, today) <= 0) return 'terminated';
  if (compareDates(today, firstStart(state)) < 0) return 'upcoming';
  return compareDates(today, lastEnd(state)) <= 0 ? 'active' : 'ended';
}

/** One period, the first or a renewal: in order, and at most MAX_PERIOD_MONTHS long. */
function checkPeriod(period: CapePeriod): void {
  const { startsOn, endsOn } = period;
  if (compareDates(endsOn, startsOn) < 0) {
    throw new DomainError('CAPE_INVALID_DATES', `The period cannot end (${endsOn}) before it starts (${startsOn}).`, { field: 'endsOn', startsOn, endsOn });
  }
  const latest = latestEnd(startsOn, MAX_PERIOD_MONTHS);
  if (compareDates(endsOn, latest) > 0) {
    throw new DomainError('CAPE_PERIOD_TOO_LONG', `A CAPE period lasts at most ${MAX_PERIOD_MONTHS} months: starting on ${startsOn}, it must end on ${latest} at the latest.`, {
      field: 'endsOn',
      startsOn,
      endsOn,
      latestEndsOn: latest,
      maxMonths: MAX_PERIOD_MONTHS,
    });
  }
}

/** Age is judged on the first day of the contract: the site's minimum, and a guardian's consent under 18. */
function checkAge(startsOn: string, context: CapeRulesContext): void {
  const ageOnStart = ageOn(context.birthDate, startsOn);
  if (ageOnStart < context.minimumAge) {
    const earliestStartsOn = anniversary(context.birthDate, context.minimumAge * 12);
    throw new DomainError(
      'CAPE_MEMBER_TOO_YOUNG',
      `The member is ${ageOnStart} on ${startsOn}; this site signs a CAPE from age ${context.minimumAge}: start on ${earliestStartsOn} or later.`,
      { field: 'startsOn', minimumAge: context.minimumAge, ageOnStart, earliestStartsOn },
    );
  }
  if (ageOnStart < ADULT_AGE && !context.guardianConsentRecorded) {
    throw new DomainError('CAPE_GUARDIAN_CONSENT_MISSING', `The member is ${ageOnStart} on ${startsOn}: record a guardian's consent in the member's file before signing.`, {
      field: 'guardian',
      ageOnStart,
      adultAge: ADULT_AGE,
    });
  }
}

/** When the site requires it, the charter is signed on or before the first day of the contract. */
function checkCharter(startsOn: string, context: CapeRulesContext): void {
  if (!context.charterRequired) return;
  const signedOn = context.charterSignedOn;
  if (signedOn === null || compareDates(signedOn, startsOn) > 0) {
    const found = signedOn === null ? 'has not signed it' : `signed it on ${signedOn}`;
    throw new DomainError(
      'CAPE_CHARTER_NOT_SIGNED',
      `This site requires the charter to be signed before a CAPE starts (${startsOn}); the member ${found}. Record the signature or move the start date.`,
      { field: 'charterSignedOn', charterSignedOn: signedOn, startsOn },
    );
  }
}

/** One contract at a time: the days from `startsOn` to `endsOn` may not fall within another contract of the member. */
function checkNoOverlap(id: string, startsOn: string, endsOn: string, otherContracts: CapeContractState[]): void {
  for (const other of otherContracts) {
    if (other.id === id) continue;
    // A terminated contract holds its days up to its termination date only.
    const otherStartsOn = firstStart(other);
    const otherEndsOn = capeEndsOn(other);
    if (compareDates(startsOn, otherEndsOn) <= 0 && compareDates(otherStartsOn, endsOn) <= 0) {
      throw new DomainError(
        'CAPE_ALREADY_ACTIVE',
        `The member already has a CAPE from ${otherStartsOn} to ${otherEndsOn}, and holds one contract at a time: choose dates outside it, or terminate it first.`,
        { field: 'startsOn', contractId: other.id, otherStartsOn, otherEndsOn },
      );
    }
  }
}

/** A member who left signs no new contract: their return is recorded first. */
export function assertNotLeft(member: { leftOn: string | null }): void {
  if (member.leftOn !== null) {
    throw new DomainError('MEMBER_ALREADY_LEFT', `This member left on ${member.leftOn}: record their return before a new contract.`, { leftOn: member.leftOn });
  }
}

/** What the member develops under the contract, as the contract names it: trimmed, 2 to 200 characters. */
export function capeActivity(value: string | undefined): string {
  const activity = value?.trim() ?? '';
  if (activity.length < ACTIVITY_LENGTH.min || activity.length > ACTIVITY_LENGTH.max) {
    throw new DomainError('VALIDATION_FAILED', 'activity must say in 2 to 200 characters what the member develops (e.g. "cuisine du monde").', { field: 'activity' });
  }
  return activity;
}

/** Signs a contract: one period from `startsOn` to `endsOn`. `otherContracts` are the member's other contracts. */
export function newCapeContract(
  input: { id: string; memberId: string; startsOn: string; endsOn: string },
  context: CapeRulesContext,
  otherContracts: CapeContractState[],
): CapeContractState {
  const period = { startsOn: isoDate(input.startsOn, 'startsOn'), endsOn: isoDate(input.endsOn, 'endsOn') };
  checkPeriod(period);
  checkAge(period.startsOn, context);
  checkCharter(period.startsOn, context);
  checkNoOverlap(input.id, period.startsOn, period.endsOn, otherContracts);
  return { id: input.id, memberId: input.memberId, periods: [period], terminatedOn: null, terminationReason: null };
}

/** A renewal is decided while the contract runs, at most twice, and is not open once the contract is terminated. */
function checkRenewable(state: CapeContractState, today: string): void {
  if (state.terminatedOn !== null) {
    throw new DomainError('CAPE_ALREADY_TERMINATED', `This contract was terminated on ${state.terminatedOn}: it cannot be renewed.`, {
      terminatedOn: state.terminatedOn,
    });
  }
  const renewals = state.periods.length - 1;
  if (renewals >= MAX_RENEWALS) {
    throw new DomainError('CAPE_TOO_MANY_RENEWALS', `A CAPE may be renewed ${MAX_RENEWALS} times; this one already was.`, {
      renewals,
      maxRenewals: MAX_RENEWALS,
    });
  }
  const endsOn = lastEnd(state);
  if (compareDates(today, endsOn) > 0) {
    throw new DomainError('CAPE_NOT_RENEWABLE', `This contract ended on ${endsOn}: a renewal must be decided on or before its last day.`, {
      endsOn,
      today,
    });
  }
}

/**
 * Renews the contract until `newEndsOn`: the new period starts the day after the current one ends.
 * Pass the member's other contracts so the longer contract cannot run into a later one.
 */
export function renewCapeContract(state: CapeContractState, newEndsOn: string, today: string, otherContracts: CapeContractState[] = []): CapeContractState {
  checkRenewable(state, today);
  const period = { startsOn: addDays(lastEnd(state), 1), endsOn: isoDate(newEndsOn, 'endsOn') };
  checkPeriod(period);
  const firstStartsOn = firstStart(state);
  const latest = latestEnd(firstStartsOn, MAX_TOTAL_MONTHS);
  if (compareDates(period.endsOn, latest) > 0) {
    throw new DomainError(
      'CAPE_TOTAL_TOO_LONG',
      `A CAPE covers at most ${MAX_TOTAL_MONTHS} months with its renewals: begun on ${firstStartsOn}, it must end on ${latest} at the latest.`,
      { field: 'endsOn', firstStartsOn, endsOn: period.endsOn, latestEndsOn: latest, maxMonths: MAX_TOTAL_MONTHS },
    );
  }
  checkNoOverlap(state.id, period.startsOn, period.endsOn, otherContracts);
  return { ...state, periods: [...state.periods, period] };
}

/**
 * Ends the contract early on `on`, a day within it (recorded afterwards or announced ahead, so no rule
 * depends on `today`; the parameter keeps every command on the same footing).
 */
export function terminateCapeContract(state: CapeContractState, on: string, reason: string, _today: string): CapeContractState {
  if (state.terminatedOn !== null) {
    throw new DomainError('CAPE_ALREADY_TERMINATED', `This contract was already terminated on ${state.terminatedOn}.`, { terminatedOn: state.terminatedOn });
  }
  const terminatedOn = isoDate(on, 'on');
  const startsOn = firstStart(state);
  const endsOn = lastEnd(state);
  if (compareDates(terminatedOn, startsOn) < 0 || compareDates(terminatedOn, endsOn) > 0) {
    throw new DomainError('CAPE_INVALID_DATES', `The termination date must fall within the contract, from ${startsOn} to ${endsOn}.`, {
      field: 'on',
      on: terminatedOn,
      startsOn,
      endsOn,
    });
  }
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length < REASON_LENGTH.min || trimmed.length > REASON_LENGTH.max) {
    throw invalid('reason', `reason must say in ${REASON_LENGTH.min} to ${REASON_LENGTH.max} characters why the contract ends.`);
  }
  return { ...state, terminatedOn, terminationReason: trimmed };
}
