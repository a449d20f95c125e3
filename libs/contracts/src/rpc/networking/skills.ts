import { NetworkViewer } from './directory';

/**
 * Skill pools across sites (issue 12 §2): members who opted in and the facilitators and
 * intervenants their coordinators added. Other sites see only first name, initial of the last
 * name, site, skills with level and availability; a minor is never listed outside their own site.
 */

export const SKILL_LEVELS = ['beginner', 'intermediate', 'expert'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export const AVAILABILITIES = ['available', 'limited', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const POOL_TEAM_ROLES = ['facilitator', 'intervenant'] as const;
export type PoolTeamRole = (typeof POOL_TEAM_ROLES)[number];

export interface PooledSkill {
  name: string;
  level: SkillLevel;
}

/** What a member sets for themself: `PUT /v1/me/network-profile`. */
export interface MemberNetworkProfileInput {
  visible: boolean;
  skills: PooledSkill[];
  availability: Availability;
  note: string | null;
}

export interface MemberNetworkProfile extends MemberNetworkProfileInput {
  siteId: string;
  memberId: string;
  updatedAt: string | null;
}

export interface GetMemberNetworkProfileRequest {
  siteId: string;
  memberId: string;
}

export interface SetMemberNetworkProfileRequest extends GetMemberNetworkProfileRequest {
  profile: MemberNetworkProfileInput;
}

/** A facilitator or intervenant of the team, added by a coordinator. */
export interface PoolPersonInput {
  firstName: string;
  lastName: string;
  role: PoolTeamRole;
  skills: PooledSkill[];
  availability: Availability;
  note: string | null;
}

/** Someone of the site's pool, as the site's own users see them. */
export interface PoolPerson {
  id: string;
  siteId: string;
  kind: 'member' | 'team';
  memberId: string | null;
  role: PoolTeamRole | null;
  firstName: string;
  lastInitial: string;
  minor: boolean;
  visible: boolean;
  skills: PooledSkill[];
  availability: Availability;
  note: string | null;
  updatedAt: string;
}

export interface ListPoolPeopleRequest {
  siteId: string;
}

export interface PoolPeopleList {
  items: PoolPerson[];
}

export interface CreatePoolPersonRequest {
  siteId: string;
  person: PoolPersonInput;
}

export interface UpdatePoolPersonRequest {
  siteId: string;
  personId: string;
  person: PoolPersonInput;
}

export interface RemovePoolPersonRequest {
  siteId: string;
  personId: string;
}

export interface SearchSkillsRequest {
  viewer: NetworkViewer;
  /** As anyone writes it: normalised (case, accents, French synonyms) before the search. */
  skill?: string;
  near?: { latitude: number; longitude: number; km: number };
  /** Only people whose availability is not `unavailable`. */
  available?: boolean;
}

/** One person as another site sees them: nothing else of the member file leaves membership. */
export interface PooledPersonView {
  firstName: string;
  lastInitial: string;
  level: SkillLevel;
  availability: Availability;
}

export interface SkillSiteGroup {
  siteId: string;
  name: string;
  city: string;
  count: number;
  distanceKm?: number;
  /** The first people of the site for this skill (most experienced first), at most PEOPLE_PER_SITE. */
  people: PooledPersonView[];
}

export interface SkillGroup {
  /** The normalised skill ("couture" for "Retouches"). */
  skill: string;
  /** People listed for the skill across the region (all sites, also those not shown). */
  total: number;
  /** Sites where someone is listed for it; the first SITES_PER_SKILL are in `sites`. */
  siteCount: number;
  /** Nearest first with `near`, else the sites with the most people first. */
  sites: SkillSiteGroup[];
}

export interface SkillSearchResult {
  skills: SkillGroup[];
}

/** People shown per site and skill in a search (the count is always complete). */
export const PEOPLE_PER_SITE = 20;

/** Sites shown per skill in a search (the totals are always complete). */
export const SITES_PER_SKILL = 20;
