import { join } from 'node:path';

/** The demo's calendar: every date it loads is an offset from today in Paris, month ends included. */
const dates = require(join(__dirname, '..', '..', 'scripts', 'lib', 'demo', 'dates.js')) as {
  todayInParis(now?: Date): string;
  addDays(day: string, days: number): string;
  addMonths(day: string, months: number): string;
  firstOfMonth(day: string): string;
  endOfMonth(day: string): string;
  latest(a: string, b: string): string;
  instantOn(day: string, hour?: number): string;
};

describe('the demo’s dates', () => {
  it('takes today in Paris, not in UTC', () => {
    expect(dates.todayInParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(dates.todayInParis(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });

  it('moves by days across months and years, and by months clamped to the month’s end', () => {
    expect(dates.addDays('2026-12-05', -150)).toBe('2026-07-08');
    expect(dates.addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(dates.addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(dates.addMonths('2028-03-31', -1)).toBe('2028-02-29');
    expect(dates.addMonths('2026-12-05', -17 * 12)).toBe('2009-12-05');
  });

  it('knows the first and the last day of a month', () => {
    expect(dates.firstOfMonth('2026-12-05')).toBe('2026-12-01');
    expect(dates.endOfMonth('2026-02-10')).toBe('2026-02-28');
    expect(dates.endOfMonth('2026-12-31')).toBe('2026-12-31');
    expect(dates.latest('2026-12-01', '2026-11-28')).toBe('2026-12-01');
  });

  it('never dates an interview in the future', () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(new Date(dates.instantOn(tomorrow, 10)).getTime()).toBeLessThanOrEqual(Date.now());
    expect(dates.instantOn('2026-06-01', 10)).toBe('2026-06-01T09:00:00.000Z');
  });
});
