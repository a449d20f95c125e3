import { EntityManager } from 'typeorm';
import { DomainError, PeriodSummary } from '@kpa/contracts';
import { ContributionKind } from '../contributions/contribution';
import { KnownPeriod, PeriodStatus, payMonthOf } from './period';
import { parseMoney } from '../units';
import { hostVatFranchise, siteSettings } from '../settings/site-settings';
import { LedgerMember, LedgerMovement, missionMargin, PeriodLedger, StoredFigures } from './period-figures';
import { previousFrozen } from './period-sequence';

/**
 * Reading a site's periods and what a period counts, in the caller's transaction. Rows of
 * remuneration.period come back with their dates as text (never a JS Date, which would shift a
 * day with the time zone).
 */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PeriodRow {
  id: string;
  site_id: string;
  starts_on: string;
  ends_on: string;
  status: PeriodStatus;
  figures: StoredFigures | null;
  closed_at: Date | null;
  closed_by: string | null;
  approved_at: Date | null;
  approved_by: string | null;
  exported_at: Date | null;
  paid_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const PERIOD_COLUMNS = `id, site_id, starts_on::text AS starts_on, ends_on::text AS ends_on, status, figures, closed_at, closed_by, approved_at, approved_by, exported_at, paid_at, created_at, updated_at`;

/** Serialises what changes a site's periods (opening, closing, reopening): several instances never race on the sequence. */
export async function lockSite(manager: EntityManager, siteId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('remuneration.period.site:' || $1, 0))`, [siteId]);
}

/** A period of the site, optionally row-locked; another site's (or an absent one) is PERIOD_NOT_FOUND. */
export async function findPeriod(manager: EntityManager, siteId: string, periodId: string, lock?: 'update' | 'share'): Promise<PeriodRow> {
  const rows: PeriodRow[] = UUID.test(periodId)
    ? await manager.query(`SELECT ${PERIOD_COLUMNS} FROM remuneration.period WHERE id = $1 AND site_id = $2${lock === 'update' ? ' FOR UPDATE' : lock === 'share' ? ' FOR SHARE' : ''}`, [periodId, siteId])
    : [];
  if (rows.length === 0) throw new DomainError('PERIOD_NOT_FOUND', `No remuneration period with id ${periodId} on this site.`, { periodId });
  return rows[0];
}

export async function sitePeriods(manager: EntityManager, siteId: string): Promise<PeriodRow[]> {
  return manager.query(`SELECT ${PERIOD_COLUMNS} FROM remuneration.period WHERE site_id = $1 ORDER BY starts_on`, [siteId]);
}

export async function pagePeriods(manager: EntityManager, siteId: string, options: { status?: string; after?: { startsOn: string; id: string }; limit: number }): Promise<PeriodRow[]> {
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
  return manager.query(`SELECT ${PERIOD_COLUMNS} FROM remuneration.period WHERE ${where} ORDER BY starts_on DESC, id DESC LIMIT $2`, params);
}

export function knownPeriod(row: PeriodRow): KnownPeriod {
  return { id: row.id, startsOn: row.starts_on, endsOn: row.ends_on, status: row.status };
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

export function periodSummary(row: PeriodRow): PeriodSummary {
  const f = row.figures;
  return {
    id: row.id,
    siteId: row.site_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status,
    payMonth: payMonthOf({ startsOn: row.starts_on, endsOn: row.ends_on }),
    totals: f ? { pot: f.pot.pot, distributed: f.distribution.distributed, undistributed: f.distribution.undistributed, carryOverToNext: f.carryOverToNext } : null,
    closedAt: iso(row.closed_at),
    closedBy: row.closed_by,
    approvedAt: iso(row.approved_at),
    approvedBy: row.approved_by,
    exportedAt: iso(row.exported_at),
    paidAt: iso(row.paid_at),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

/** The pseudonyms of erased members among these ids ("Membre effacé #1a2b3c4d"). */
export async function erasedNames(manager: EntityManager, memberIds: string[]): Promise<Map<string, { firstName: string; lastName: string }>> {
  if (memberIds.length === 0) return new Map();
  const rows: { id: string; first_name: string; last_name: string }[] = await manager.query(
    'SELECT id, first_name, last_name FROM remuneration.known_member WHERE id = ANY($1::uuid[]) AND erased',
    [memberIds],
  );
  return new Map(rows.map((r) => [r.id, { firstName: r.first_name, lastName: r.last_name }]));
}

/**
 * Everything the period counts (see PeriodLedger): the rows of the site not counted by any period
 * yet and dated up to its end, its gifts, the carry-over of the previous frozen period, the
 * settings and the host's VAT franchise (false while unknown).
 */
export async function loadLedger(manager: EntityManager, siteId: string, period: PeriodRow, periods: readonly PeriodRow[]): Promise<PeriodLedger> {
  const movements: { id: string; kind: LedgerMovement['kind']; occurred_on: string; net_cents: string; vat_cents: string; mission_id: string | null; reference: string }[] = await manager.query(
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
    'SELECT from_member_id, to_member_id, points FROM remuneration.recognition WHERE period_id = $1',
    [period.id],
  );
  const members: { id: string; first_name: string; last_name: string; joined_on: string; left_on: string | null }[] = await manager.query(
    'SELECT id, first_name, last_name, joined_on::text AS joined_on, left_on::text AS left_on FROM remuneration.known_member WHERE site_id = $1',
    [siteId],
  );
  const franchise = (await hostVatFranchise(manager, siteId)) ?? false;
  const missionIds = [...new Set(missionHours.map((h) => h.mission_id))];
  const missionMoney: { mission_id: string; kind: LedgerMovement['kind']; net_cents: string; vat_cents: string }[] = missionIds.length
    ? await manager.query(
        `SELECT mission_id, kind, net_cents::text AS net_cents, vat_cents::text AS vat_cents
           FROM remuneration.money_movement WHERE site_id = $1 AND mission_id = ANY($2::uuid[]) AND occurred_on <= $3`,
        [siteId, missionIds, period.ends_on],
      )
    : [];
  const missionMargins = new Map(
    missionIds.map((id) => [
      id,
      missionMargin(
        missionMoney.filter((m) => m.mission_id === id).map((m) => ({ kind: m.kind, netCents: BigInt(m.net_cents), vatCents: BigInt(m.vat_cents) })),
        franchise,
      ),
    ]),
  );
  const previous = previousFrozen(knownPeriod(period), periods.map((p) => ({ ...knownPeriod(p), row: p })));
  const carryOverCents = previous?.row.figures ? parseMoney(previous.row.figures.carryOverToNext, 'carryOverToNext', true) : 0n;
  const settings = await siteSettings(manager, siteId);
  return {
    period: { id: period.id, startsOn: period.starts_on, endsOn: period.ends_on },
    movements: movements.map((m) => ({ id: m.id, kind: m.kind, occurredOn: m.occurred_on, netCents: BigInt(m.net_cents), vatCents: BigInt(m.vat_cents), missionId: m.mission_id, reference: m.reference })),
    missionHours: missionHours.map((h) => ({ missionId: h.mission_id, memberId: h.member_id, completedOn: h.completed_on, title: h.title, hundredths: Number(h.hundredths) })),
    missionMargins,
    contributions: contributions.map((c) => ({ id: c.id, memberId: c.member_id, kind: c.kind, workedOn: c.worked_on, hundredths: Number(c.hundredths) })),
    gifts: gifts.map((g) => ({ fromMemberId: g.from_member_id, toMemberId: g.to_member_id, points: Number(g.points) })),
    members: members.map((m): LedgerMember => ({ id: m.id, firstName: m.first_name, lastName: m.last_name, joinedOn: m.joined_on, leftOn: m.left_on })),
    carryOverCents,
    hostVatFranchise: franchise,
    pot: settings.pot,
    distribution: settings.distribution,
    recognitionBudget: settings.recognitionBudget,
  };
}
