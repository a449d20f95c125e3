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
 * Which roles a coordinator may give or take on their own site: members and accountants, not
 * other coordinators (only a network admin appoints coordinators).
 */
export function mayManageRole(principal: Principal, siteId: string, role: SiteRole): boolean {
  if (principal.networkAdmin) return true;
  return roleOn(principal, siteId) === 'coordinator' && role !== 'coordinator';
}
