import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Objection, SiteId } from '@kpa/contracts';
import { UNKNOWN_MEMBER } from './period-figures';

interface ObjectionRow {
  id: string;
  period_id: string;
  member_id: string;
  text: string;
  status: Objection['status'];
  answer: string | null;
  answered_by: string | null;
  created_at: Date;
  answered_at: Date | null;
  first_name: string | null;
  last_name: string | null;
}

function objection(row: ObjectionRow): Objection {
  return {
    id: row.id,
    periodId: row.period_id,
    memberId: row.member_id,
    name: `${row.first_name ?? UNKNOWN_MEMBER.firstName} ${row.last_name ?? UNKNOWN_MEMBER.lastName}`,
    text: row.text,
    status: row.status,
    answer: row.answer,
    answeredBy: row.answered_by,
    createdAt: new Date(row.created_at).toISOString(),
    answeredAt: row.answered_at === null ? null : new Date(row.answered_at).toISOString(),
  };
}

/** Members' objections to a period's figures, with the objector's name as remuneration knows it. */
@Injectable()
export class ObjectionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The period's objections (one by id, or one member's), oldest first. */
  async ofPeriod(siteId: SiteId, periodId: string, filter: { id?: string; memberId?: string } = {}, manager: EntityManager = this.dataSource.manager): Promise<Objection[]> {
    const params: unknown[] = [siteId, periodId];
    let where = 'o.site_id = $1 AND o.period_id = $2';
    if (filter.id) {
      params.push(filter.id);
      where += ` AND o.id = $${params.length}`;
    }
    if (filter.memberId) {
      params.push(filter.memberId);
      where += ` AND o.member_id = $${params.length}`;
    }
    const rows: ObjectionRow[] = await manager.query(
      `SELECT o.id, o.period_id, o.member_id, o.text, o.status, o.answer, o.answered_by, o.created_at, o.answered_at, k.first_name, k.last_name
         FROM remuneration.objection o LEFT JOIN remuneration.known_member k ON k.id = o.member_id
        WHERE ${where} ORDER BY o.created_at, o.id`,
      params,
    );
    return rows.map(objection);
  }

  async countOpen(siteId: SiteId, periodId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ open }]: { open: number }[] = await manager.query(
      `SELECT count(*)::int AS open FROM remuneration.objection WHERE site_id = $1 AND period_id = $2 AND status = 'open'`,
      [siteId, periodId],
    );
    return open;
  }

  async insert(siteId: SiteId, objection: { periodId: string; memberId: string; text: string }, manager: EntityManager): Promise<Objection> {
    const id = uuidv7();
    await manager.query(`INSERT INTO remuneration.objection (id, period_id, site_id, member_id, text, status, created_at) VALUES ($1, $2, $3, $4, $5, 'open', $6)`, [
      id,
      objection.periodId,
      siteId,
      objection.memberId,
      objection.text,
      new Date(),
    ]);
    return (await this.ofPeriod(siteId, objection.periodId, { id }, manager))[0];
  }

  async answer(siteId: SiteId, objection: Objection, answer: { text: string; by: string }, manager: EntityManager): Promise<Objection> {
    await manager.query(`UPDATE remuneration.objection SET status = 'answered', answer = $3, answered_by = $4, answered_at = $5 WHERE site_id = $1 AND id = $2`, [
      siteId,
      objection.id,
      answer.text,
      answer.by,
      new Date(),
    ]);
    return (await this.ofPeriod(siteId, objection.periodId, { id: objection.id }, manager))[0];
  }

  /** Keyed by the member's id alone (unique across sites): an erasure must reach the person wherever they are. */
  async replaceTextOf(memberId: string, text: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE remuneration.objection SET text = $2 WHERE member_id = $1', [memberId, text]);
  }
}
