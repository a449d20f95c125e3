import { PeriodSummary, SiteId } from '@kpa/contracts';
import { parseMoney } from '../units';
import { KnownPeriod, PeriodStatus, payMonthOf } from './period';
import { LedgerContribution, LedgerGift, LedgerMember, LedgerMissionHours, LedgerMovement, missionMargin, PeriodLedger, StoredFigures } from './period-figures';
import { previousFrozen } from './period-sequence';
import { PotSettings } from './pot';
import { DistributionSettings } from '../settings/distribution-settings';

/**
 * A period's row and what it counts, as values: the repository reads the rows, these functions
 * shape them. Rows of remuneration.period come with their dates as text (never a JS Date, which
 * would shift a day with the time zone).
 */

export interface PeriodRow {
  id: string;
  site_id: SiteId;
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

/** The site's rows a period counts, as the repository reads them (see PeriodsRepository.ledgerRows). */
export interface LedgerRows {
  movements: LedgerMovement[];
  missionHours: LedgerMissionHours[];
  contributions: LedgerContribution[];
  gifts: LedgerGift[];
  members: LedgerMember[];
  /** Every movement of the counted missions dated up to the period's end, whatever period counted it. */
  missionMoney: (Pick<LedgerMovement, 'kind' | 'netCents' | 'vatCents'> & { missionId: string })[];
}

/**
 * Everything the period counts (see PeriodLedger): the rows of the site not counted by any period
 * yet and dated up to its end, its gifts, the carry-over of the previous frozen period, the
 * settings and the host's VAT franchise (false while unknown).
 */
export function periodLedger(
  period: PeriodRow,
  periods: readonly PeriodRow[],
  rows: LedgerRows,
  site: { hostVatFranchise: boolean | null; pot: PotSettings; distribution: DistributionSettings; recognitionBudget: number },
): PeriodLedger {
  const franchise = site.hostVatFranchise ?? false;
  const missionIds = [...new Set(rows.missionHours.map((h) => h.missionId))];
  const missionMargins = new Map(
    missionIds.map((id) => [
      id,
      missionMargin(
        rows.missionMoney.filter((m) => m.missionId === id),
        franchise,
      ),
    ]),
  );
  const previous = previousFrozen(
    knownPeriod(period),
    periods.map((p) => ({ ...knownPeriod(p), row: p })),
  );
  const carryOverCents = previous?.row.figures ? parseMoney(previous.row.figures.carryOverToNext, 'carryOverToNext', true) : 0n;
  return {
    period: { id: period.id, startsOn: period.starts_on, endsOn: period.ends_on },
    movements: rows.movements,
    missionHours: rows.missionHours,
    missionMargins,
    contributions: rows.contributions,
    gifts: rows.gifts,
    members: rows.members,
    carryOverCents,
    hostVatFranchise: franchise,
    pot: site.pot,
    distribution: site.distribution,
    recognitionBudget: site.recognitionBudget,
  };
}
