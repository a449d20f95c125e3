import { addDays, addMonths, compareDates, daysBetween, DomainError, E_REPORTING_FREQUENCIES, EReportingFrequency, isIsoDate } from '@kpa/contracts';

/** The range of an e-reporting request and its transmission periods: pure rules. */

/** At most a year (a leap year's 366 days) per request: longer ranges are refused, not cut. */
export const MAX_E_REPORTING_DAYS = 366;

export interface DateRange {
  from: string;
  to: string;
}

function refuse(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** The first day of `date`'s month. */
function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/**
 * The range asked (from/to, both inclusive), or the previous calendar month of `today` when neither
 * is given; 400 VALIDATION_FAILED for a date that is not a real YYYY-MM-DD day, one bound without the
 * other, `from` after `to`, a range over a year, or an unknown frequency.
 */
export function eReportingRange(query: { from?: unknown; to?: unknown; frequency?: unknown }, today: string): DateRange & { frequency: EReportingFrequency } {
  const frequency = query.frequency ?? 'monthly';
  if (!E_REPORTING_FREQUENCIES.includes(frequency as EReportingFrequency)) {
    throw refuse('frequency', `frequency must be one of ${E_REPORTING_FREQUENCIES.join(', ')}.`);
  }
  const absent = (value: unknown) => value === undefined || value === null || value === '';
  if (absent(query.from) && absent(query.to)) {
    const thisMonth = monthStart(today);
    return { from: addMonths(thisMonth, -1), to: addDays(thisMonth, -1), frequency: frequency as EReportingFrequency };
  }
  if (absent(query.from)) throw refuse('from', 'from is missing: give both from and to (YYYY-MM-DD), or neither for the previous month.');
  if (absent(query.to)) throw refuse('to', 'to is missing: give both from and to (YYYY-MM-DD), or neither for the previous month.');
  if (!isIsoDate(query.from)) throw refuse('from', `from must be a real day written YYYY-MM-DD (got "${String(query.from).slice(0, 40)}").`);
  if (!isIsoDate(query.to)) throw refuse('to', `to must be a real day written YYYY-MM-DD (got "${String(query.to).slice(0, 40)}").`);
  if (compareDates(query.from, query.to) > 0) throw refuse('from', `from (${query.from}) must be on or before to (${query.to}).`);
  const days = daysBetween(query.from, query.to) + 1;
  if (days > MAX_E_REPORTING_DAYS) {
    throw refuse('to', `The range covers ${days} days: ask for at most ${MAX_E_REPORTING_DAYS} days (one year) at a time.`);
  }
  return { from: query.from, to: query.to, frequency: frequency as EReportingFrequency };
}

/** The first day of the period of `frequency` that follows the one holding `date`. */
function nextPeriodStart(date: string, frequency: Exclude<EReportingFrequency, 'whole'>): string {
  const day = Number(date.slice(8, 10));
  const month = monthStart(date);
  switch (frequency) {
    case 'monthly':
      return addMonths(month, 1);
    case 'decadal':
      // The reform's three transmissions a month: 1–10, 11–20, 21 to the month's end.
      return day <= 10 ? `${date.slice(0, 8)}11` : day <= 20 ? `${date.slice(0, 8)}21` : addMonths(month, 1);
    case 'bimonthly': {
      // Calendar pairs: January–February, March–April… (the month index 0-based is even at a pair's start).
      const monthIndex = Number(date.slice(5, 7)) - 1;
      return addMonths(month, monthIndex % 2 === 0 ? 2 : 1);
    }
  }
}

/** The range cut into the periods of `frequency`, the first and last clipped to the range. */
export function transmissionPeriods(range: DateRange, frequency: EReportingFrequency): DateRange[] {
  if (frequency === 'whole') return [{ from: range.from, to: range.to }];
  const periods: DateRange[] = [];
  let from = range.from;
  while (compareDates(from, range.to) <= 0) {
    const next = nextPeriodStart(from, frequency);
    const end = addDays(next, -1);
    const to = compareDates(end, range.to) < 0 ? end : range.to;
    periods.push({ from, to });
    from = next;
  }
  return periods;
}
