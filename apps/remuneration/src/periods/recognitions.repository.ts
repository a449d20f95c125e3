import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Recognition, SiteId } from '@kpa/contracts';
import { UNKNOWN_MEMBER } from './period-figures';

interface GiftRow {
  id: string;
  period_id: string;
  from_member_id: string;
  to_member_id: string;
  points: number;
  note: string | null;
  created_at: Date;
  first_name: string | null;
  last_name: string | null;
}

function gift(row: GiftRow): Recognition {
  return {
    id: row.id,
    periodId: row.period_id,
    fromMemberId: row.from_member_id,
    toMemberId: row.to_member_id,
    toName: `${row.first_name ?? UNKNOWN_MEMBER.firstName} ${row.last_name ?? UNKNOWN_MEMBER.lastName}`,
    points: Number(row.points),
    note: row.note,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The recognition points members give each other in a period's round. */
@Injectable()
export class RecognitionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises one giver's gifts in a period: two at once cannot both fit in what is left. */
  async lockGiver(periodId: string, fromMemberId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('remuneration.recognition.giver:' || $1 || ':' || $2, 0))`, [periodId, fromMemberId]);
  }

  /** The points the member gave in the period so far. */
  async givenBy(siteId: SiteId, periodId: string, fromMemberId: string, manager: EntityManager): Promise<number> {
    const [{ given }]: { given: number }[] = await manager.query(
      'SELECT COALESCE(SUM(points), 0)::int AS given FROM remuneration.recognition WHERE site_id = $1 AND period_id = $2 AND from_member_id = $3',
      [siteId, periodId, fromMemberId],
    );
    return given;
  }

  /** Adds the gift and returns its id. */
  async insert(siteId: SiteId, gift: { periodId: string; fromMemberId: string; toMemberId: string; points: number; note: string | null }, manager: EntityManager): Promise<string> {
    const id = uuidv7();
    await manager.query(
      'INSERT INTO remuneration.recognition (id, period_id, site_id, from_member_id, to_member_id, points, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, gift.periodId, siteId, gift.fromMemberId, gift.toMemberId, gift.points, gift.note, new Date()],
    );
    return id;
  }

  /** The member's gifts in the period, oldest first, with the recipients' names. */
  async givenIn(siteId: SiteId, periodId: string, fromMemberId: string, manager: EntityManager = this.dataSource.manager): Promise<Recognition[]> {
    const rows: GiftRow[] = await manager.query(
      `SELECT r.id, r.period_id, r.from_member_id, r.to_member_id, r.points, r.note, r.created_at, k.first_name, k.last_name
         FROM remuneration.recognition r LEFT JOIN remuneration.known_member k ON k.id = r.to_member_id
        WHERE r.site_id = $1 AND r.period_id = $2 AND r.from_member_id = $3 ORDER BY r.created_at, r.id`,
      [siteId, periodId, fromMemberId],
    );
    return rows.map(gift);
  }

  /** Keyed by the member's id alone (unique across sites): an erasure must reach the person wherever they are. */
  async eraseNotesOf(fromMemberId: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE remuneration.recognition SET note = NULL WHERE from_member_id = $1 AND note IS NOT NULL', [fromMemberId]);
  }
}
