import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AnswerObjectionRequest, CreateObjectionRequest, DomainError, ListObjectionsRequest, Objection, ObjectionList } from '@kpa/contracts';
import { UnitOfWork } from '@kpa/platform';
import { checkObjection, checkObjectionAnswer } from './period';
import { UNKNOWN_MEMBER } from './period-figures';
import { findPeriod, UUID } from './period-ledger';

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

async function objectionsOf(manager: EntityManager, periodId: string, filter: { id?: string; memberId?: string } = {}): Promise<Objection[]> {
  const params: unknown[] = [periodId];
  let where = 'o.period_id = $1';
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

/**
 * Members' objections to a closed period's proposed figures, and coordinators' answers. Approval
 * waits until every objection is answered (PERIOD_OBJECTIONS_PENDING). The period row is read FOR
 * SHARE: an approval (FOR UPDATE) sees every objection made before it.
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async create({ siteId, periodId, actor, text }: CreateObjectionRequest): Promise<Objection> {
    if (!actor.memberId) throw new DomainError('FORBIDDEN', 'Objections are made by members, as themselves: your account is not linked to a member file on this site.');
    const memberId = actor.memberId.toLowerCase();
    return this.unitOfWork.run(async ({ manager }) => {
      const period = await findPeriod(manager, siteId, periodId, 'share');
      const checked = checkObjection(period.status, text);
      const id = uuidv7();
      await manager.query(`INSERT INTO remuneration.objection (id, period_id, site_id, member_id, text, status, created_at) VALUES ($1, $2, $3, $4, $5, 'open', $6)`, [
        id,
        period.id,
        siteId,
        memberId,
        checked,
        new Date(),
      ]);
      return (await objectionsOf(manager, period.id, { id }))[0];
    });
  }

  /** A coordinator answers (or answers again) while the period is closed. */
  async answer({ siteId, periodId, objectionId, actor, answer }: AnswerObjectionRequest): Promise<Objection> {
    if (actor.role !== 'coordinator') throw new DomainError('FORBIDDEN', 'Only a coordinator of the site answers objections.');
    return this.unitOfWork.run(async ({ manager }) => {
      const period = await findPeriod(manager, siteId, periodId, 'share');
      const found = UUID.test(objectionId) ? await objectionsOf(manager, period.id, { id: objectionId.toLowerCase() }) : [];
      if (found.length === 0) throw new DomainError('OBJECTION_NOT_FOUND', `No objection with id ${objectionId} on this period.`, { objectionId });
      const checked = checkObjectionAnswer(period.status, answer);
      await manager.query(`UPDATE remuneration.objection SET status = 'answered', answer = $2, answered_by = $3, answered_at = $4 WHERE id = $1`, [found[0].id, checked, actor.userId, new Date()]);
      return (await objectionsOf(manager, period.id, { id: found[0].id }))[0];
    });
  }

  /** Coordinators and accountants read every objection of the period; a member their own. */
  async list({ siteId, periodId, actor }: ListObjectionsRequest): Promise<ObjectionList> {
    const manager = this.dataSource.manager;
    const period = await findPeriod(manager, siteId, periodId);
    const all = actor.role === 'coordinator' || actor.role === 'accountant';
    const items = all ? await objectionsOf(manager, period.id) : actor.memberId ? await objectionsOf(manager, period.id, { memberId: actor.memberId.toLowerCase() }) : [];
    const [{ open }]: { open: number }[] = await manager.query(`SELECT count(*)::int AS open FROM remuneration.objection WHERE period_id = $1 AND status = 'open'`, [period.id]);
    return { items, open };
  }
}
