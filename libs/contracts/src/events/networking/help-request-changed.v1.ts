import { defineEvent } from '../../envelope';

/**
 * A help request between sites moved on. Site ids, dates, skills and hours only: never the people
 * an offer names (their first names stay between the two sites' coordinators).
 */
export interface HelpRequestEventBase {
  requestId: string;
  /** The requesting site. */
  siteId: string;
  status: string;
}

export interface HelpRequestPostedV1 extends HelpRequestEventBase {
  title: string;
  activityPole: string | null;
  skills: string[];
  startsOn: string;
  endsOn: string;
  returnKind: 'reciprocity' | 'paid';
  visibility: 'region' | 'sites';
  visibleToSiteIds: string[];
}

export interface HelpOfferMadeV1 extends HelpRequestEventBase {
  offerId: string;
  fromSiteId: string;
  hours: string;
  people: number;
}

export interface HelpOfferAcceptedV1 extends HelpRequestEventBase {
  offerId: string;
  fromSiteId: string;
}

export interface HelpRequestDoneV1 extends HelpRequestEventBase {
  hours: { siteId: string; hours: string }[];
}

/** One helping site's hours confirmed (the last one makes the request `confirmed`). */
export interface HelpHoursConfirmedV1 extends HelpRequestEventBase {
  helperSiteId: string;
  hours: string;
  /** Paid help: the amount due from the requesting site, and how it is settled. */
  amountDue: string | null;
  settlement: 'between_host_structures' | 'internal_transfer' | null;
  movementId: string | null;
}

export interface HelpRequestCancelledV1 extends HelpRequestEventBase {
  cancelledAt: string;
}

/** Stable: the worker and partners build on them. A breaking change is a v2 published beside it. */
export const HELP_REQUEST_POSTED_V1 = defineEvent<HelpRequestPostedV1>('networking.help_request.posted', 1);
export const HELP_OFFER_MADE_V1 = defineEvent<HelpOfferMadeV1>('networking.help_request.offer_made', 1);
export const HELP_OFFER_ACCEPTED_V1 = defineEvent<HelpOfferAcceptedV1>('networking.help_request.offer_accepted', 1);
export const HELP_REQUEST_DONE_V1 = defineEvent<HelpRequestDoneV1>('networking.help_request.done', 1);
export const HELP_HOURS_CONFIRMED_V1 = defineEvent<HelpHoursConfirmedV1>('networking.help_request.confirmed', 1);
export const HELP_REQUEST_CANCELLED_V1 = defineEvent<HelpRequestCancelledV1>('networking.help_request.cancelled', 1);
