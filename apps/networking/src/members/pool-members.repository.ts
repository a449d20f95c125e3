import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ERASED_FIRST_NAME, MemberChangedV1 } from '@kpa/contracts';
import { lastInitialOf } from '../skills/pool-visibility';
import { SkillPoolRepository } from '../skills/skill-pool.repository';

export interface PoolMember {
  id: string;
  siteId: string;
  firstName: string;
  lastInitial: string;
  adultOn: string | null;
  active: boolean;
  erased: boolean;
}

/**
 * Networking's copy of membership's members: only what a skill pool may show (first name, the
 * initial of the last name, site, whether active, the day a minor turns 18). Nothing else of the
 * member file ever leaves membership.
 */
@Injectable()
export class PoolMembersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pool: SkillPoolRepository,
  ) {}

  /** Newest wins: an older version arriving late changes nothing, and an erased member stays erased. */
  async upsert(siteId: string, data: MemberChangedV1, updatedAt: string, manager: EntityManager): Promise<void> {
    const adultOnGiven = data.adultOn !== undefined;
    await manager.query(
      `INSERT INTO networking.known_member (id, site_id, first_name, last_initial, adult_on, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET site_id = $2, first_name = $3, last_initial = $4,
              adult_on = CASE WHEN $8 THEN $5::date ELSE networking.known_member.adult_on END, active = $6, updated_at = $7
       WHERE NOT networking.known_member.erased AND networking.known_member.updated_at <= $7`,
      [data.memberId, siteId, data.firstName, lastInitialOf(data.lastName), data.adultOn ?? null, data.active, updatedAt, adultOnGiven],
    );
    // Left, back, renamed, turned 18 on paper: what the pool shows of them follows at once.
    await this.pool.refreshListing({ memberId: data.memberId }, manager);
  }

  /**
   * An erased member disappears from every pool at once: their listing and skills are deleted, and
   * a tombstone without name stays so that a late event cannot bring them back.
   */
  async erase(memberId: string, erasedAt: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM networking.pool_person WHERE member_id = $1', [memberId]);
    await manager.query(
      `INSERT INTO networking.known_member (id, site_id, first_name, last_initial, adult_on, active, erased, updated_at)
       VALUES ($1, '00000000-0000-0000-0000-000000000000', $2, '', NULL, false, true, $3)
       ON CONFLICT (id) DO UPDATE SET first_name = $2, last_initial = '', adult_on = NULL, active = false, erased = true,
              updated_at = GREATEST(networking.known_member.updated_at, $3)`,
      [memberId, ERASED_FIRST_NAME, erasedAt],
    );
  }

  async find(memberId: string, manager: EntityManager = this.dataSource.manager): Promise<PoolMember | undefined> {
    const rows: { id: string; site_id: string; first_name: string; last_initial: string; adult_on: string | null; active: boolean; erased: boolean }[] = await manager.query(
      `SELECT id, site_id, first_name, last_initial, to_char(adult_on, 'YYYY-MM-DD') AS adult_on, active, erased FROM networking.known_member WHERE id = $1`,
      [memberId],
    );
    const row = rows[0];
    return row && { id: row.id, siteId: row.site_id, firstName: row.first_name, lastInitial: row.last_initial, adultOn: row.adult_on, active: row.active, erased: row.erased };
  }
}
