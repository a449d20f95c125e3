import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  compareDates,
  CreatePeriodRequest,
  DomainError,
  GetPeriodRequest,
  ListPeriodsRequest,
  PERIOD_APPROVED_V1,
  PERIOD_CLOSED_V1,
  PeriodActionRequest,
  PeriodActor,
  PeriodExport,
  PeriodPage,
  PeriodSummary,
  PeriodView,
} from '@kpa/contracts';
import { createEvent, decodeCursor, encodeCursor, pageSize, todayInFrance, UnitOfWork } from '@kpa/platform';
import { checkNoOverlap, checkPeriodDates, contains, nextPeriodStatus, payMonthOf } from './period';
import { formatMoney } from '../units';
import { siteSettings } from '../settings/site-settings';
import { computeFigures, namedMembers, renderFigures, StoredFigures } from './period-figures';
import { erasedNames, findPeriod, knownPeriod, loadLedger, lockSite, pagePeriods, PeriodRow, periodSummary, sitePeriods } from './period-ledger';
import { checkAfterFrozen, checkCloseOrder, checkReopenOrder, currentPeriodDates } from './period-sequence';
import { payrollCsv } from './payroll-export';

function coordinatorOnly(actor: PeriodActor, what: string): void {
  if (actor.role !== 'coordinator') throw new DomainError('FORBIDDEN', `Only a coordinator of the site ${what}.`);
}

async function siteKnown(manager: EntityManager, siteId: string): Promise<{ code: string } | null> {
  const rows: { code: string }[] = await manager.query('SELECT code FROM remuneration.known_site WHERE id = $1', [siteId]);
  return rows[0] ?? null;
}

/**
 * The lifecycle of a site's periods: the current one opens by itself, a coordinator creates one by
 * hand, closes it (the figures are computed from the ledger and frozen, the counted rows take the
 * period's id), reopens it to correct, approves it once objections are answered; the payroll CSV
 * exports it; it is marked paid. Every change of the sequence runs under the site's advisory lock;
 * a change of one period under its row lock (gifts and objections take it shared).
 */
@Injectable()
export class PeriodsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Opens the period containing today when none does (of the site's length, cut around hand-made
   * periods). Nothing while remuneration does not know the site yet, or when a later period is
   * already frozen (a period before it could never close).
   */
  async ensureCurrent(siteId: string, today = todayInFrance()): Promise<void> {
    const containing: unknown[] = await this.dataSource.query('SELECT 1 FROM remuneration.period WHERE site_id = $1 AND starts_on <= $2 AND ends_on >= $2', [siteId, today]);
    if (containing.length > 0) return;
    await this.unitOfWork.run(async ({ manager }) => {
      if (!(await siteKnown(manager, siteId))) return;
      await lockSite(manager, siteId);
      const periods = await sitePeriods(manager, siteId);
      if (periods.some((p) => contains({ startsOn: p.starts_on, endsOn: p.ends_on }, today))) return;
      if (periods.some((p) => p.status !== 'open' && compareDates(p.starts_on, today) > 0)) return;
      const { periodLength } = await siteSettings(manager, siteId);
      const dates = currentPeriodDates(
        today,
        periodLength,
        periods.map((p) => ({ startsOn: p.starts_on, endsOn: p.ends_on })),
      );
      await this.insert(manager, siteId, dates);
    });
  }

  async list(request: ListPeriodsRequest): Promise<PeriodPage> {
    const limit = pageSize(request);
    // Keyset on (startsOn, id), newest first: the cursor carries the date where others carry createdAt.
    const cursor = decodeCursor(request.cursor);
    if (!cursor) await this.ensureCurrent(request.siteId);
    const rows = await pagePeriods(this.dataSource.manager, request.siteId, { status: request.status, after: cursor && { startsOn: cursor.createdAt, id: cursor.id }, limit });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(periodSummary), nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.starts_on, id: last.id }) : null };
  }

  async create({ siteId, actor, startsOn, endsOn }: CreatePeriodRequest): Promise<PeriodView> {
    coordinatorOnly(actor, 'creates periods');
    return this.unitOfWork.run(async ({ manager }) => {
      const dates = checkPeriodDates(startsOn, endsOn);
      if (!(await siteKnown(manager, siteId))) throw new DomainError('SITE_NOT_FOUND', `Remuneration does not know site ${siteId} yet: try again in a moment.`, { siteId });
      await lockSite(manager, siteId);
      const periods = await sitePeriods(manager, siteId);
      checkNoOverlap(dates, periods.map((p) => ({ id: p.id, startsOn: p.starts_on, endsOn: p.ends_on })));
      checkAfterFrozen(dates, periods.map(knownPeriod));
      const row = await this.insert(manager, siteId, dates);
      return this.view(manager, row);
    });
  }

  /** The breakdown: the live preview while open (in one consistent snapshot), else the frozen figures. */
  get({ siteId, periodId }: GetPeriodRequest): Promise<PeriodView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => this.view(manager, await findPeriod(manager, siteId, periodId)));
  }

  async close({ siteId, periodId, actor }: PeriodActionRequest): Promise<PeriodView> {
    coordinatorOnly(actor, 'closes a period');
    return this.unitOfWork.run(async ({ manager, publish }) => {
      await lockSite(manager, siteId);
      const period = await findPeriod(manager, siteId, periodId, 'update');
      const status = nextPeriodStatus(period.status, 'close', { openObjections: 0 });
      const periods = await sitePeriods(manager, siteId);
      checkCloseOrder(knownPeriod(period), periods.map(knownPeriod));
      const ledger = await loadLedger(manager, siteId, period, periods);
      const now = new Date();
      const figures = computeFigures(ledger, { kind: 'frozen', now });
      await this.count(manager, period.id, ledger);
      const row = await this.update(manager, period, `status = $2, figures = $3::jsonb, closed_at = $4, closed_by = $5, updated_at = $4`, [status, JSON.stringify(figures), now, actor.userId]);
      await publish(
        createEvent(
          PERIOD_CLOSED_V1,
          siteId,
          {
            periodId: period.id,
            startsOn: period.starts_on,
            endsOn: period.ends_on,
            pot: figures.pot.pot,
            distributed: figures.distribution.distributed,
            undistributed: figures.distribution.undistributed,
            shares: figures.shares.map((s) => ({ memberId: s.memberId, amount: s.total })),
          },
          now,
        ),
      );
      return this.view(manager, row);
    });
  }

  /** Closed → open, to correct: the figures are dropped and the rows it counted are free again. */
  async reopen({ siteId, periodId, actor }: PeriodActionRequest): Promise<PeriodView> {
    coordinatorOnly(actor, 'reopens a period');
    return this.unitOfWork.run(async ({ manager }) => {
      await lockSite(manager, siteId);
      const period = await findPeriod(manager, siteId, periodId, 'update');
      const status = nextPeriodStatus(period.status, 'reopen', { openObjections: 0 });
      checkReopenOrder(knownPeriod(period), (await sitePeriods(manager, siteId)).map(knownPeriod));
      for (const table of ['money_movement', 'mission_hours', 'contribution']) {
        await manager.query(`UPDATE remuneration.${table} SET period_id = NULL WHERE period_id = $1`, [period.id]);
      }
      const row = await this.update(manager, period, 'status = $2, figures = NULL, closed_at = NULL, closed_by = NULL, updated_at = $3', [status, new Date()]);
      return this.view(manager, row);
    });
  }

  /** Closed → approved once every objection is answered; publishes the amounts per member for payroll. */
  async approve({ siteId, periodId, actor }: PeriodActionRequest): Promise<PeriodView> {
    coordinatorOnly(actor, 'approves a period');
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const period = await findPeriod(manager, siteId, periodId, 'update');
      const [{ open }]: { open: number }[] = await manager.query(`SELECT count(*)::int AS open FROM remuneration.objection WHERE period_id = $1 AND status = 'open'`, [period.id]);
      const status = nextPeriodStatus(period.status, 'approve', { openObjections: open });
      const now = new Date();
      const row = await this.update(manager, period, 'status = $2, approved_at = $3, approved_by = $4, updated_at = $3', [status, now, actor.userId]);
      const figures = period.figures as StoredFigures;
      await publish(
        createEvent(
          PERIOD_APPROVED_V1,
          siteId,
          {
            periodId: period.id,
            startsOn: period.starts_on,
            endsOn: period.ends_on,
            payMonth: payMonthOf({ startsOn: period.starts_on, endsOn: period.ends_on }),
            distributed: figures.distribution.distributed,
            shares: figures.shares.map((s) => ({ memberId: s.memberId, amount: s.total })),
          },
          now,
        ),
      );
      return this.view(manager, row);
    });
  }

  /** The payroll CSV of an approved period (approved → exported; downloading again keeps it exported). */
  async export({ siteId, periodId, actor }: PeriodActionRequest): Promise<PeriodExport> {
    if (actor.role !== 'coordinator' && actor.role !== 'accountant') throw new DomainError('FORBIDDEN', 'Only a coordinator or an accountant of the site exports a period.');
    return this.unitOfWork.run(async ({ manager }) => {
      const period = await findPeriod(manager, siteId, periodId, 'update');
      const status = nextPeriodStatus(period.status, 'export', { openObjections: 0 });
      const now = new Date();
      await this.update(manager, period, 'status = $2, exported_at = COALESCE(exported_at, $3), exported_by = COALESCE(exported_by, $4), updated_at = $3', [status, now, actor.userId]);
      const figures = period.figures as StoredFigures;
      const csv = payrollCsv({ startsOn: period.starts_on, endsOn: period.ends_on }, figures, await erasedNames(manager, namedMembers(figures)));
      const code = (await siteKnown(manager, siteId))?.code ?? siteId;
      return {
        filename: `remuneration-${code}-${period.starts_on}-${period.ends_on}.csv`,
        contentType: 'text/csv; charset=utf-8',
        content: csv.content,
        lines: csv.lines,
        total: formatMoney(csv.totalCents),
      };
    });
  }

  async markPaid({ siteId, periodId, actor }: PeriodActionRequest): Promise<PeriodView> {
    if (actor.role !== 'coordinator' && actor.role !== 'accountant') throw new DomainError('FORBIDDEN', 'Only a coordinator or an accountant of the site marks a period paid.');
    return this.unitOfWork.run(async ({ manager }) => {
      const period = await findPeriod(manager, siteId, periodId, 'update');
      const status = nextPeriodStatus(period.status, 'mark_paid', { openObjections: 0 });
      const now = new Date();
      const row = await this.update(manager, period, 'status = $2, paid_at = $3, paid_by = $4, updated_at = $3', [status, now, actor.userId]);
      return this.view(manager, row);
    });
  }

  private async insert(manager: EntityManager, siteId: string, dates: { startsOn: string; endsOn: string }): Promise<PeriodRow> {
    const now = new Date();
    const id = uuidv7();
    await manager.query(`INSERT INTO remuneration.period (id, site_id, starts_on, ends_on, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 'open', $5, $5)`, [
      id,
      siteId,
      dates.startsOn,
      dates.endsOn,
      now,
    ]);
    return findPeriod(manager, siteId, id);
  }

  /** Updates the period (`$1` is its id, `params` follow) and reads it back. */
  private async update(manager: EntityManager, period: PeriodRow, set: string, params: unknown[]): Promise<PeriodRow> {
    await manager.query(`UPDATE remuneration.period SET ${set} WHERE id = $1`, [period.id, ...params]);
    return findPeriod(manager, period.site_id, period.id);
  }

  /** The counted rows take the period's id: by key, so a row arriving meanwhile is left for the next period. */
  private async count(manager: EntityManager, periodId: string, ledger: Awaited<ReturnType<typeof loadLedger>>): Promise<void> {
    const movementIds = ledger.movements.map((m) => m.id);
    const contributionIds = ledger.contributions.map((c) => c.id);
    const marked = [
      movementIds.length ? await manager.query('UPDATE remuneration.money_movement SET period_id = $1 WHERE id = ANY($2::uuid[]) AND period_id IS NULL', [periodId, movementIds]) : [[], 0],
      ledger.missionHours.length
        ? await manager.query(
            `UPDATE remuneration.mission_hours h SET period_id = $1 FROM unnest($2::uuid[], $3::uuid[]) AS k(mission_id, member_id)
              WHERE h.mission_id = k.mission_id AND h.member_id = k.member_id AND h.period_id IS NULL`,
            [periodId, ledger.missionHours.map((h) => h.missionId), ledger.missionHours.map((h) => h.memberId)],
          )
        : [[], 0],
      contributionIds.length ? await manager.query('UPDATE remuneration.contribution SET period_id = $1 WHERE id = ANY($2::uuid[]) AND period_id IS NULL', [periodId, contributionIds]) : [[], 0],
    ].map((result: [unknown[], number]) => result[1]);
    const expected = [movementIds.length, ledger.missionHours.length, contributionIds.length];
    // Only a close sets period_id, under the site's lock: a mismatch is a bug, never a race to paper over.
    if (marked.some((n, i) => n !== expected[i])) throw new Error(`Period ${periodId}: counted ${expected.join('/')} rows but marked ${marked.join('/')}.`);
  }

  private async view(manager: EntityManager, row: PeriodRow): Promise<PeriodView> {
    const summary: PeriodSummary = periodSummary(row);
    const [{ open }]: { open: number }[] = await manager.query(`SELECT count(*)::int AS open FROM remuneration.objection WHERE period_id = $1 AND status = 'open'`, [row.id]);
    if (row.figures) {
      return { ...summary, figures: renderFigures(row.figures, await erasedNames(manager, namedMembers(row.figures))), openObjections: open };
    }
    const ledger = await loadLedger(manager, row.site_id, row, await sitePeriods(manager, row.site_id));
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { members, ...figures } = computeFigures(ledger, { kind: 'preview', now: new Date() });
    return { ...summary, figures, openObjections: open };
  }
}

