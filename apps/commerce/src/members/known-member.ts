import { EntityManager } from 'typeorm';
import { compareDates, DomainError } from '@kpa/contracts';

/** A member of a site as commerce knows them from membership's events: names, and for minors the day they turn 18. */
export interface KnownMember {
  id: string;
  siteId: string;
  firstName: string;
  lastName: string;
  /** Null for adults. */
  adultOn: string | null;
  active: boolean;
  erased: boolean;
}

/** Pure: is the member under 18 on that day? */
export function isMinorOn(member: Pick<KnownMember, 'adultOn'>, date: string): boolean {
  return member.adultOn !== null && compareDates(date, member.adultOn) < 0;
}

/** "Prénom Nom" (already pseudonymised for an erased member). */
export function displayName(member: Pick<KnownMember, 'firstName' | 'lastName'>): string {
  return `${member.firstName} ${member.lastName}`;
}

interface KnownMemberRow {
  id: string;
  site_id: string;
  first_name: string;
  last_name: string;
  adult_on: string | null;
  active: boolean;
  erased: boolean;
}

function fromRow(row: KnownMemberRow): KnownMember {
  return { id: row.id, siteId: row.site_id, firstName: row.first_name, lastName: row.last_name, adultOn: row.adult_on, active: row.active, erased: row.erased };
}

/** The site's members among `memberIds` (others, and other sites' members, are simply absent). */
export async function knownMembers(manager: EntityManager, siteId: string, memberIds: readonly string[]): Promise<Map<string, KnownMember>> {
  if (memberIds.length === 0) return new Map();
  const rows: KnownMemberRow[] = await manager.query(
    `SELECT id, site_id, first_name, last_name, to_char(adult_on, 'YYYY-MM-DD') AS adult_on, active, erased
       FROM commerce.known_member WHERE site_id = $1 AND id = ANY($2::uuid[])`,
    [siteId, [...new Set(memberIds)]],
  );
  return new Map(rows.map((row) => [row.id, fromRow(row)]));
}

/** One member of the site, or 404 MEMBER_NOT_FOUND (unknown, of another site, or not yet arrived from membership). */
export async function knownMember(manager: EntityManager, siteId: string, memberId: string): Promise<KnownMember> {
  const member = (await knownMembers(manager, siteId, [memberId])).get(memberId);
  if (!member) throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${memberId} on this site (a member just registered may take a moment to reach commerce).`, { memberId });
  return member;
}

/** The CAPE contract of the member running on `date` (not terminated before it), for the R127-3 mention. */
export async function capeContractOn(manager: EntityManager, memberId: string, date: string): Promise<{ hostStructureId: string; endsOn: string } | null> {
  const rows: { host_structure_id: string; ends_on: string }[] = await manager.query(
    `SELECT host_structure_id, to_char(COALESCE(LEAST(terminated_on, ends_on), ends_on), 'YYYY-MM-DD') AS ends_on
       FROM commerce.known_cape_contract
      WHERE member_id = $1 AND starts_on <= $2 AND ends_on >= $2 AND (terminated_on IS NULL OR terminated_on >= $2)
      ORDER BY starts_on DESC LIMIT 1`,
    [memberId, date],
  );
  return rows.length === 0 ? null : { hostStructureId: rows[0].host_structure_id, endsOn: rows[0].ends_on };
}
