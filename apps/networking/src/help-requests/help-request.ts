import {
  compareDates,
  daysBetween,
  DomainError,
  ErrorCode,
  formatCents,
  HelpContributionStatus,
  HelpOfferInput,
  HelpOfferPerson,
  HelpRequestInput,
  HelpRequestStatus,
  HelpReturn,
  HelpSettlement,
  HelpVisibility,
  HELP_RETURNS,
  HELP_VISIBILITIES,
  invalidField,
  isIsoDate,
  isUuid,
  optionalText,
  parseCents,
  requiredText,
  roundHalfAwayFromZero,
} from '@kpa/contracts';

/**
 * A help request between sites, as pure rules: what a request must say, who sees it, and its
 * lifecycle (open → offers → accepted → done → confirmed; cancelled; expired) with one refusal code
 * per refused step. No Nest, no SQL: the service loads the request, asks here, writes the result.
 */

// ---- the lifecycle -------------------------------------------------------------------------

export const HELP_ACTIONS = ['offer', 'accept', 'decline', 'record_done', 'confirm', 'cancel', 'expire'] as const;
export type HelpAction = (typeof HELP_ACTIONS)[number];

/** Each refused action has its own code (409: the request is not in the state for it), with the state in details. */
export const REFUSAL_OF: Record<HelpAction, ErrorCode> = {
  offer: 'HELP_REQUEST_NOT_OPEN',
  accept: 'HELP_OFFER_NOT_ACCEPTABLE',
  decline: 'HELP_OFFER_NOT_DECLINABLE',
  record_done: 'HELP_REQUEST_NOT_ACCEPTED',
  confirm: 'HELP_REQUEST_NOT_DONE',
  cancel: 'HELP_REQUEST_NOT_CANCELLABLE',
  expire: 'HELP_REQUEST_NOT_EXPIRABLE',
};

const MESSAGES: Record<HelpAction, (status: HelpRequestStatus) => string> = {
  offer: (s) => `This help request is ${s}: offers are taken only while it is open (not yet done, cancelled or expired).`,
  accept: (s) => (s === 'open' ? 'This help request has no offer to accept yet.' : `This help request is ${s}: offers are accepted only before the help is recorded as done.`),
  decline: (s) => (s === 'open' ? 'This help request has no offer to decline.' : `This help request is ${s}: offers are declined only before the help is recorded as done.`),
  record_done: (s) =>
    s === 'open' || s === 'offers'
      ? 'Accept at least one offer before recording the hours given.'
      : `This help request is ${s}: the hours are recorded once, after offers were accepted.`,
  confirm: (s) => `This help request is ${s}: hours are confirmed once the requester has recorded them as done, and only once.`,
  cancel: (s) => `This help request is ${s}: only a request not yet done can be cancelled.`,
  expire: (s) => `This help request is ${s}: only an open request without an accepted offer expires.`,
};

/**
 * The transition table: the next status when the action is allowed from a status. Offers keep
 * coming after one was accepted (a requester may accept several); `confirm` stays in `done`
 * until every helping site has confirmed (the service then moves it to `confirmed`).
 */
const TRANSITIONS: Record<HelpRequestStatus, Partial<Record<HelpAction, HelpRequestStatus>>> = {
  open: { offer: 'offers', cancel: 'cancelled', expire: 'expired' },
  offers: { offer: 'offers', accept: 'accepted', decline: 'offers', cancel: 'cancelled', expire: 'expired' },
  accepted: { offer: 'accepted', accept: 'accepted', decline: 'accepted', record_done: 'done', cancel: 'cancelled' },
  done: { confirm: 'done' },
  confirmed: {},
  cancelled: {},
  expired: {},
};

/** The next status, or the refusal (a DomainError with the action's code and the status in details). */
export function helpTransition(status: HelpRequestStatus, action: HelpAction): HelpRequestStatus {
  const next = TRANSITIONS[status][action];
  if (next === undefined) throw new DomainError(REFUSAL_OF[action], MESSAGES[action](status), { status, action });
  return next;
}

/**
 * The status a reader sees: an open request (no accepted offer) past its end date has expired —
 * computed on read, so nothing needs to run at midnight; the stored status catches up when the
 * request is next written.
 */
export function effectiveStatus(stored: HelpRequestStatus, endsOn: string, today: string): HelpRequestStatus {
  if ((stored === 'open' || stored === 'offers') && compareDates(today, endsOn) > 0) return 'expired';
  return stored;
}

/** After a decline, a request with no pending offer left is open again (an accepted one stays accepted). */
export function statusAfterDecline(status: HelpRequestStatus, pendingOffersLeft: number): HelpRequestStatus {
  const next = helpTransition(status, 'decline');
  return next === 'offers' && pendingOffersLeft === 0 ? 'open' : next;
}

// ---- a helping site's hours after the help ---------------------------------------------------

export type ContributionAction = 'confirm' | 'correct' | 'confirm_correction';

/**
 * A helping site's hours: recorded by the requester (awaiting the helper), confirmed by the
 * helper, or corrected by the helper (awaiting the requester), whose confirmation settles them.
 */
export function contributionTransition(status: HelpContributionStatus, action: ContributionAction): HelpContributionStatus {
  if (status === 'confirmed')
    throw new DomainError('HELP_HOURS_ALREADY_CONFIRMED', 'These hours are already confirmed: a correction now is a reversing movement in the reciprocity ledger.', {
      status,
      action,
    });
  if (action === 'confirm_correction') {
    if (status !== 'awaiting_requester')
      throw new DomainError('HELP_HOURS_NOT_AWAITING', 'No correction is waiting for the requester: the helping site confirms or corrects first.', { status, action });
    return 'confirmed';
  }
  if (status !== 'awaiting_helper')
    throw new DomainError('HELP_HOURS_NOT_AWAITING', "The helping site corrected these hours: the requester's coordinator confirms the correction now.", { status, action });
  return action === 'confirm' ? 'confirmed' : 'awaiting_requester';
}

// ---- what a request says -----------------------------------------------------------------------

/** A request spans at most a year: longer is a partnership, not a help request. */
export const MAX_HELP_DAYS = 366;
/** Nobody records more hours than this on one request (10 people × 100 days × 10 h). */
export const MAX_HELP_HUNDREDTHS = 1_000_000;
const MAX_AMOUNT_PER_HOUR_CENTS = 100_000;

export interface HelpRequestData {
  title: string;
  description: string | null;
  activityPole: string | null;
  skills: string[];
  startsOn: string;
  endsOn: string;
  place: string;
  peopleNeeded: number | null;
  hoursNeeded: number | null;
  returnKind: HelpReturn;
  reciprocityHours: number | null;
  amountPerHourCents: number | null;
  visibility: HelpVisibility;
  visibleToSiteIds: string[];
}

/** Hundredths of an hour of "7.5"; positive (or ≥ 0 with `allowZero`), at most MAX_HELP_HUNDREDTHS. */
export function hoursField(value: unknown, field: string, allowZero = false): number {
  const hundredths = parseCents(value);
  if (hundredths === undefined || hundredths > MAX_HELP_HUNDREDTHS || (!allowZero && hundredths === 0)) {
    throw invalidField(field, `${field} must be a number of hours written like "7", "7.5" or "7.25" (a string, more than 0, at most ${MAX_HELP_HUNDREDTHS / 100}).`);
  }
  return hundredths;
}

function optionalHours(value: unknown, field: string): number | null {
  return value === undefined || value === null ? null : hoursField(value, field);
}

function skillList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 20) throw invalidField('skills', 'skills must be a list of at most 20 skills.');
  const skills = value.map((skill, i) => requiredText(skill, `skills[${i}]`, 1, 60));
  return [...new Set(skills)];
}

export function newHelpRequest(input: HelpRequestInput, requesterSiteId: string, today: string): HelpRequestData {
  const title = requiredText(input.title, 'title', 1, 200);
  if (!isIsoDate(input.startsOn)) throw invalidField('startsOn', 'startsOn is required: a date written YYYY-MM-DD.');
  if (!isIsoDate(input.endsOn)) throw invalidField('endsOn', 'endsOn is required: a date written YYYY-MM-DD.');
  if (compareDates(input.endsOn, input.startsOn) < 0) throw invalidField('endsOn', `endsOn (${input.endsOn}) must not be before startsOn (${input.startsOn}).`);
  if (daysBetween(input.startsOn, input.endsOn) + 1 > MAX_HELP_DAYS) throw invalidField('endsOn', `A help request spans at most ${MAX_HELP_DAYS} days: split it.`);
  if (compareDates(input.endsOn, today) < 0) throw invalidField('endsOn', `endsOn (${input.endsOn}) is already past: a help request is for work still to do.`);
  const peopleNeeded = input.peopleNeeded ?? null;
  if (peopleNeeded !== null && (typeof peopleNeeded !== 'number' || !Number.isInteger(peopleNeeded) || peopleNeeded < 1 || peopleNeeded > 100)) {
    throw invalidField('peopleNeeded', 'peopleNeeded must be a whole number from 1 to 100.');
  }
  const hoursNeeded = optionalHours(input.hoursNeeded, 'hoursNeeded');
  if (peopleNeeded === null && hoursNeeded === null) throw invalidField('peopleNeeded', 'Say how many people (peopleNeeded) or how many hours (hoursNeeded) you need.');
  if (!(HELP_RETURNS as readonly string[]).includes(input.returnKind)) throw invalidField('returnKind', `returnKind must be one of ${HELP_RETURNS.join(', ')}.`);
  const reciprocityHours = optionalHours(input.reciprocityHours, 'reciprocityHours');
  let amountPerHourCents: number | null = null;
  if (input.returnKind === 'paid') {
    const cents = parseCents(input.amountPerHour);
    if (cents === undefined || cents === 0 || cents > MAX_AMOUNT_PER_HOUR_CENTS) {
      throw invalidField('amountPerHour', 'Paid help needs amountPerHour: an amount in euros like "18" or "18.50" (more than 0, at most 1000).');
    }
    amountPerHourCents = cents;
    if (reciprocityHours !== null) throw invalidField('reciprocityHours', 'Paid help is settled in money: leave reciprocityHours out.');
  } else if (input.amountPerHour !== undefined && input.amountPerHour !== null) {
    throw invalidField('amountPerHour', 'amountPerHour is for paid help only (returnKind "paid").');
  }
  if (!(HELP_VISIBILITIES as readonly string[]).includes(input.visibility)) throw invalidField('visibility', `visibility must be one of ${HELP_VISIBILITIES.join(', ')}.`);
  let visibleToSiteIds: string[] = [];
  if (input.visibility === 'sites') {
    const ids = input.visibleToSiteIds ?? [];
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100 || !ids.every(isUuid)) {
      throw invalidField('visibleToSiteIds', 'visibility "sites" needs visibleToSiteIds: 1 to 100 site ids.');
    }
    visibleToSiteIds = [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => id !== requesterSiteId);
    if (visibleToSiteIds.length === 0) throw invalidField('visibleToSiteIds', 'Name at least one site other than yours.');
  } else if (input.visibleToSiteIds !== undefined && input.visibleToSiteIds.length > 0) {
    throw invalidField('visibleToSiteIds', 'visibleToSiteIds is for visibility "sites" only.');
  }
  return {
    title,
    description: optionalText(input.description, 'description', 2000),
    activityPole: optionalText(input.activityPole, 'activityPole', 100),
    skills: skillList(input.skills),
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    place: requiredText(input.place, 'place', 1, 300),
    peopleNeeded,
    hoursNeeded,
    returnKind: input.returnKind,
    reciprocityHours,
    amountPerHourCents,
    visibility: input.visibility,
    visibleToSiteIds,
  };
}

/** Who sees a request: its own site, the sites it names (or every site for `region`), a network admin. */
export function isVisibleTo(request: { siteId: string; visibility: HelpVisibility; visibleToSiteIds: string[] }, viewer: { networkAdmin: boolean; siteIds: string[] }): boolean {
  if (viewer.networkAdmin) return true;
  if (viewer.siteIds.includes(request.siteId)) return true;
  if (request.visibility === 'region') return viewer.siteIds.length > 0;
  return viewer.siteIds.some((id) => request.visibleToSiteIds.includes(id));
}

export interface OfferData {
  fromSiteId: string;
  people: HelpOfferPerson[];
  hours: number;
  note: string | null;
}

export function newOffer(input: HelpOfferInput, requesterSiteId: string): OfferData {
  if (!isUuid(input.fromSiteId)) throw invalidField('fromSiteId', 'fromSiteId must be the id of the site that offers.');
  const fromSiteId = input.fromSiteId.toLowerCase();
  if (fromSiteId === requesterSiteId) throw new DomainError('HELP_OFFER_OWN_REQUEST', 'A site does not offer help on its own request: another site does.', { fromSiteId });
  if (!Array.isArray(input.people) || input.people.length > 50)
    throw invalidField('people', 'people must be a list of at most 50 people (it may be empty when you offer hours only).');
  const people = input.people.map((person, i) => {
    if (person.memberId !== undefined && person.memberId !== null && !isUuid(person.memberId))
      throw invalidField(`people[${i}].memberId`, `people[${i}].memberId must be a member's id.`);
    const memberId = person.memberId ? person.memberId.toLowerCase() : null;
    return { memberId, firstName: requiredText(person.firstName, `people[${i}].firstName`, 1, 60) };
  });
  return { fromSiteId, people, hours: hoursField(input.hours, 'hours'), note: optionalText(input.note, 'note', 1000) };
}

/**
 * The hours given per helping site, as the requester records them: every site named had an
 * accepted offer, each once. Accepted sites left out gave nothing (no hours, no movement).
 */
export function doneHours(entries: { siteId: string; hours: string }[], acceptedSiteIds: string[]): { siteId: string; hours: number }[] {
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > 100)
    throw invalidField('hours', 'hours must list, for each helping site, the hours it gave: [{ siteId, hours }].');
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const siteId = typeof entry?.siteId === 'string' ? entry.siteId.toLowerCase() : '';
    if (!acceptedSiteIds.includes(siteId)) {
      throw new DomainError('HELP_HOURS_SITE_NOT_ACCEPTED', `hours[${i}].siteId is not a site whose offer you accepted: record hours only for sites that helped.`, {
        field: `hours[${i}].siteId`,
        acceptedSiteIds,
      });
    }
    if (seen.has(siteId)) throw invalidField(`hours[${i}].siteId`, `hours[${i}].siteId appears twice: give each site's hours once.`);
    seen.add(siteId);
    return { siteId, hours: hoursField(entry.hours, `hours[${i}].hours`) };
  });
}

/** The help is recorded as done once it started: not before its first day. */
export function checkStarted(startsOn: string, today: string): void {
  if (compareDates(today, startsOn) < 0)
    throw new DomainError('HELP_REQUEST_NOT_STARTED', `This help starts on ${startsOn}: record the hours given once it has happened.`, { startsOn });
}

/** Paid help: hours × amount per hour, rounded to the cent (half away from zero). */
export function amountDueCents(hundredths: number, amountPerHourCents: number): number {
  return Number(roundHalfAwayFromZero(BigInt(hundredths) * BigInt(amountPerHourCents), 100n));
}

/** Two sites hosted by one host structure settle paid help as an internal transfer: recorded, never invoiced. */
export function settlementOf(requesterHost: string | null, helperHost: string | null): HelpSettlement {
  return requesterHost !== null && requesterHost === helperHost ? 'internal_transfer' : 'between_host_structures';
}

export function formatAmount(cents: number | null): string | null {
  return cents === null ? null : formatCents(cents);
}
