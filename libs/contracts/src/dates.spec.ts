import { addDays, addMonths, adultOn, ageOn, compareDates, daysBetween, isIsoDate, monthsBetween } from './dates';

describe('calendar dates', () => {
  describe('isIsoDate', () => {
    it('accepts real calendar dates, 29 Feb only in leap years', () => {
      expect(isIsoDate('2026-01-31')).toBe(true);
      expect(isIsoDate('2024-02-29')).toBe(true);
      expect(isIsoDate('2000-02-29')).toBe(true);
      expect(isIsoDate('2026-02-29')).toBe(false);
      expect(isIsoDate('1900-02-29')).toBe(false);
      expect(isIsoDate('2026-02-30')).toBe(false);
      expect(isIsoDate('2026-04-31')).toBe(false);
      expect(isIsoDate('2026-13-01')).toBe(false);
      expect(isIsoDate('2026-00-10')).toBe(false);
    });

    it('refuses other shapes and types', () => {
      for (const value of ['2026-1-05', '26-01-05', '2026-01-05T00:00:00Z', ' 2026-01-05', '', null, undefined, 20260105, new Date()]) {
        expect(isIsoDate(value)).toBe(false);
      }
    });
  });

  it('compares dates', () => {
    expect(compareDates('2026-01-31', '2026-02-01')).toBe(-1);
    expect(compareDates('2026-02-01', '2026-02-01')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
  });

  describe('addDays', () => {
    it('crosses month, year and leap-day boundaries', () => {
      expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
      expect(addDays('2026-01-15', 0)).toBe('2026-01-15');
      expect(addDays('2026-01-15', 365)).toBe('2027-01-15');
    });

    it('is not shifted by daylight saving (last Sunday of March and October in France)', () => {
      expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
      expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
      expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    });

    it('refuses a fraction of a day', () => {
      expect(() => addDays('2026-01-15', 0.5)).toThrow(RangeError);
    });
  });

  it('counts the days between two dates, negative backwards', () => {
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('2026-01-01', '2026-01-15')).toBe(14);
    expect(daysBetween('2026-01-15', '2026-01-01')).toBe(-14);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  describe('addMonths', () => {
    it('keeps the day of the month when the target month has it', () => {
      expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
      expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
      expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
      expect(addMonths('2026-03-31', 0)).toBe('2026-03-31');
    });

    it('clamps to the end of a shorter month, leap years included', () => {
      expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
      expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
      expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
      expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
      expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    });

    it('goes backwards across years', () => {
      expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
      expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
      expect(addMonths('2026-01-31', -13)).toBe('2024-12-31');
    });

    it('refuses a fraction of a month', () => {
      expect(() => addMonths('2026-01-15', 1.5)).toThrow(RangeError);
    });
  });

  describe('monthsBetween', () => {
    it('counts a month on the same day of the next month, not the day before', () => {
      expect(monthsBetween('2026-01-15', '2026-01-15')).toBe(0);
      expect(monthsBetween('2026-01-15', '2026-02-14')).toBe(0);
      expect(monthsBetween('2026-01-15', '2026-02-15')).toBe(1);
      expect(monthsBetween('2026-01-15', '2027-01-14')).toBe(11);
      expect(monthsBetween('2026-01-15', '2027-01-15')).toBe(12);
    });

    it('agrees with addMonths at month ends', () => {
      expect(monthsBetween('2026-01-31', '2026-02-27')).toBe(0);
      expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(1);
      expect(monthsBetween('2024-01-31', '2024-02-28')).toBe(0);
      expect(monthsBetween('2024-01-31', '2024-02-29')).toBe(1);
      expect(monthsBetween('2026-01-31', '2026-03-30')).toBe(1);
      expect(monthsBetween('2026-01-31', '2026-03-31')).toBe(2);
      expect(monthsBetween('2024-02-29', '2025-02-28')).toBe(12);
    });

    it('is negative when the end is before the start', () => {
      expect(monthsBetween('2026-03-15', '2026-03-14')).toBe(-1);
      expect(monthsBetween('2026-03-15', '2026-02-15')).toBe(-1);
      expect(monthsBetween('2026-03-15', '2026-02-14')).toBe(-2);
    });
  });

  describe('adultOn', () => {
    it('is the 18th birthday, the first day ageOn says 18', () => {
      expect(adultOn('2010-05-14')).toBe('2028-05-14');
      expect(ageOn('2010-05-14', addDays(adultOn('2010-05-14'), -1))).toBe(17);
      expect(ageOn('2010-05-14', adultOn('2010-05-14'))).toBe(18);
    });

    it('is 1 March for someone born on 29 February when the 18th year is common', () => {
      expect(adultOn('2008-02-29')).toBe('2026-03-01');
      expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
      expect(adultOn('2010-02-28')).toBe('2028-02-28');
    });
  });

  describe('ageOn', () => {
    it('is a year older on the birthday itself, not the day before', () => {
      expect(ageOn('2010-05-14', '2026-05-13')).toBe(15);
      expect(ageOn('2010-05-14', '2026-05-14')).toBe(16);
      expect(ageOn('2010-05-14', '2026-12-31')).toBe(16);
      expect(ageOn('2010-05-14', '2010-05-14')).toBe(0);
    });

    it('counts a 29 February birthday on 1 March in common years, on 29 February in leap years', () => {
      expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
      expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
      expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
      expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    });
  });
});
