import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, isUuid, SiteId } from '@kpa/contracts';
import { ContributionKind } from '../contributions/contribution';
import { PeriodDates, PeriodStatus } from './period';
import { LedgerMovement, PeriodLedger, StoredFigures } from './period-figures';
import { LedgerRows, PeriodRow } from './period-ledger';

const PERIOD_COLUMNS = `id, site_id, starts_on::text AS starts_on, ends_on::text AS ends_on, status, figures, closed_at, closed_by, approved_at, approved_by, exported_at, paid_at, created_at, updated_at`;

/**
 * Every read and write of a site's periods, and of the ledger rows a close counts. Changes run in
 * the use case's transaction (its EntityManager); each returns the period as it now is.
 */
@Injectable()
export class PeriodsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises what changes a site's periods (opening, closing, reopening): several instances never race on the sequence. */
  async lockSite(siteId: SiteId, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('remuneration.period.site:' || $1, 0))`, [siteId]);
  }

  /** A period of the site, optionally row-locked; another site's (or an absent one) is PERIOD_NOT_FOUND. */
  async find(siteId: SiteId, periodId: string, options: { lock?: 'update' | 'share' } = {}, manager: EntityManager = this.dataSource.manager): Promise<PeriodRow> {
    const lock = options.lock === 'update' ? ' FOR UPDATE' : options.lock === 'share' ? ' FOR SHARE' : '';
    const rows: PeriodRow[] = isUuid(periodId)
      ? await manager.query(`SELECT ${PERIOD_COLUMNS} FROM remuneration.period WHERE id = $1 AND site_id = $2${lock}`, [periodId, siteId])
      : [];
    if (rows.length === 0) throw new DomainError('PERIOD_NOT_FOUND', `No remuneration period with id ${periodId} on this site.`, { periodId });
    return rows[0];
  }

  /** The site's periods, oldest first. */
  ofSite(siteId: SiteId, manager: EntityManager = this.dataSource.manager): Promise<PeriodRow[]> {
    return manager.query(`SELECT ${PERIOD_COLUMNS} FROM remuneration.period WHERE site_id = $1 ORDER BY starts_on`, [siteId]);
  }

  /** Newest first, keyset on (startsOn, id); one row more than `limit` tells there is a next page. */
  page(siteId: SiteId, options: { status?: string; after?: { startsOn: string; id: string }; limit: number }): Promise<PeriodRow[]> {
    const params: unknown[] = [siteId, options.limit + 1];
    let where = 'site_id = $1';
    if (options.status) {
      params.push(options.status);
      where += ` AND status = $${params.length}`;
    }
    if (options.after) {
      params.push(options.after.startsOn, options.after.id);
      where += ` AND (starts_on, id) < ($${params.length - 1}::date, $${params.length}::uuid)`;
    }
    return this.dataSource.query(`SELECT ${PERIOD_COLUMNS} FROM remuneration.period WHERE ${where} ORDER BY starts_on DESC, id DESC LIMIT $2`, params);
  }

  async anyContaining(siteId: SiteId, date: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM remuneration.period WHERE site_id = $1 AND starts_on <= $2 AND ends_on >= $2', [siteId, date]);
    return rows.length > 0;
  }

  async insert(siteId: SiteId, dates: PeriodDates, manager: EntityManager): Promise<PeriodRow> {
    const now = new Date();
    const id = uuidv7();
    await manager.query(`INSERT INTO remuneration.period (id, site_id, starts_on, ends_on, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 'open', $5, $5)`, [
      id,
      siteId,
      dates.startsOn,
      dates.endsOn,
      now,
    ]);
    return this.find(siteId, id, {}, manager);
  }

  markClosed(period: PeriodRow, change: { status: PeriodStatus; figures: StoredFigures; at: Date; by: string }, manager: EntityManager): Promise<PeriodRow> {
    return this.update(
      period,
      'status = $2, figures = $3::jsonb, closed_at = $4, closed_by = $5, updated_at = $4',
      [change.status, JSON.stringify(change.figures), change.at, change.by],
      manager,
    );
  }

  /** The figures are dropped and the rows the period counted are free again. */
  async markReopened(period: PeriodRow, change: { status: PeriodStatus; at: Date }, manager: EntityManager): Promise<PeriodRow> {
    for (const table of ['money_movement', 'mission_hours', 'contribution']) {
      await manager.query(`UPDATE remuneration.${table} SET period_id = NULL WHERE period_id = $1`, [period.id]);
    }
    return this.update(period, 'status = $2, figures = NULL, closed_at = NULL, closed_by = NULL, updated_at = $3', [change.status, change.at], manager);
  }

  markApproved(period: PeriodRow, change: { status: PeriodStatus; at: Date; by: string }, manager: EntityManager): Promise<PeriodRow> {
    return this.update(period, 'status = $2, approved_at = $3, approved_by = $4, updated_at = $3', [change.status, change.at, change.by], manager);
  }

  /** Downloading again keeps the first export's time and author. */
  markExported(period: PeriodRow, change: { status: PeriodStatus; at: Date; by: string }, manager: EntityManager): Promise<PeriodRow> {
    return this.update(
      period,
      'status = $2, exported_at = COALESCE(exported_at, $3), exported_by = COALESCE(exported_by, $4), updated_at = $3',
      [change.status, change.at, change.by],
      manager,
    );
  }

  markPaid(period: PeriodRow, change: { status: PeriodStatus; at: Date; by: string }, manager: EntityManager): Promise<PeriodRow> {
    return this.update(period, 'status = $2, paid_at = $3, paid_by = $4, updated_at = $3', [change.status, change.at, change.by], manager);
  }

  /**
   * The counted rows take the period's id, by key, so a row arriving meanwhile is left for the next
   * period. Returns how many rows of each kind (movements, mission hours, contributions) were marked.
   */
  async markCounted(
    siteId: SiteId,
    periodId: string,
    ledger: Pick<PeriodLedger, 'movements' | 'missionHours' | 'contributions'>,
    manager: EntityManager,
  ): Promise<[number, number, number]> {
    const movementIds = ledger.movements.map((m) => m.id);
    const contributionIds = ledger.contributions.map((c) => c.id);
    const affected = (result: [unknown[], number]) => result[1];
    return [
      movementIds.length
        ? affected(
            await manager.query('UPDATE remuneration.money_movement SET period_id = $1 WHERE site_id = $3 AND id = ANY($2::uuid[]) AND period_id IS NULL', [
              periodId,
              movementIds,
              siteId,
            ]),
          )
        : 0,
      ledger.missionHours.length
        ? affected(
            await manager.query(
              `UPDATE remuneration.mission_hours h SET period_id = $1 FROM unnest($2::uuid[], $3::uuid[]) AS k(mission_id, member_id)
                WHERE h.site_id = $4 AND h.mission_id = k.mission_id AND h.member_id = k.member_id AND h.period_id IS NULL`,
              [periodId, ledger.missionHours.map((h) => h.missionId), ledger.missionHours.map((h) => h.memberId), siteId],
            ),
          )
        : 0,
      contributionIds.length
        ? affected(
            await manager.query('UPDATE remuneration.contribution SET period_id = $1 WHERE site_id = $3 AND id = ANY($2::uuid[]) AND period_id IS NULL', [
              periodId,
              contributionIds,
              siteId,
            ]),
          )
        : 0,
    ];
  }

  /**
   * The site's rows `period` counts: those no period counted yet dated up to its end, its gifts, the
   * site's members, and every movement of the counted missions (for their margins).
   */
  async ledgerRows(siteId: SiteId, period: PeriodRow, manager: EntityManager): Promise<LedgerRows> {
    const movements: { id: string; kind: LedgerMovement['kind']; occurred_on: string; net_cents: string; vat_cents: string; mission_id: string | null; reference: string }[] =
      await manager.query(
        `SELECT id, kind, occurred_on::text AS occurred_on, net_cents::text AS net_cents, vat_cents::text AS vat_cents, mission_id, reference
         FROM remuneration.money_movement WHERE site_id = $1 AND period_id IS NULL AND occurred_on <= $2`,
        [siteId, period.ends_on],
      );
    const missionHours: { mission_id: string; member_id: string; completed_on: string; title: string; hundredths: number }[] = await manager.query(
      `SELECT mission_id, member_id, completed_on::text AS completed_on, title, hundredths
         FROM remuneration.mission_hours WHERE site_id = $1 AND period_id IS NULL AND completed_on <= $2`,
      [siteId, period.ends_on],
    );
    const contributions: { id: string; member_id: string; kind: ContributionKind; worked_on: string; hundredths: number }[] = await manager.query(
      `SELECT id, member_id, kind, worked_on::text AS worked_on, hundredths
         FROM remuneration.contribution WHERE site_id = $1 AND period_id IS NULL AND status = 'validated' AND worked_on <= $2`,
      [siteId, period.ends_on],
    );
    const gifts: { from_member_id: string; to_member_id: string; points: number }[] = await manager.query(
      'SELECT from_member_id, to_member_id, points FROM remuneration.recognition WHERE site_id = $1 AND period_id = $2',
      [siteId, period.id],
    );
    const members: { id: string; first_name: string; last_name: string; joined_on: string; left_on: string | null }[] = await manager.query(
      'SELECT id, first_name, last_name, joined_on::text AS joined_on, left_on::text AS left_on FROM remuneration.known_member WHERE site_id = $1',
      [siteId],
    );
    const missionIds = [...new Set(missionHours.map((h) => h.mission_id))];
    const missionMoney: { mission_id: string; kind: LedgerMovement['kind']; net_cents: string; vat_cents: string }[] = missionIds.length
      ? await manager.query(
          `SELECT mission_id, kind, net_cents::text AS net_cents, vat_cents::text AS vat_cents
             FROM remuneration.money_movement WHERE site_id = $1 AND mission_id = ANY($2::uuid[]) AND occurred_on <= $3`,
          [siteId, missionIds, period.ends_on],
        )
      : [];
    return {
      movements: movements.map((m) => ({
        id: m.id,
        kind: m.kind,
        occurredOn: m.occurred_on,
        netCents: BigInt(m.net_cents),
        vatCents: BigInt(m.vat_cents),
        missionId: m.mission_id,
        reference: m.reference,
      })),
      missionHours: missionHours.map((h) => ({ missionId: h.mission_id, memberId: h.member_id, completedOn: h.completed_on, title: h.title, hundredths: Number(h.hundredths) })),
      contributions: contributions.map((c) => ({ id: c.id, memberId: c.member_id, kind: c.kind, workedOn: c.worked_on, hundredths: Number(c.hundredths) })),
      gifts: gifts.map((g) => ({ fromMemberId: g.from_member_id, toMemberId: g.to_member_id, points: Number(g.points) })),
      members: members.map((m) => ({ id: m.id, firstName: m.first_name, lastName: m.last_name, joinedOn: m.joined_on, leftOn: m.left_on })),
      missionMoney: missionMoney.map((m) => ({ missionId: m.mission_id, kind: m.kind, netCents: BigInt(m.net_cents), vatCents: BigInt(m.vat_cents) })),
    };
  }

  /** Frozen figures that name the member, locked (keyed by the member's id alone: an erasure reaches every row of the person). */
  figuresNaming(memberId: string, manager: EntityManager): Promise<{ id: string; figures: StoredFigures }[]> {
    return manager.query(`SELECT id, figures FROM remuneration.period WHERE figures -> 'members' @> jsonb_build_array(jsonb_build_object('memberId', $1::text)) FOR UPDATE`, [
      memberId,
    ]);
  }

  async replaceFigures(periodId: string, figures: StoredFigures, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE remuneration.period SET figures = $2::jsonb WHERE id = $1', [periodId, JSON.stringify(figures)]);
  }

  /** Updates the period (`$1` is its id, `params` follow) and reads it back. Private: callers say which change. */
  private async update(period: PeriodRow, set: string, params: unknown[], manager: EntityManager): Promise<PeriodRow> {
    await manager.query(`UPDATE remuneration.period SET ${set} WHERE id = $1`, [period.id, ...params]);
    return this.find(period.site_id, period.id, {}, manager);
  }
}
