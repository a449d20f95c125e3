/** A member of a site as remuneration knows it from membership's events (pseudonymised once erased). */
export interface KnownMember {
  id: string;
  siteId: string;
  firstName: string;
  lastName: string;
  /** The 18th birthday of a minor; null for adults. */
  adultOn: string | null;
  joinedOn: string;
  leftOn: string | null;
  active: boolean;
  erased: boolean;
}

/** "Prénom Nom" (already a pseudonym for an erased member). */
export function displayName(member: Pick<KnownMember, 'firstName' | 'lastName'>): string {
  return `${member.firstName} ${member.lastName}`;
}

/** Takes part in what the site does now: known, still a member, not erased. */
export function isActive(member: KnownMember | undefined): boolean {
  return member !== undefined && member.active && !member.erased;
}
