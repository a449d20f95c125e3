import { Page, PageRequest } from '../page';

/**
 * Contributive time (journée contributive and its kin): time a member gives to the common project,
 * paid through the pot like any working time. A member logs their own, a coordinator may log for
 * anyone; a coordinator validates or rejects it: submitted → validated | rejected. Only validated
 * hours count in the distribution.
 */
export const CONTRIBUTION_KINDS = ['contributive_day', 'collective_task', 'peer_training'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** Which collective task (required for collective_task, absent otherwise). */
export const COLLECTIVE_TASKS = ['cleaning', 'accounting', 'communication', 'other'] as const;
export type CollectiveTask = (typeof COLLECTIVE_TASKS)[number];

export const CONTRIBUTION_STATUSES = ['submitted', 'validated', 'rejected'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

/** The kinds of the ledger's totals: the contribution kinds, and the hours of completed missions. */
export const INVOLVEMENT_KINDS = [...CONTRIBUTION_KINDS, 'mission'] as const;
export type InvolvementKind = (typeof INVOLVEMENT_KINDS)[number];

/** Who acts, as the gateway knows it (a network admin acts as a coordinator). */
export interface RemunerationActor {
  userId: string;
  role: 'coordinator' | 'member' | 'accountant';
  /** A member's own member file on the site; null otherwise. */
  memberId: string | null;
}

export interface ContributionInput {
  kind: ContributionKind;
  task?: CollectiveTask | null;
  /** The day of the work, YYYY-MM-DD, not in the future. */
  date: string;
  /** Decimal string above 0 and at most 24, at most 2 decimals ("3.5"). */
  hours: string;
  /** "HH:MM" the work started; needed to check a minor's night work. */
  startTime?: string | null;
  note?: string | null;
}

export interface Contribution {
  id: string;
  siteId: string;
  memberId: string;
  /** "Prénom Nom" as remuneration knows it (a pseudonym once the member is erased). */
  memberName: string;
  kind: ContributionKind;
  task: CollectiveTask | null;
  date: string;
  startTime: string | null;
  /** Two decimals ("7.50"). */
  hours: string;
  note: string | null;
  status: ContributionStatus;
  /** Why it was rejected, if the coordinator said. */
  reason: string | null;
  /** The user who logged it. */
  createdBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The period that counted it, once one closed with it. */
  periodId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Hours ("7.50") by status; mission hours are recorded by a coordinator on completion and count as validated. */
export interface HoursTotal {
  validated: string;
  submitted: string;
}

/** Totals over every entry matching the filters (not only the page). */
export interface ContributionTotals {
  byKind: Record<InvolvementKind, HoursTotal>;
  all: HoursTotal;
}

export interface CreateContributionRequest {
  siteId: string;
  actor: RemunerationActor;
  /** Whose time: set by the gateway (a member's own file, or the member a coordinator names). */
  memberId: string;
  contribution: ContributionInput;
}

export interface ListContributionsRequest extends PageRequest {
  siteId: string;
  memberId?: string;
  /** Inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
  status?: ContributionStatus;
  kind?: ContributionKind;
}

export interface ContributionPage extends Page<Contribution> {
  totals: ContributionTotals;
}

export interface GetContributionRequest {
  siteId: string;
  contributionId: string;
}

export interface DecideContributionRequest {
  siteId: string;
  contributionId: string;
  actor: RemunerationActor;
  /** Rejection only: why (at most 500 characters). */
  reason?: string | null;
}
