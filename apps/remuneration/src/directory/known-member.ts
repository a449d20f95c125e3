import { EntityManager } from 'typeorm';
import { DomainError } from '@kpa/contracts';

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

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface KnownMemberRow {
  id: string;
  site_id: string;
  first_name: string;
  last_name: string;
  adult_on: string | null;
  joined_on: string;
  left_on: string | null;
  active: boolean;
  erased: boolean;
}

/** The site's members among `memberIds` (others, and other sites' members, are simply absent). */
export async function knownMembers(manager: EntityManager, siteId: string, memberIds: readonly string[]): Promise<Map<string, KnownMember>> {
  const ids = [...new Set(memberIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  if (ids.length === 0) return new Map();
  const rows: KnownMemberRow[] = await manager.query(
    `SELECT id, site_id, first_name, last_name, to_char(adult_on, 'YYYY-MM-DD') AS adult_on, to_char(joined_on, 'YYYY-MM-DD') AS joined_on,
            to_char(left_on, 'YYYY-MM-DD') AS left_on, active, erased
       FROM remuneration.known_member WHERE site_id = $1 AND id = ANY($2::uuid[])`,
    [siteId, ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, siteId: r.site_id, firstName: r.first_name, lastName: r.last_name, adultOn: r.adult_on, joinedOn: r.joined_on, leftOn: r.left_on, active: r.active, erased: r.erased },
    ]),
  );
}

/** One member of the site, or 404 MEMBER_NOT_FOUND (unknown, of another site, or not yet arrived from membership). */
export async function knownMember(manager: EntityManager, siteId: string, memberId: string): Promise<KnownMember> {
  const member = (await knownMembers(manager, siteId, [memberId])).get(memberId.toLowerCase());
  if (!member) throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${memberId} on this site (a member just registered may take a moment to reach remuneration).`, { memberId });
  return member;
}
