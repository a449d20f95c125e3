import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ERASED_FIRST_NAME, HostStructureChangedV1, isUuid, MemberChangedV1, pseudonymOf, SiteChangedV1, SiteId } from '@kpa/contracts';
import { KnownMember } from './known-member';

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

/**
 * Remuneration's copy of membership's sites, host structures and members: what the directory
 * consumer writes from the events, and what the features read (names, who is active, a minor's
 * 18th birthday, the host's VAT franchise). Members are read per site: another site's member
 * does not exist for it.
 */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The site's members among `memberIds` (others, and other sites' members, are simply absent). */
  async members(siteId: SiteId, memberIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, KnownMember>> {
    const ids = [...new Set(memberIds.filter((id) => isUuid(id)).map((id) => id.toLowerCase()))];
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
        {
          id: r.id,
          siteId: r.site_id,
          firstName: r.first_name,
          lastName: r.last_name,
          adultOn: r.adult_on,
          joinedOn: r.joined_on,
          leftOn: r.left_on,
          active: r.active,
          erased: r.erased,
        },
      ]),
    );
  }

  /** One member of the site, if remuneration knows them. */
  async member(siteId: SiteId, memberId: string, manager: EntityManager = this.dataSource.manager): Promise<KnownMember | undefined> {
    return (await this.members(siteId, [memberId], manager)).get(memberId.toLowerCase());
  }

  /** One member of the site, or 404 MEMBER_NOT_FOUND (unknown, of another site, or not yet arrived from membership). */
  async findMember(siteId: SiteId, memberId: string, manager: EntityManager = this.dataSource.manager): Promise<KnownMember> {
    const member = await this.member(siteId, memberId, manager);
    if (!member)
      throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${memberId} on this site (a member just registered may take a moment to reach remuneration).`, { memberId });
    return member;
  }

  /** The pseudonyms of erased members among these ids ("Membre effacé #1a2b3c4d"). */
  async erasedNames(siteId: SiteId, memberIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, { firstName: string; lastName: string }>> {
    if (memberIds.length === 0) return new Map();
    const rows: { id: string; first_name: string; last_name: string }[] = await manager.query(
      'SELECT id, first_name, last_name FROM remuneration.known_member WHERE site_id = $1 AND id = ANY($2::uuid[]) AND erased',
      [siteId, memberIds],
    );
    return new Map(rows.map((r) => [r.id, { firstName: r.first_name, lastName: r.last_name }]));
  }

  /** The site's code, or null while membership's event about the site has not arrived. */
  async siteCode(siteId: SiteId, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const rows: { code: string }[] = await manager.query('SELECT code FROM remuneration.known_site WHERE id = $1', [siteId]);
    return rows[0]?.code ?? null;
  }

  /**
   * Whether the site's host structure is under the VAT franchise (CGI art. 293 B: it cannot recover
   * the VAT it pays, so an expense costs its amount incl. VAT); null while membership's events about
   * the site or its host have not arrived.
   */
  async hostVatFranchise(siteId: SiteId, manager: EntityManager = this.dataSource.manager): Promise<boolean | null> {
    const rows: { vat_franchise: boolean }[] = await manager.query(
      `SELECT h.vat_franchise FROM remuneration.known_site s JOIN remuneration.known_host h ON h.id = s.host_structure_id WHERE s.id = $1`,
      [siteId],
    );
    return rows.length === 0 ? null : rows[0].vat_franchise;
  }

  /** Newest wins: an older version arriving late changes nothing, and an erased member stays erased. */
  async upsertMember(siteId: SiteId, data: MemberChangedV1, updatedAt: string, manager: EntityManager): Promise<void> {
    // adultOn is absent from events published before it existed: keep what we know then.
    const adultOnGiven = data.adultOn !== undefined;
    await manager.query(
      `INSERT INTO remuneration.known_member (id, site_id, first_name, last_name, adult_on, joined_on, left_on, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET first_name = $3, last_name = $4,
              adult_on = CASE WHEN $10 THEN $5::date ELSE remuneration.known_member.adult_on END,
              joined_on = $6, left_on = $7, active = $8, updated_at = $9
       WHERE NOT remuneration.known_member.erased AND remuneration.known_member.updated_at <= $9`,
      [data.memberId, siteId, data.firstName, data.lastName, data.adultOn ?? null, data.joinedOn, data.leftOn, data.active, updatedAt, adultOnGiven],
    );
  }

  /** Keyed by the member's id alone (unique across sites): an erasure must reach the person wherever they are. */
  async eraseMember(memberId: string, erasedAt: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE remuneration.known_member SET first_name = $2, last_name = $3, adult_on = NULL, active = false, erased = true, updated_at = GREATEST(updated_at, $4) WHERE id = $1`,
      [memberId, ERASED_FIRST_NAME, pseudonymOf(memberId), erasedAt],
    );
  }

  async upsertSite(data: SiteChangedV1, updatedAt: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO remuneration.known_site (id, code, name, host_structure_id, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET code = $2, name = $3, host_structure_id = $4, updated_at = $5
       WHERE remuneration.known_site.updated_at <= $5`,
      [data.id, data.code, data.name, data.hostStructureId, updatedAt],
    );
  }

  async upsertHost(data: HostStructureChangedV1, updatedAt: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO remuneration.known_host (id, vat_franchise, legal_name, updated_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET vat_franchise = $2, legal_name = $3, updated_at = $4
       WHERE remuneration.known_host.updated_at <= $4`,
      [data.id, data.vatFranchise ?? data.vatNumber === null, data.legalName, updatedAt],
    );
  }
}
