import {
  addDays,
  compareDates,
  daysBetween,
  DomainError,
  invalidField,
  isIsoDate,
  isUuid,
  MissionAction,
  MissionChanges,
  MissionInput,
  MissionStatus,
  optionalText,
  requiredText,
} from '@kpa/contracts';
import { displayName, isMinorOn, KnownMember } from '../members/known-member';

/** The editable content of a mission, checked. */
export interface MissionData {
  title: string;
  /** Null only for a mission born from a quote, until a coordinator sets it. */
  activityPole: string | null;
  description: string | null;
  startsOn: string;
  endsOn: string;
  place: string | null;
  peopleNeeded: number;
}

/** A mission runs at most a year: its hours are checked day by day, and a mission is a piece of work, not a contract. */
export const MAX_MISSION_DAYS = 366;
/** Nobody works more than 24 hours a day: the ceiling of anyone's hours on a mission. */
export const MAX_HUNDREDTHS_PER_DAY = 2400;
/**
 * A minor works at most 8 hours a day (C. trav. L3162-1; docs/domain-rules.md §4.2, "block time records
 * above these limits for minors"): no mission may book more. The 35 h week is not checked here.
 */
export const MINOR_MAX_HUNDREDTHS_PER_DAY = 800;

const HOURS = /^(\d{1,4})(?:\.(\d{1,2}))?$/;

/** Hundredths of an hour of a decimal string with up to 2 decimals ("7.5" → 750); undefined if it is not one. */
export function parseHundredths(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = HOURS.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** "7.50" for 750 hundredths: always two decimals, as money. */
export function formatHundredths(hundredths: number): string {
  if (!Number.isSafeInteger(hundredths) || hundredths < 0) throw new RangeError(`Not a non-negative whole number of hundredths: ${hundredths}`);
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** Calendar days from startsOn to endsOn, both included (1 for a one-day mission). */
export function missionDays(startsOn: string, endsOn: string): number {
  return daysBetween(startsOn, endsOn) + 1;
}

function requiredDate(value: unknown, field: string): string {
  if (!isIsoDate(value)) throw invalidField(field, `${field} is required: a date written YYYY-MM-DD.`);
  return value;
}

function peopleNeeded(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 500) {
    throw invalidField('peopleNeeded', 'peopleNeeded must be a whole number from 1 to 500.');
  }
  return value;
}

function checkDates(startsOn: string, endsOn: string): void {
  if (compareDates(endsOn, startsOn) < 0) throw invalidField('endsOn', `endsOn (${endsOn}) must not be before startsOn (${startsOn}): a one-day mission ends the day it starts.`);
  if (missionDays(startsOn, endsOn) > MAX_MISSION_DAYS) throw invalidField('endsOn', `A mission lasts at most ${MAX_MISSION_DAYS} days: split it into several missions.`);
}

/** A mission created directly: title, activity pole, dates, place and people needed are required. */
export function newMission(input: MissionInput): MissionData {
  const startsOn = requiredDate(input.startsOn, 'startsOn');
  const endsOn = requiredDate(input.endsOn, 'endsOn');
  checkDates(startsOn, endsOn);
  return {
    title: requiredText(input.title, 'title', 1, 200),
    activityPole: requiredText(input.activityPole, 'activityPole', 1, 100),
    description: optionalText(input.description, 'description', 2000),
    startsOn,
    endsOn,
    place: requiredText(input.place, 'place', 1, 300),
    peopleNeeded: peopleNeeded(input.peopleNeeded),
  };
}

/**
 * A PATCH: the fields sent replace the current ones. Title, activity pole and place cannot be
 * blanked once set (a mission from a quote may still have no activity pole or place: PATCH fills them).
 */
export function changeMission(current: MissionData, changes: MissionChanges): MissionData {
  if (typeof changes !== 'object' || changes === null || Object.keys(changes).length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one field.');
  }
  const startsOn = changes.startsOn !== undefined ? requiredDate(changes.startsOn, 'startsOn') : current.startsOn;
  const endsOn = changes.endsOn !== undefined ? requiredDate(changes.endsOn, 'endsOn') : current.endsOn;
  checkDates(startsOn, endsOn);
  return {
    title: changes.title !== undefined ? requiredText(changes.title, 'title', 1, 200) : current.title,
    activityPole: changes.activityPole !== undefined ? requiredText(changes.activityPole, 'activityPole', 1, 100) : current.activityPole,
    description: changes.description !== undefined ? optionalText(changes.description, 'description', 2000) : current.description,
    startsOn,
    endsOn,
    place: changes.place !== undefined ? requiredText(changes.place, 'place', 1, 300) : current.place,
    peopleNeeded: changes.peopleNeeded !== undefined ? peopleNeeded(changes.peopleNeeded) : current.peopleNeeded,
  };
}

/** The mission an accepted quote creates: "<number> – <first line>", the execution dates or today, one person. */
export function missionFromQuote(
  quote: { number: string | null; executionPlace: string | null; executionStartsOn: string | null; executionEndsOn: string | null; lines: { description: string }[] },
  today: string,
): MissionData {
  const first = quote.lines[0]?.description?.trim() ?? '';
  const title = [quote.number, first].filter((part) => part && part.length > 0).join(' – ') || 'Prestation';
  const startsOn = quote.executionStartsOn ?? quote.executionEndsOn ?? today;
  let endsOn = quote.executionEndsOn ?? startsOn;
  if (compareDates(endsOn, startsOn) < 0) endsOn = startsOn;
  if (missionDays(startsOn, endsOn) > MAX_MISSION_DAYS) endsOn = addDays(startsOn, MAX_MISSION_DAYS - 1);
  const place = quote.executionPlace?.trim() ? quote.executionPlace.trim().slice(0, 300) : null;
  return { title: title.slice(0, 200), activityPole: null, description: null, startsOn, endsOn, place, peopleNeeded: 1 };
}

// ---- status machine -------------------------------------------------------------------------

const NEXT: Record<MissionAction, { from: MissionStatus[]; to: MissionStatus }> = {
  // Confirming again while team_confirmed replaces the team: after confirmation only a coordinator changes it.
  confirm_team: { from: ['planned', 'team_confirmed'], to: 'team_confirmed' },
  complete: { from: ['team_confirmed'], to: 'completed' },
  cancel: { from: ['planned', 'team_confirmed'], to: 'cancelled' },
};

export function allowedActions(status: MissionStatus): MissionAction[] {
  return (Object.keys(NEXT) as MissionAction[]).filter((action) => NEXT[action].from.includes(status));
}

/** The status after a coordinator's action, or 409 MISSION_TRANSITION_REFUSED saying what the mission allows now. */
export function transition(status: MissionStatus, action: MissionAction): MissionStatus {
  const rule = NEXT[action];
  if (!rule) throw invalidField('action', `action must be one of ${Object.keys(NEXT).join(', ')}.`);
  if (!rule.from.includes(status)) {
    const allowed = allowedActions(status);
    const hint = action === 'complete' && status === 'planned' ? ' (confirm the team first)' : '';
    throw new DomainError(
      'MISSION_TRANSITION_REFUSED',
      `The mission is ${status}: ${action.replace('_', ' ')} needs a mission that is ${rule.from.join(' or ')}${hint}. Allowed now: ${allowed.length > 0 ? allowed.join(', ') : 'nothing'}.`,
      { status, action, allowed },
    );
  }
  return rule.to;
}

/** Sign-ups, withdrawals and edits happen while the mission is planned only. */
export function assertOpen(status: MissionStatus, what: 'sign up' | 'withdraw' | 'change'): void {
  if (status === 'planned') return;
  const why =
    status === 'team_confirmed'
      ? what === 'change'
        ? 'its team is confirmed: it can no longer be edited (cancel it and plan a new one if it changed a lot)'
        : 'its team is confirmed: only a coordinator changes it now (confirm-team again, or record who really worked on completion)'
      : `it is ${status}`;
  throw new DomainError('MISSION_NOT_OPEN', `The mission is not open to ${what === 'change' ? 'changes' : `${what}s`}: ${why}.`, { status });
}

/**
 * A sign-up by an active member of the site, while planned. Signing up twice is not an error: the
 * first sign-up stands (a double click or a retried request changes nothing).
 */
export function signUpOutcome(status: MissionStatus, alreadySignedUp: boolean, member: Pick<KnownMember, 'id' | 'active' | 'firstName' | 'lastName'>): 'added' | 'already' {
  assertOpen(status, 'sign up');
  if (!member.active) {
    throw new DomainError('MEMBER_ALREADY_LEFT', `${displayName(member)} has left the site: only an active member can sign up.`, { memberId: member.id });
  }
  return alreadySignedUp ? 'already' : 'added';
}

/** Withdrawing while planned; withdrawing someone not signed up changes nothing (DELETE is idempotent). */
export function withdrawOutcome(status: MissionStatus, signedUp: boolean): 'removed' | 'absent' {
  assertOpen(status, 'withdraw');
  return signedUp ? 'removed' : 'absent';
}

/** The team a coordinator confirms: some of the sign-ups (at least one), or all of them when none are named. */
export function pickTeam(signUps: readonly string[], requested: unknown): string[] {
  if (requested === undefined || requested === null) {
    if (signUps.length === 0)
      throw new DomainError('MISSION_TEAM_EMPTY', 'Nobody has signed up for this mission yet: members sign up first (or a coordinator signs them up), then confirm the team.');
    return [...signUps];
  }
  if (!Array.isArray(requested) || requested.length === 0)
    throw invalidField('memberIds', 'memberIds must list at least one member among the sign-ups (or be left out to confirm every sign-up).');
  const team: string[] = [];
  requested.forEach((raw: unknown, index) => {
    if (typeof raw !== 'string') throw invalidField(`memberIds[${index}]`, `memberIds[${index}] must be a member id.`);
    const id = raw.toLowerCase();
    if (!signUps.includes(id)) {
      throw new DomainError(
        'MISSION_MEMBER_NOT_SIGNED_UP',
        `memberIds[${index}]: member ${id} has not signed up for this mission: sign them up first, or pick among the sign-ups.`,
        {
          field: `memberIds[${index}]`,
          memberId: id,
        },
      );
    }
    if (!team.includes(id)) team.push(id);
  });
  return team;
}

/** Every member of the team still active on the site. */
export function assertActiveTeam(team: readonly string[], members: ReadonlyMap<string, Pick<KnownMember, 'id' | 'active' | 'firstName' | 'lastName'>>): void {
  for (const id of team) {
    const member = members.get(id);
    if (member && !member.active) {
      throw new DomainError('MEMBER_ALREADY_LEFT', `${displayName(member)} has left the site since signing up: leave them out of the team.`, { memberId: id });
    }
  }
}

// ---- completion -----------------------------------------------------------------------------

export interface ParticipantHours {
  memberId: string;
  hundredths: number;
}

/** The shape of `participants`: [{memberId, hours}] with hours > 0 and up to two decimals, each member once. */
export function parseParticipants(raw: unknown): ParticipantHours[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalidField('participants', 'participants must list who worked on the mission: [{memberId, hours}] (at least one).');
  if (raw.length > 500) throw invalidField('participants', 'participants lists at most 500 people.');
  const seen = new Set<string>();
  return raw.map((entry: unknown, index) => {
    const at = `participants[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw invalidField(at, `${at} must be {memberId, hours}.`);
    const { memberId: rawId, hours } = entry as { memberId?: unknown; hours?: unknown };
    if (!isUuid(rawId)) throw invalidField(`${at}.memberId`, `${at}.memberId must be a member id (uuid).`);
    const memberId = rawId.toLowerCase();
    if (seen.has(memberId)) throw invalidField(`${at}.memberId`, `${at}.memberId: member ${memberId} is listed twice: give each participant once, with all their hours.`);
    seen.add(memberId);
    const hundredths = parseHundredths(hours);
    if (hundredths === undefined || hundredths === 0) {
      throw invalidField(`${at}.hours`, `${at}.hours must be hours worked, more than 0, written like "7" or "7.5" or "7.25" (a string, up to two decimals).`);
    }
    return { memberId, hundredths };
  });
}

export interface CompletionContext {
  startsOn: string;
  endsOn: string;
  today: string;
  /** The site's members among the participants (commerce's read model). */
  members: ReadonlyMap<string, Pick<KnownMember, 'id' | 'firstName' | 'lastName' | 'adultOn'>>;
  /**
   * One-day missions only: the hours (hundredths) each participant already has on the other
   * completed one-day missions of the site on that day.
   */
  sameDayHundredths: ReadonlyMap<string, number>;
}

/** The most a member may be booked on the mission: 8 hours for each day they are a minor, 24 for the others. */
export function hoursCeiling(member: Pick<KnownMember, 'adultOn'>, startsOn: string, endsOn: string): { hundredths: number; minorDays: number } {
  let hundredths = 0;
  let minorDays = 0;
  for (let day = startsOn; compareDates(day, endsOn) <= 0; day = addDays(day, 1)) {
    if (isMinorOn(member, day)) {
      minorDays += 1;
      hundredths += MINOR_MAX_HUNDREDTHS_PER_DAY;
    } else hundredths += MAX_HUNDREDTHS_PER_DAY;
  }
  return { hundredths, minorDays };
}

/**
 * Checks a completion: the mission has started; each participant is a member of the site (they
 * may differ from the confirmed team: someone replaced); nobody works more than 24 hours a day;
 * a minor at most 8 hours a day — on a one-day mission, with their hours on the site's other
 * one-day missions of that day; on a longer one, 8 × the days they are a minor (hours of a
 * multi-day mission are a total, not split by day).
 */
export function checkCompletion(participants: readonly ParticipantHours[], context: CompletionContext): void {
  const { startsOn, endsOn, today } = context;
  if (compareDates(today, startsOn) < 0) {
    throw new DomainError(
      'MISSION_NOT_STARTED',
      `The mission starts on ${startsOn}: it can be completed from that day on (today is ${today}). Change its dates if it took place earlier.`,
      { startsOn, today },
    );
  }
  const days = missionDays(startsOn, endsOn);
  participants.forEach(({ memberId }, index) => {
    if (!context.members.has(memberId)) {
      throw new DomainError(
        'MEMBER_NOT_FOUND',
        `participants[${index}].memberId: no member with id ${memberId} on this site (a member just registered may take a moment to reach commerce).`,
        {
          field: `participants[${index}].memberId`,
          memberId,
        },
      );
    }
  });
  participants.forEach(({ memberId, hundredths }, index) => {
    const at = `participants[${index}].hours`;
    const member = context.members.get(memberId)!;
    const ceiling = hoursCeiling(member, startsOn, endsOn);
    const name = displayName(member);
    if (days === 1 && ceiling.minorDays === 1) {
      const already = context.sameDayHundredths.get(memberId) ?? 0;
      if (already + hundredths > MINOR_MAX_HUNDREDTHS_PER_DAY) {
        const other = already > 0 ? ` and already has ${formatHundredths(already)} h on other missions that day` : '';
        throw new DomainError(
          'MINOR_DAILY_HOURS_EXCEEDED',
          `${name} is a minor: at most ${formatHundredths(MINOR_MAX_HUNDREDTHS_PER_DAY)} h of work a day. ${formatHundredths(hundredths)} h are recorded on ${startsOn}${other}: record at most ${formatHundredths(Math.max(0, MINOR_MAX_HUNDREDTHS_PER_DAY - already))} h.`,
          {
            field: at,
            memberId,
            name,
            day: startsOn,
            limit: formatHundredths(MINOR_MAX_HUNDREDTHS_PER_DAY),
            alreadyBooked: formatHundredths(already),
            hours: formatHundredths(hundredths),
          },
        );
      }
    } else if (hundredths > ceiling.hundredths && ceiling.minorDays > 0) {
      throw new DomainError(
        'MINOR_DAILY_HOURS_EXCEEDED',
        `${name} is a minor on ${ceiling.minorDays} of the mission's ${days} days: at most ${formatHundredths(MINOR_MAX_HUNDREDTHS_PER_DAY)} h of work a day, so at most ${formatHundredths(ceiling.hundredths)} h on this mission; ${formatHundredths(hundredths)} h are recorded.`,
        {
          field: at,
          memberId,
          name,
          limit: formatHundredths(ceiling.hundredths),
          dailyLimit: formatHundredths(MINOR_MAX_HUNDREDTHS_PER_DAY),
          minorDays: ceiling.minorDays,
          days,
          hours: formatHundredths(hundredths),
        },
      );
    } else if (hundredths > ceiling.hundredths) {
      throw invalidField(
        at,
        `${at}: ${formatHundredths(hundredths)} h is more than 24 hours a day over the mission's ${days} day${days > 1 ? 's' : ''} (at most ${formatHundredths(ceiling.hundredths)} h).`,
      );
    }
  });
}
