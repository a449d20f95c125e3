import { Page, PageRequest } from '../page';
import { NetworkActor } from './network-actor';

/**
 * Help between sites (issue 12 §3): a site posts a help request, other sites' coordinators offer
 * people or hours, the requester accepts, records the hours given per site once done, and each
 * helping site confirms (or corrects): only then the hours enter the reciprocity ledger.
 */
export const HELP_REQUEST_STATUSES = ['open', 'offers', 'accepted', 'done', 'confirmed', 'cancelled', 'expired'] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

export const HELP_VISIBILITIES = ['region', 'sites'] as const;
export type HelpVisibility = (typeof HELP_VISIBILITIES)[number];

/** What the requester gives back: reciprocity hours (the ledger), or money (an amount per hour, settled between host structures). */
export const HELP_RETURNS = ['reciprocity', 'paid'] as const;
export type HelpReturn = (typeof HELP_RETURNS)[number];

export const HELP_OFFER_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type HelpOfferStatus = (typeof HELP_OFFER_STATUSES)[number];

/** A helping site's hours once the help is done: recorded by the requester, confirmed (or corrected) by the helper. */
export const HELP_CONTRIBUTION_STATUSES = ['awaiting_helper', 'awaiting_requester', 'confirmed'] as const;
export type HelpContributionStatus = (typeof HELP_CONTRIBUTION_STATUSES)[number];

/** How paid help is settled: between the two host structures, or an internal transfer when both sites share one. */
export const HELP_SETTLEMENTS = ['between_host_structures', 'internal_transfer'] as const;
export type HelpSettlement = (typeof HELP_SETTLEMENTS)[number];

export interface HelpRequestInput {
  title: string;
  description?: string | null;
  activityPole?: string | null;
  skills?: string[];
  startsOn: string;
  endsOn: string;
  place: string;
  /** How many people, or how many hours (at least one of the two). */
  peopleNeeded?: number | null;
  hoursNeeded?: string | null;
  returnKind: HelpReturn;
  /** Reciprocity: the hours offered in return, if the requester names them (else the hours given). */
  reciprocityHours?: string | null;
  /** Paid help: the amount per hour, "18.00". */
  amountPerHour?: string | null;
  visibility: HelpVisibility;
  /** visibility `sites`: the sites that see it (other than the requester). */
  visibleToSiteIds?: string[];
}

export interface HelpOfferPerson {
  /** A member of the offering site, when named by their file; never shown outside the two sites' coordinators. */
  memberId?: string | null;
  firstName: string;
}

export interface HelpOfferInput {
  fromSiteId: string;
  people: HelpOfferPerson[];
  hours: string;
  note?: string | null;
}

export interface HelpOffer {
  id: string;
  requestId: string;
  fromSiteId: string;
  fromSiteName: string;
  people: HelpOfferPerson[];
  hours: string;
  note: string | null;
  status: HelpOfferStatus;
  declineMessage: string | null;
  createdBy: string;
  createdAt: string;
  decidedAt: string | null;
}

export interface HelpContribution {
  siteId: string;
  siteName: string;
  /** As recorded by the requester. */
  recordedHours: string;
  /** A correction by the helping site, awaiting the requester's confirmation. */
  proposedHours: string | null;
  /** What entered (or will enter) the ledger. */
  hours: string;
  status: HelpContributionStatus;
  /** Paid help: hours × amount per hour, due from the requesting site to this one. */
  amountDue: string | null;
  settlement: HelpSettlement | null;
  /** The ledger movement once confirmed (reciprocity help only). */
  movementId: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
}

export interface HelpRequest {
  id: string;
  siteId: string;
  siteName: string;
  title: string;
  description: string | null;
  activityPole: string | null;
  skills: string[];
  startsOn: string;
  endsOn: string;
  place: string;
  peopleNeeded: number | null;
  hoursNeeded: string | null;
  returnKind: HelpReturn;
  reciprocityHours: string | null;
  amountPerHour: string | null;
  visibility: HelpVisibility;
  visibleToSiteIds: string[];
  /** `expired` is computed on read: an open request past its end date, with no accepted offer. */
  status: HelpRequestStatus;
  offers: HelpOffer[];
  contributions: HelpContribution[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancellationReason: string | null;
  doneAt: string | null;
  confirmedAt: string | null;
}

export type HelpRequestPage = Page<HelpRequest>;

export interface CreateHelpRequestRequest {
  siteId: string;
  actor: NetworkActor;
  request: HelpRequestInput;
}

export interface ListHelpRequestsRequest extends PageRequest {
  actor: NetworkActor;
  status?: HelpRequestStatus;
  skill?: string;
  /** Only this site's requests (the caller's own site, or any for a network admin). */
  siteId?: string;
}

export interface GetHelpRequestRequest {
  actor: NetworkActor;
  requestId: string;
}

export interface MakeHelpOfferRequest {
  actor: NetworkActor;
  requestId: string;
  offer: HelpOfferInput;
}

export interface DecideHelpOfferRequest {
  actor: NetworkActor;
  requestId: string;
  offerId: string;
  /** decline only: a word to the offering site. */
  message?: string | null;
}

export interface RecordHelpDoneRequest {
  actor: NetworkActor;
  requestId: string;
  hours: { siteId: string; hours: string }[];
}

/**
 * One route for both confirmations, decided by the contribution's state: awaiting the helper, its
 * coordinator confirms the recorded hours (or corrects them with `hours`); awaiting the requester
 * (after a correction), the requester's coordinator confirms the corrected hours.
 */
export interface ConfirmHelpRequest {
  actor: NetworkActor;
  requestId: string;
  /** The helping site whose hours are confirmed; may be left out when the caller coordinates exactly one helping site. */
  siteId?: string;
  /** The helper's correction of the recorded hours, which the requester then confirms. */
  hours?: string;
}

export interface CancelHelpRequestRequest {
  actor: NetworkActor;
  requestId: string;
  reason: string;
}
