import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CapeContractChangedV1, DomainError, ERASED_FIRST_NAME, MemberChangedV1, MemberErasedV1, pseudonymOf, SiteId } from '@kpa/contracts';
import { CapeHolder } from '../documents/legal-mentions';
import { SellerIdentity } from '../sellers/seller';
import { SellerRepository } from '../sellers/seller.repository';
import { capeHolderOf } from './cape-holder';
import { KnownMember, RunningCapeContract } from './known-member';

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

/**
 * Commerce's read model of the members of each site and of their CAPE contracts (`known_member`,
 * `known_cape_contract`), kept from membership's events. Stateless: every method runs on the
 * manager it is given.
 */
@Injectable()
export class KnownMemberRepository {
  private readonly sellers = new SellerRepository();

  /** The site's members among `memberIds` (others, and other sites' members, are simply absent). */
  async knownMembers(manager: EntityManager, siteId: SiteId, memberIds: readonly string[]): Promise<Map<string, KnownMember>> {
    if (memberIds.length === 0) return new Map();
    const rows: KnownMemberRow[] = await manager.query(
      `SELECT id, site_id, first_name, last_name, to_char(adult_on, 'YYYY-MM-DD') AS adult_on, active, erased
         FROM commerce.known_member WHERE site_id = $1 AND id = ANY($2::uuid[])`,
      [siteId, [...new Set(memberIds)]],
    );
    return new Map(rows.map((row) => [row.id, fromRow(row)]));
  }

  /** One member of the site, or 404 MEMBER_NOT_FOUND (unknown, of another site, or not yet arrived from membership). */
  async knownMember(manager: EntityManager, siteId: SiteId, memberId: string): Promise<KnownMember> {
    const member = (await this.knownMembers(manager, siteId, [memberId])).get(memberId);
    if (!member)
      throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${memberId} on this site (a member just registered may take a moment to reach commerce).`, { memberId });
    return member;
  }

  /** The CAPE contract of the member running on `date` (not terminated before it), for the R127-3 mention. */
  async capeContractOn(manager: EntityManager, memberId: string, date: string): Promise<RunningCapeContract | null> {
    const rows: { host_structure_id: string; ends_on: string }[] = await manager.query(
      `SELECT host_structure_id, to_char(COALESCE(LEAST(terminated_on, ends_on), ends_on), 'YYYY-MM-DD') AS ends_on
         FROM commerce.known_cape_contract
        WHERE member_id = $1 AND starts_on <= $2 AND ends_on >= $2 AND (terminated_on IS NULL OR terminated_on >= $2)
        ORDER BY starts_on DESC LIMIT 1`,
      [memberId, date],
    );
    return rows.length === 0 ? null : { hostStructureId: rows[0].host_structure_id, endsOn: rows[0].ends_on };
  }

  /** The R127-3 mention's facts for a member of the site on `date` (see capeHolderOf). */
  async capeHolderOn(manager: EntityManager, siteId: SiteId, memberId: string, date: string, seller: SellerIdentity): Promise<CapeHolder> {
    const member = await this.knownMember(manager, siteId, memberId);
    const contract = await this.capeContractOn(manager, memberId, date);
    const otherHost = contract && contract.hostStructureId !== seller.hostStructureId ? await this.sellers.hostStructure(manager, contract.hostStructureId) : null;
    return capeHolderOf(member, contract, date, seller, otherHost);
  }

  /** Newest version wins (instances may publish out of order); an erased member is never renamed. */
  async upsertMember(manager: EntityManager, siteId: string | null, data: MemberChangedV1, at: string): Promise<void> {
    await manager.query(
      `INSERT INTO commerce.known_member (id, site_id, first_name, last_name, adult_on, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET first_name = $3, last_name = $4, adult_on = $5, active = $6, updated_at = $7
       WHERE NOT commerce.known_member.erased AND commerce.known_member.updated_at <= $7`,
      [data.memberId, siteId, data.firstName, data.lastName, data.adultOn ?? null, data.active, at],
    );
  }

  /** An erased member keeps only a pseudonym here too. */
  async erase(manager: EntityManager, data: MemberErasedV1): Promise<void> {
    await manager.query(`UPDATE commerce.known_member SET first_name = $2, last_name = $3, adult_on = NULL, active = false, erased = true, updated_at = $4 WHERE id = $1`, [
      data.memberId,
      ERASED_FIRST_NAME,
      pseudonymOf(data.memberId),
      data.erasedAt,
    ]);
  }

  async upsertCapeContract(manager: EntityManager, data: CapeContractChangedV1, at: string): Promise<void> {
    await manager.query(
      `INSERT INTO commerce.known_cape_contract (id, member_id, host_structure_id, starts_on, ends_on, terminated_on, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET starts_on = $4, ends_on = $5, terminated_on = $6, updated_at = $7
       WHERE commerce.known_cape_contract.updated_at <= $7`,
      [data.contractId, data.memberId, data.hostStructureId, data.startsOn, data.endsOn, data.terminatedOn, at],
    );
  }
}
