import { DomainError } from '@kpa/contracts';

/** Roles a user may hold on one site. `network_admin` is region-wide and held on no site. */
export const SITE_ROLES = ['coordinator', 'member', 'accountant'] as const;
export type SiteRole = (typeof SITE_ROLES)[number];

export interface SiteGrant {
  siteId: string;
  role: SiteRole;
  /** For a `member`: their member file on that site. */
  memberId?: string | null;
}

/** Who is calling, as the gateway knows it for this request. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  networkAdmin: boolean;
  sessionId: string;
  sites: SiteGrant[];
}

export function roleOn(principal: Principal, siteId: string): SiteRole | undefined {
  return principal.sites.find((grant) => grant.siteId === siteId)?.role;
}

/** The member file the caller holds on a site, if they are a member with an account. */
export function ownMemberId(principal: Principal, siteId: string): string | undefined {
  return principal.sites.find((grant) => grant.siteId === siteId && grant.role === 'member')?.memberId ?? undefined;
}

/**
 * The member file the caller holds, for the `/v1/me/...` routes: the only one, or the one on
 * `siteId` when they are a member of several sites.
 */
export function ownMemberFile(principal: Principal, siteId: string | undefined): { siteId: string; memberId: string } {
  const files = principal.sites.filter((grant) => grant.role === 'member' && grant.memberId && (siteId === undefined || grant.siteId === siteId));
  if (files.length === 0) throw new DomainError('MEMBER_NOT_FOUND', 'Your account is not linked to a member file (ask your coordinator).');
  if (files.length > 1) throw new DomainError('VALIDATION_FAILED', 'You are a member of several sites: say which one with ?siteId=.', { field: 'siteId' });
  return { siteId: files[0].siteId, memberId: files[0].memberId! };
}

/**
 * Which roles a coordinator may give or take on their own site: members and accountants, not
 * other coordinators (only a network admin appoints coordinators).
 */
export function mayManageRole(principal: Principal, siteId: string, role: SiteRole): boolean {
  if (principal.networkAdmin) return true;
  return roleOn(principal, siteId) === 'coordinator' && role !== 'coordinator';
}
