import Holidays from 'date-holidays';

/**
 * French public holidays (jours fériés, C. trav. L3133-1) from date-holidays, a maintained library:
 * only its `public` entries (not observances such as Pentecost Sunday or Mother's Day). Metropolitan
 * France: the Alsace-Moselle extra days (Good Friday, 26 December) are not counted. Cached per year.
 */
const france = new Holidays('FR');
const byYear = new Map<number, ReadonlySet<string>>();

export function frenchPublicHolidays(year: number): ReadonlySet<string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set(
      france
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    byYear.set(year, days);
  }
  return days;
}

/** Whether a calendar date (YYYY-MM-DD) is a French public holiday. */
export function isFrenchPublicHoliday(date: string): boolean {
  return frenchPublicHolidays(Number(date.slice(0, 4))).has(date);
}
