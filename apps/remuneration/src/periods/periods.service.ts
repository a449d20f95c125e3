import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  compareDates,
  CreatePeriodRequest,
  DomainError,
  GetPeriodRequest,
  ListPeriodsRequest,
  PERIOD_APPROVED_V1,
  PERIOD_CLOSED_V1,
  PeriodActionRequest,
  PeriodExport,
  PeriodPage,
  PeriodView,
  SiteId,
  siteIdOf,
} from '@kpa/contracts';
import { createEvent, decodeCursor, encodeCursor, pageSize, todayInFrance, UnitOfWork } from '@kpa/platform';
import { DirectoryRepository } from '../directory/directory.repository';
import { SiteSettingsRepository } from '../settings/site-settings.repository';
import { formatMoney } from '../units';
import { ObjectionsRepository } from './objections.repository';
import { checkNoOverlap, checkPeriodDates, contains, nextPeriodStatus, payMonthOf } from './period';
import { computeFigures, namedMembers, PeriodLedger, renderFigures, StoredFigures } from './period-figures';
import { knownPeriod, PeriodRow, periodLedger, periodSummary } from './period-ledger';
import { checkAfterFrozen, checkCloseOrder, checkReopenOrder, currentPeriodDates } from './period-sequence';
import { payrollCsv } from './payroll-export';
import { PeriodsRepository } from './periods.repository';

/**
 * The lifecycle of a site's periods: the current one opens by itself, a coordinator creates one by
 * hand, closes it (the figures are computed from the ledger and frozen, the counted rows take the
 * period's id), reopens it to correct, approves it once objections are answered; the payroll CSV
 * exports it; it is marked paid. Every change of the sequence runs under the site's advisory lock;
 * a change of one period under its row lock (gifts and objections take it shared). Who may do what
 * is the gateway's guard's (@SiteRoles on each route of its periods controller).
 */
@Injectable()
export class PeriodsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly periods: PeriodsRepository,
    private readonly objections: ObjectionsRepository,
    private readonly directory: DirectoryRepository,
    private readonly settings: SiteSettingsRepository,
  ) {}

  /**
   * Opens the period containing today when none does (of the site's length, cut around hand-made
   * periods). Nothing while remuneration does not know the site yet, or when a later period is
   * already frozen (a period before it could never close).
   */
  async ensureCurrent(site: string, today = todayInFrance()): Promise<void> {
    const siteId = siteIdOf(site);
    if (await this.periods.anyContaining(siteId, today)) return;
    await this.unitOfWork.run(async ({ manager }) => {
      if ((await this.directory.siteCode(siteId, manager)) === null) return;
      await this.periods.lockSite(siteId, manager);
      const periods = await this.periods.ofSite(siteId, manager);
      if (periods.some((p) => contains({ startsOn: p.starts_on, endsOn: p.ends_on }, today))) return;
      if (periods.some((p) => p.status !== 'open' && compareDates(p.starts_on, today) > 0)) return;
      const { periodLength } = await this.settings.get(siteId, {}, manager);
      const dates = currentPeriodDates(
        today,
        periodLength,
        periods.map((p) => ({ startsOn: p.starts_on, endsOn: p.ends_on })),
      );
      await this.periods.insert(siteId, dates, manager);
    });
  }

  async list(request: ListPeriodsRequest): Promise<PeriodPage> {
    const siteId = siteIdOf(request.siteId);
    const limit = pageSize(request);
    // Keyset on (startsOn, id), newest first: the cursor carries the date where others carry createdAt.
    const cursor = decodeCursor(request.cursor, 'periods');
    if (!cursor) await this.ensureCurrent(siteId);
    const rows = await this.periods.page(siteId, { status: request.status, after: cursor && { startsOn: cursor.createdAt, id: cursor.id }, limit });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(periodSummary), nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.starts_on, id: last.id }, 'periods') : null };
  }

  async create({ siteId: site, startsOn, endsOn }: CreatePeriodRequest): Promise<PeriodView> {
    const siteId = siteIdOf(site);
    return this.unitOfWork.run(async ({ manager }) => {
      const dates = checkPeriodDates(startsOn, endsOn);
      if ((await this.directory.siteCode(siteId, manager)) === null)
        throw new DomainError('SITE_NOT_FOUND', `Remuneration does not know site ${siteId} yet: try again in a moment.`, { siteId });
      await this.periods.lockSite(siteId, manager);
      const periods = await this.periods.ofSite(siteId, manager);
      checkNoOverlap(
        dates,
        periods.map((p) => ({ id: p.id, startsOn: p.starts_on, endsOn: p.ends_on })),
      );
      checkAfterFrozen(dates, periods.map(knownPeriod));
      return this.view(await this.periods.insert(siteId, dates, manager), manager);
    });
  }

  /** The breakdown: the live preview while open (in one consistent snapshot), else the frozen figures. */
  get({ siteId, periodId }: GetPeriodRequest): Promise<PeriodView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => this.view(await this.periods.find(siteIdOf(siteId), periodId, {}, manager), manager));
  }

  async close({ siteId: site, periodId, actor }: PeriodActionRequest): Promise<PeriodView> {
    const siteId = siteIdOf(site);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      await this.periods.lockSite(siteId, manager);
      const period = await this.periods.find(siteId, periodId, { lock: 'update' }, manager);
      const status = nextPeriodStatus(period.status, 'close', { openObjections: 0 });
      const periods = await this.periods.ofSite(siteId, manager);
      checkCloseOrder(knownPeriod(period), periods.map(knownPeriod));
      const ledger = await this.ledger(siteId, period, periods, manager);
      const now = new Date();
      const figures = computeFigures(ledger, { kind: 'frozen', now });
      const marked = await this.periods.markCounted(siteId, period.id, ledger, manager);
      const expected = [ledger.movements.length, ledger.missionHours.length, ledger.contributions.length];
      // Only a close sets period_id, under the site's lock: a mismatch is a bug, never a race to paper over.
      if (marked.some((n, i) => n !== expected[i])) throw new Error(`Period ${period.id}: counted ${expected.join('/')} rows but marked ${marked.join('/')}.`);
      const row = await this.periods.markClosed(period, { status, figures, at: now, by: actor.userId }, manager);
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
      return this.view(row, manager);
    });
  }

  /** Closed → open, to correct: the figures are dropped and the rows it counted are free again. */
  async reopen({ siteId: site, periodId }: PeriodActionRequest): Promise<PeriodView> {
    const siteId = siteIdOf(site);
    return this.unitOfWork.run(async ({ manager }) => {
      await this.periods.lockSite(siteId, manager);
      const period = await this.periods.find(siteId, periodId, { lock: 'update' }, manager);
      const status = nextPeriodStatus(period.status, 'reopen', { openObjections: 0 });
      checkReopenOrder(knownPeriod(period), (await this.periods.ofSite(siteId, manager)).map(knownPeriod));
      return this.view(await this.periods.markReopened(period, { status, at: new Date() }, manager), manager);
    });
  }

  /** Closed → approved once every objection is answered; publishes the amounts per member for payroll. */
  async approve({ siteId: site, periodId, actor }: PeriodActionRequest): Promise<PeriodView> {
    const siteId = siteIdOf(site);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const period = await this.periods.find(siteId, periodId, { lock: 'update' }, manager);
      const status = nextPeriodStatus(period.status, 'approve', { openObjections: await this.objections.countOpen(siteId, period.id, manager) });
      const now = new Date();
      const row = await this.periods.markApproved(period, { status, at: now, by: actor.userId }, manager);
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
      return this.view(row, manager);
    });
  }

  /** The payroll CSV of an approved period (approved → exported; downloading again keeps it exported). */
  async export({ siteId: site, periodId, actor }: PeriodActionRequest): Promise<PeriodExport> {
    const siteId = siteIdOf(site);
    return this.unitOfWork.run(async ({ manager }) => {
      const period = await this.periods.find(siteId, periodId, { lock: 'update' }, manager);
      const status = nextPeriodStatus(period.status, 'export', { openObjections: 0 });
      await this.periods.markExported(period, { status, at: new Date(), by: actor.userId }, manager);
      const figures = period.figures as StoredFigures;
      const csv = payrollCsv({ startsOn: period.starts_on, endsOn: period.ends_on }, figures, await this.directory.erasedNames(siteId, namedMembers(figures), manager));
      const code = (await this.directory.siteCode(siteId, manager)) ?? siteId;
      return {
        filename: `remuneration-${code}-${period.starts_on}-${period.ends_on}.csv`,
        contentType: 'text/csv; charset=utf-8',
        content: csv.content,
        lines: csv.lines,
        total: formatMoney(csv.totalCents),
      };
    });
  }

  async markPaid({ siteId: site, periodId, actor }: PeriodActionRequest): Promise<PeriodView> {
    const siteId = siteIdOf(site);
    return this.unitOfWork.run(async ({ manager }) => {
      const period = await this.periods.find(siteId, periodId, { lock: 'update' }, manager);
      const status = nextPeriodStatus(period.status, 'mark_paid', { openObjections: 0 });
      return this.view(await this.periods.markPaid(period, { status, at: new Date(), by: actor.userId }, manager), manager);
    });
  }

  /** What the period counts, with the site's settings and its host's VAT franchise as they are now. */
  private async ledger(siteId: SiteId, period: PeriodRow, periods: readonly PeriodRow[], manager: EntityManager): Promise<PeriodLedger> {
    const rows = await this.periods.ledgerRows(siteId, period, manager);
    const hostVatFranchise = await this.directory.hostVatFranchise(siteId, manager);
    const settings = await this.settings.get(siteId, {}, manager);
    return periodLedger(period, periods, rows, { hostVatFranchise, pot: settings.pot, distribution: settings.distribution, recognitionBudget: settings.recognitionBudget });
  }

  private async view(row: PeriodRow, manager: EntityManager): Promise<PeriodView> {
    const summary = periodSummary(row);
    const open = await this.objections.countOpen(row.site_id, row.id, manager);
    if (row.figures) {
      return { ...summary, figures: renderFigures(row.figures, await this.directory.erasedNames(row.site_id, namedMembers(row.figures), manager)), openObjections: open };
    }
    const ledger = await this.ledger(row.site_id, row, await this.periods.ofSite(row.site_id, manager), manager);
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { members, ...figures } = computeFigures(ledger, { kind: 'preview', now: new Date() });
    return { ...summary, figures, openObjections: open };
  }
}
