import { addDays, compareDates, DomainError } from '@kpa/contracts';
import { KnownPeriod, PeriodDates, PeriodLength, periodOf } from './period';

/**
 * How a site's periods follow each other. The carry-over chains them: a period's pot takes what
 * the previous frozen period left (deficit + undistributed), and a period counts every ledger row
 * not counted yet up to its end. So periods close in date order, and only the latest frozen
 * period may be reopened; otherwise a carry-over would be taken twice, or rows counted in the
 * wrong period. Pure: the service reads the periods under the site's lock.
 */

function frozen(p: KnownPeriod): boolean {
  return p.status !== 'open';
}

function byStart(a: PeriodDates, b: PeriodDates): number {
  return compareDates(a.startsOn, b.startsOn);
}

/**
 * The dates of the period to open for `today` when none contains it: the period of the site's
 * length containing today, cut so that it overlaps no existing period (a hand-made period of the
 * same month may sit before or after today).
 */
export function currentPeriodDates(today: string, length: PeriodLength, existing: readonly PeriodDates[]): PeriodDates {
  const natural = periodOf(today, length);
  let { startsOn, endsOn } = natural;
  for (const p of existing) {
    const overlaps = compareDates(p.startsOn, endsOn) <= 0 && compareDates(startsOn, p.endsOn) <= 0;
    if (!overlaps) continue;
    if (compareDates(p.endsOn, today) < 0) startsOn = addDays(p.endsOn, 1);
    else if (compareDates(p.startsOn, today) > 0) endsOn = addDays(p.startsOn, -1);
    else throw new RangeError(`Period ${p.startsOn}–${p.endsOn} already contains ${today}.`);
  }
  return { startsOn, endsOn };
}

/** The latest frozen (closed or beyond) period before `period`: whose carry-over it takes. */
export function previousFrozen<P extends KnownPeriod>(period: PeriodDates, periods: readonly P[]): P | undefined {
  return periods
    .filter((p) => frozen(p) && compareDates(p.endsOn, period.startsOn) < 0)
    .sort(byStart)
    .pop();
}

/** PERIOD_OUT_OF_ORDER unless every earlier period is frozen and no later one is. */
export function checkCloseOrder(period: KnownPeriod, periods: readonly KnownPeriod[]): void {
  const earlierOpen = periods.filter((p) => p.id !== period.id && !frozen(p) && compareDates(p.endsOn, period.startsOn) < 0).sort(byStart)[0];
  if (earlierOpen) {
    throw new DomainError('PERIOD_OUT_OF_ORDER', `Periods close in date order: close period ${earlierOpen.id} (${earlierOpen.startsOn} to ${earlierOpen.endsOn}) first.`, {
      periodId: earlierOpen.id,
      startsOn: earlierOpen.startsOn,
      endsOn: earlierOpen.endsOn,
    });
  }
  checkNoLaterFrozen(period, periods, 'closed');
}

/** PERIOD_OUT_OF_ORDER when a later period is frozen: it already took this period's carry-over. */
export function checkReopenOrder(period: KnownPeriod, periods: readonly KnownPeriod[]): void {
  checkNoLaterFrozen(period, periods, 'reopened');
}

function checkNoLaterFrozen(period: KnownPeriod, periods: readonly KnownPeriod[], what: string): void {
  const later = periods
    .filter((p) => p.id !== period.id && frozen(p) && compareDates(p.startsOn, period.endsOn) > 0)
    .sort(byStart)
    .pop();
  if (later) {
    throw new DomainError(
      'PERIOD_OUT_OF_ORDER',
      `Period ${later.id} (${later.startsOn} to ${later.endsOn}) is ${later.status} and took this period's carry-over: this period cannot be ${what}${later.status === 'closed' ? ' unless that one is reopened first' : ''}.`,
      { periodId: later.id, startsOn: later.startsOn, endsOn: later.endsOn, status: later.status },
    );
  }
}

/** PERIOD_INVALID_DATES for a new period that would start within or before the frozen ones: what they counted is settled. */
export function checkAfterFrozen(candidate: PeriodDates, periods: readonly KnownPeriod[]): void {
  const last = periods.filter(frozen).sort(byStart).pop();
  if (last && compareDates(candidate.startsOn, last.endsOn) <= 0) {
    throw new DomainError(
      'PERIOD_INVALID_DATES',
      `Periods up to ${last.endsOn} are frozen (period ${last.id} is ${last.status}): a new period starts on ${addDays(last.endsOn, 1)} or later.`,
      {
        field: 'startsOn',
        periodId: last.id,
      },
    );
  }
}
