import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, GivenRecognition, GiveRecognitionRequest, ListRecognitionsRequest, PeriodActor, Recognition, RecognitionRound } from '@kpa/contracts';
import { UnitOfWork } from '@kpa/platform';
import { checkGift, giftsVisibleTo, receivedTotalsVisible, remainingPoints } from './recognition';
import { siteSettings } from '../settings/site-settings';
import { UNKNOWN_MEMBER } from './period-figures';
import { erasedNames, findPeriod, UUID } from './period-ledger';

interface KnownMemberRow {
  id: string;
  first_name: string;
  last_name: string;
  active: boolean;
  erased: boolean;
}

async function memberOf(manager: EntityManager, siteId: string, memberId: string): Promise<KnownMemberRow | undefined> {
  if (!UUID.test(memberId)) return undefined;
  const rows: KnownMemberRow[] = await manager.query('SELECT id, first_name, last_name, active, erased FROM remuneration.known_member WHERE id = $1 AND site_id = $2', [memberId.toLowerCase(), siteId]);
  return rows[0];
}

function ownMember(actor: PeriodActor): string {
  if (!actor.memberId) {
    throw new DomainError('FORBIDDEN', 'Recognition points are given by members, as themselves: your account is not linked to a member file on this site.');
  }
  return actor.memberId.toLowerCase();
}

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

async function giftsOf(manager: EntityManager, periodId: string, fromMemberId: string): Promise<Recognition[]> {
  const rows: GiftRow[] = await manager.query(
    `SELECT r.id, r.period_id, r.from_member_id, r.to_member_id, r.points, r.note, r.created_at, k.first_name, k.last_name
       FROM remuneration.recognition r LEFT JOIN remuneration.known_member k ON k.id = r.to_member_id
      WHERE r.period_id = $1 AND r.from_member_id = $2 ORDER BY r.created_at, r.id`,
    [periodId, fromMemberId],
  );
  return giftsVisibleTo(rows.map(gift), fromMemberId);
}

/**
 * The peer recognition round of a period: a member gives points to others while it is open, within
 * the site's budget; they see their own gifts only; the totals received show once it is closed
 * (frozen with the figures).
 */
@Injectable()
export class RecognitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Under the giver's advisory lock, so two gifts at once cannot both fit in what is left; the
   * period row is read FOR SHARE, so a close waits for the gift (and counts it) or the gift waits
   * for the close (and is refused: the period is no longer open).
   */
  async give(request: GiveRecognitionRequest): Promise<GivenRecognition> {
    const { siteId, periodId, actor } = request;
    const fromMemberId = ownMember(actor);
    return this.unitOfWork.run(async ({ manager }) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('remuneration.recognition.giver:' || $1 || ':' || $2, 0))`, [periodId, fromMemberId]);
      const period = await findPeriod(manager, siteId, periodId, 'share');
      const giver = await memberOf(manager, siteId, fromMemberId);
      const to = typeof request.toMemberId === 'string' ? request.toMemberId.trim().toLowerCase() : undefined;
      let recipient: KnownMemberRow | undefined;
      if (to !== undefined && to !== '' && to !== fromMemberId) {
        recipient = await memberOf(manager, siteId, to);
        if (!recipient) throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${to} on this site.`, { field: 'toMemberId', toMemberId: to });
      }
      const [{ given }]: { given: number }[] = await manager.query('SELECT COALESCE(SUM(points), 0)::int AS given FROM remuneration.recognition WHERE period_id = $1 AND from_member_id = $2', [
        period.id,
        fromMemberId,
      ]);
      const { recognitionBudget } = await siteSettings(manager, siteId);
      const giverActive = giver !== undefined && giver.active && !giver.erased;
      const accepted = checkGift(
        { toMemberId: to, points: request.points, note: request.note },
        {
          fromMemberId,
          periodStatus: period.status,
          giverActive,
          recipientActive: recipient !== undefined && recipient.active && !recipient.erased,
          budget: recognitionBudget,
          alreadyGiven: given,
        },
      );
      const id = uuidv7();
      await manager.query(
        'INSERT INTO remuneration.recognition (id, period_id, site_id, from_member_id, to_member_id, points, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [id, period.id, siteId, fromMemberId, accepted.toMemberId, accepted.points, accepted.note, new Date()],
      );
      const created = (await giftsOf(manager, period.id, fromMemberId)).find((g) => g.id === id) as Recognition;
      return { ...created, remaining: remainingPoints(recognitionBudget, given + accepted.points, giverActive) };
    });
  }

  async list({ siteId, periodId, actor }: ListRecognitionsRequest): Promise<RecognitionRound> {
    const manager = this.dataSource.manager;
    const period = await findPeriod(manager, siteId, periodId);
    const { recognitionBudget } = await siteSettings(manager, siteId);
    const memberId = actor.memberId?.toLowerCase() ?? null;
    const given = memberId ? await giftsOf(manager, period.id, memberId) : [];
    const giver = memberId ? await memberOf(manager, siteId, memberId) : undefined;
    const spent = given.reduce((sum, g) => sum + g.points, 0);
    const totalsVisible = receivedTotalsVisible(period.status);
    let totals: RecognitionRound['totals'] = null;
    if (totalsVisible && period.figures?.recognition.totals) {
      const erased = await erasedNames(manager, period.figures.recognition.totals.map((t) => t.memberId));
      totals = period.figures.recognition.totals.map((t) => {
        const pseudonym = erased.get(t.memberId);
        return pseudonym ? { ...t, name: `${pseudonym.firstName} ${pseudonym.lastName}` } : t;
      });
    }
    return {
      periodId: period.id,
      status: period.status,
      budget: recognitionBudget,
      given,
      remaining: period.status === 'open' ? remainingPoints(recognitionBudget, spent, giver !== undefined && giver.active && !giver.erased) : 0,
      totalsVisible,
      totals,
    };
  }
}
