/** Built once: constructing an Intl.DateTimeFormat costs far more than formatting with it. */
const FRANCE_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date (YYYY-MM-DD) in France, where every site is: the day of the rules. */
export function todayInFrance(now: Date = new Date()): string {
  return FRANCE_DATE.format(now);
}
