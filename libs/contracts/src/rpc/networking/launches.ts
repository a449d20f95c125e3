import { SiteStatus } from '../membership/sites';

/**
 * Launching a new KPA (essaimage, §6 of the networking service): the path a site `in_reflection`
 * follows, in the order of the seed documents, and the mentoring of an established site.
 * NEVER RENAME a step: they cross the wire and are stored.
 */
export const LAUNCH_STEPS = [
  'carrying_structure_found',
  'host_structure_agreed',
  'venue_found',
  'coordination_team_formed',
  'charter_written',
  'first_members',
  'first_mission',
  'first_invoice',
] as const;
export type LaunchStep = (typeof LAUNCH_STEPS)[number];

/** Steps the platform completes by itself from other services' events (a person may still complete them by hand first). */
export const AUTOMATIC_LAUNCH_STEPS: readonly LaunchStep[] = ['first_members', 'first_mission', 'first_invoice'];

/** Where a new KPA stands: the first step of the path not yet completed, or `launched` once all are. */
export type LaunchStage = LaunchStep | 'launched';
export const LAUNCH_STAGES: readonly LaunchStage[] = [...LAUNCH_STEPS, 'launched'];

export interface LaunchStepView {
  step: LaunchStep;
  /** YYYY-MM-DD; null while not done. */
  completedOn: string | null;
  /** `manual`: by a coordinator or the network admin; `event`: from the platform's events. */
  source: 'manual' | 'event' | null;
}

export interface Launch {
  siteId: string;
  name: string;
  city: string;
  /** The site's status in membership. */
  status: SiteStatus;
  stage: LaunchStage;
  steps: LaunchStepView[];
  completedSteps: number;
  totalSteps: number;
  mentorSiteId: string | null;
  mentorName: string | null;
  startedAt: string;
}

export interface LaunchList {
  items: Launch[];
  nextCursor: null;
}

export type ListLaunchesRequest = Record<string, never>;

export interface CompleteLaunchStepRequest {
  siteId: string;
  step: LaunchStep;
  /** YYYY-MM-DD, not in the future; today if absent. */
  on?: string;
  actor: string;
}

export interface NameMentorRequest {
  /** The new KPA. */
  siteId: string;
  /** An established (active) site; null removes the mentor. */
  mentorSiteId: string | null;
  actor: string;
}

/**
 * One accompaniment session of a mentor site with a new KPA: logged by the mentor's coordinator,
 * confirmed by the new site's coordinator, which writes its hours into the reciprocity ledger.
 */
export const ACCOMPANIMENT_STATUSES = ['logged', 'confirmed'] as const;
export type AccompanimentStatus = (typeof ACCOMPANIMENT_STATUSES)[number];

export interface AccompanimentSession {
  id: string;
  mentorSiteId: string;
  menteeSiteId: string;
  /** YYYY-MM-DD. */
  on: string;
  /** Decimal string with two decimals ("3.50"). */
  hours: string;
  topic: string;
  status: AccompanimentStatus;
  loggedBy: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  movementId: string | null;
  createdAt: string;
}

export interface AccompanimentSessionList {
  items: AccompanimentSession[];
  nextCursor: null;
}

export interface LogAccompanimentRequest {
  /** The mentor site. */
  siteId: string;
  menteeSiteId: string;
  on: string;
  hours: string;
  topic: string;
  actor: string;
}

export interface ConfirmAccompanimentRequest {
  /** The new KPA (mentee) confirming. */
  siteId: string;
  sessionId: string;
  actor: string;
}

export interface ListAccompanimentsRequest {
  /** Sessions where this site is the mentor or the mentee. */
  siteId: string;
}
