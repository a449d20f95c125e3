import { Page, PageRequest } from '../page';

/**
 * A mission (prestation): the work sold by an accepted quote, or an activity the site runs for
 * itself with no client (the shared canteen). `planned` is open for sign-ups; a coordinator
 * confirms the team, then records each participant's hours on completion; `cancelled` from
 * `planned` or `team_confirmed`.
 */
export const MISSION_STATUSES = ['planned', 'team_confirmed', 'completed', 'cancelled'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

export const MISSION_ACTIONS = ['confirm_team', 'complete', 'cancel'] as const;
export type MissionAction = (typeof MISSION_ACTIONS)[number];

/** Who acts on a mission, as the gateway knows it (a network admin acts as a coordinator). */
export interface MissionActor {
  userId: string;
  role: 'coordinator' | 'member';
}

export interface MissionInput {
  title: string;
  /** Free text, like a catalogue item's activity pole ("restauration", "conciergerie"). */
  activityPole: string;
  /** YYYY-MM-DD. */
  startsOn: string;
  /** YYYY-MM-DD, on or after startsOn (a one-day mission ends the day it starts). */
  endsOn: string;
  place: string;
  /** At least 1: how many people the mission needs (a target: more may sign up, the coordinator picks). */
  peopleNeeded: number;
  /** A client of the site; absent or null for a self-financed activity. */
  clientId?: string | null;
  /** An accepted quote of the site the mission carries out (its client becomes the mission's). */
  quoteId?: string | null;
  description?: string | null;
}

/** What PATCH may change, while the mission is planned (client and quote are fixed at creation). */
export type MissionChanges = Partial<Omit<MissionInput, 'clientId' | 'quoteId'>>;

export interface SignUp {
  memberId: string;
  /** "Prénom Nom" as commerce knows it (a pseudonym once the member is erased). */
  name: string;
  signedUpAt: string;
}

export interface MissionParticipant {
  memberId: string;
  name: string;
  /** Decimal string with two decimals ("7.50"). */
  hours: string;
}

export interface Mission {
  id: string;
  siteId: string;
  title: string;
  /** Null only for a mission created from a quote, until a coordinator sets it. */
  activityPole: string | null;
  description: string | null;
  startsOn: string;
  endsOn: string;
  /** Calendar days from startsOn to endsOn, both included. */
  days: number;
  place: string | null;
  peopleNeeded: number;
  clientId: string | null;
  quoteId: string | null;
  status: MissionStatus;
  /** Everyone signed up, in order of sign-up. */
  signUps: SignUp[];
  /** The sign-ups the coordinator confirmed (empty while planned). */
  team: SignUp[];
  /** Who worked and how long, recorded on completion (empty before). */
  participants: MissionParticipant[];
  /** Sum of the participants' hours ("0.00" before completion). */
  totalHours: string;
  teamConfirmedOn: string | null;
  completedOn: string | null;
  cancelledOn: string | null;
  cancellationReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateMissionRequest {
  siteId: string;
  actor: MissionActor;
  mission: MissionInput;
}

export interface UpdateMissionRequest {
  siteId: string;
  missionId: string;
  actor: MissionActor;
  changes: MissionChanges;
}

export interface GetMissionRequest {
  siteId: string;
  missionId: string;
}

export interface ListMissionsRequest extends PageRequest {
  siteId: string;
  status?: MissionStatus;
  /** Missions still running on or after this day (endsOn ≥ from). */
  from?: string;
  /** Missions started on or before this day (startsOn ≤ to). */
  to?: string;
}

/** The gateway has already decided whose sign-up it is (a member: their own file). */
export interface MissionSignUpRequest {
  siteId: string;
  missionId: string;
  memberId: string;
  actor: MissionActor;
}

export type MissionWithdrawRequest = MissionSignUpRequest;

export interface MissionConfirmTeamRequest {
  siteId: string;
  missionId: string;
  /** Among the sign-ups; absent: every sign-up. */
  memberIds?: string[];
  actor: MissionActor;
}

export interface MissionParticipantInput {
  memberId: string;
  /** Decimal string, up to two decimals, > 0 ("7.5"). */
  hours: string;
}

export interface MissionCompleteRequest {
  siteId: string;
  missionId: string;
  participants: MissionParticipantInput[];
  actor: MissionActor;
}

export interface MissionCancelRequest {
  siteId: string;
  missionId: string;
  reason: string;
  actor: MissionActor;
}

export type MissionPage = Page<Mission>;
