/**
 * Calendar dates written YYYY-MM-DD, computed on year/month/day (or on UTC midnights, which have no
 * daylight saving): no time zone can shift them. Every function expects valid dates (see isIsoDate).
 */
const DAY_MS = 86_400_000;

function parts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function utcMidnight(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function wholeNumber(n: number, name: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be a whole number, got ${n}.`);
}

/** How a calendar date is written on the wire; `isIsoDate` also checks it is a real day. */
export const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE_SHAPE.test(value)) return false;
  const [y, m, d] = parts(value);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** Same-width YYYY-MM-DD strings sort like the dates they write. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addDays(date: string, n: number): string {
  wholeNumber(n, 'days');
  const moved = new Date(utcMidnight(date) + n * DAY_MS);
  return format(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** `b - a` in days: positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return (utcMidnight(b) - utcMidnight(a)) / DAY_MS;
}

/** Calendar months; a day the target month lacks becomes its last day (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(date: string, n: number): string {
  wholeNumber(n, 'months');
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/**
 * Whole months elapsed from `from` to `to`: the largest n with addMonths(from, n) <= to, so it agrees
 * with addMonths at month ends (31 Jan to 28 Feb is 1 month). Negative when `to` is before `from`.
 */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  // addMonths(from, n) falls in to's month: it is either on or before `to`, or one month too far.
  const n = (ty - fy) * 12 + (tm - fm);
  return compareDates(addMonths(from, n), to) <= 0 ? n : n - 1;
}

/** Age in whole years on a date: a year older on the birthday itself (born 29 Feb: on 1 Mar in common years). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(onDate);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The day someone born on `birthDate` turns 18 (born 29 Feb: 1 Mar in common years, as ageOn). */
export function adultOn(birthDate: string): string {
  const [y, m, d] = parts(birthDate);
  return d > daysInMonth(y + 18, m) ? format(y + 18, m + 1, 1) : format(y + 18, m, d);
}
