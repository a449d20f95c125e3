/** Calendar dates written YYYY-MM-DD, computed on year/month/day: no time zone can shift them. */
function parts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = parts(value);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function compareDates(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Age in whole years on a date: a year older on the birthday itself. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(onDate);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
