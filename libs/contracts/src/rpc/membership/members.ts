import { Page, PageRequest } from '../page';
import { JourneyStage } from './journeys';

export const GENDERS = ['female', 'male', 'non_binary', 'not_said'] as const;
export type Gender = (typeof GENDERS)[number];

export const ENTRY_SITUATIONS = ['job_seeker', 'rsa', 'student', 'employed_part_time', 'other'] as const;
export type EntrySituation = (typeof ENTRY_SITUATIONS)[number];

export const REFERRERS = ['mission_locale', 'social_centre', 'word_of_mouth', 'other'] as const;
export type Referrer = (typeof REFERRERS)[number];

export const LEAVING_OUTCOMES = ['employment', 'training', 'own_activity_cae_bge', 'company_created', 'other', 'unknown'] as const;
export type LeavingOutcome = (typeof LEAVING_OUTCOMES)[number];

export interface Skill {
  name: string;
  /** 1 (discovering) to 4 (can teach it). */
  level: number;
  wantsToLearn: boolean;
}

export interface PostalAddress {
  line: string;
  postalCode: string;
  city: string;
}

export interface GuardianConsent {
  name: string;
  relationship: string;
  consentedOn: string;
}

export interface Participation {
  joinedOn: string;
  leftOn: string | null;
  outcome: LeavingOutcome | null;
}

/** What anyone of the site sees of a member: no personal data. */
export interface MemberProfile {
  id: string;
  siteId: string;
  firstName: string;
  lastName: string;
  skills: Skill[];
  passions: string[];
  active: boolean;
}

/**
 * The whole file: for the site's coordinators and the member themself only. Birth date,
 * situation, address, priority neighbourhood and guardian are personal data (GDPR).
 */
export interface MemberFile extends MemberProfile {
  email: string | null;
  phone: string | null;
  birthDate: string;
  gender: Gender;
  address: PostalAddress | null;
  priorityNeighbourhood: boolean;
  situation: EntrySituation;
  referredBy: Referrer;
  referredByDetail: string | null;
  charterSignedOn: string | null;
  guardian: GuardianConsent | null;
  joinedOn: string;
  leftOn: string | null;
  leavingOutcome: LeavingOutcome | null;
  /** Earlier participations (a member who left may come back). */
  history: Participation[];
  createdAt: string;
  updatedAt: string;
}

/** What an accountant sees: a name to put on documents. */
export interface MemberName {
  id: string;
  siteId: string;
  firstName: string;
  lastName: string;
}

/** How much of a member the caller may see, decided by the gateway from the caller's role. */
export type MemberView = 'file' | 'profile' | 'name';
export type MemberAsSeen = MemberFile | MemberProfile | MemberName;

export interface MemberInput {
  firstName: string;
  lastName: string;
  email?: string | null;
  phone?: string | null;
  birthDate: string;
  gender?: Gender;
  address?: PostalAddress | null;
  priorityNeighbourhood?: boolean;
  situation: EntrySituation;
  referredBy: Referrer;
  referredByDetail?: string | null;
  charterSignedOn?: string | null;
  guardian?: GuardianConsent | null;
  joinedOn?: string;
  skills?: Skill[];
  passions?: string[];
}

export interface CreateMemberRequest {
  siteId: string;
  member: MemberInput;
}

export interface UpdateMemberRequest {
  siteId: string;
  memberId: string;
  changes: Partial<MemberInput>;
}

export interface GetMemberRequest {
  siteId: string;
  memberId: string;
  view: MemberView;
}

export interface ListMembersRequest extends PageRequest {
  siteId: string;
  view: MemberView;
  /** `active` (default), `left` or `all`. */
  status?: 'active' | 'left' | 'all';
  /** Members with this skill (case-insensitive). */
  skill?: string;
  /** Members at this journey stage (the coordinator's override when one is in effect). */
  stage?: JourneyStage;
  /** In first or last name (case- and accent-insensitive). */
  q?: string;
}

export type MemberPage = Page<MemberAsSeen>;

export interface LeaveRequest {
  siteId: string;
  memberId: string;
  leftOn: string;
  outcome: LeavingOutcome;
}

export interface RejoinRequest {
  siteId: string;
  memberId: string;
  joinedOn: string;
}
