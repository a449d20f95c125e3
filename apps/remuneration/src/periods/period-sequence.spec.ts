import { KnownPeriod } from './period';
import { checkAfterFrozen, checkCloseOrder, checkReopenOrder, currentPeriodDates, previousFrozen } from './period-sequence';
import { codeOf } from '@kpa/testing/refusal';

const p = (id: string, startsOn: string, endsOn: string, status: KnownPeriod['status']): KnownPeriod => ({ id, startsOn, endsOn, status });

describe('currentPeriodDates', () => {
  it('is the month (or the ISO week cut to the month) containing today when nothing is in the way', () => {
    expect(currentPeriodDates('2026-03-18', 'month', [])).toEqual({ startsOn: '2026-03-01', endsOn: '2026-03-31' });
    expect(currentPeriodDates('2026-04-01', 'week', [])).toEqual({ startsOn: '2026-04-01', endsOn: '2026-04-05' });
  });

  it('is cut around hand-made periods before and after today', () => {
    const existing = [
      { startsOn: '2026-03-01', endsOn: '2026-03-10' },
      { startsOn: '2026-03-25', endsOn: '2026-03-31' },
      { startsOn: '2026-02-01', endsOn: '2026-02-28' },
    ];
    expect(currentPeriodDates('2026-03-18', 'month', existing)).toEqual({ startsOn: '2026-03-11', endsOn: '2026-03-24' });
  });

  it('refuses when a period already contains today (the caller checks first)', () => {
    expect(() => currentPeriodDates('2026-03-18', 'month', [{ startsOn: '2026-03-18', endsOn: '2026-03-18' }])).toThrow(RangeError);
  });
});

describe('the order of closing and reopening', () => {
  const jan = p('jan', '2026-01-01', '2026-01-31', 'approved');
  const feb = p('feb', '2026-02-01', '2026-02-28', 'closed');
  const mar = p('mar', '2026-03-01', '2026-03-31', 'open');
  const apr = p('apr', '2026-04-01', '2026-04-30', 'open');

  it('the previous frozen period is the latest frozen one before', () => {
    expect(previousFrozen(mar, [apr, jan, feb, mar])?.id).toBe('feb');
    expect(previousFrozen(jan, [apr, jan, feb, mar])).toBeUndefined();
    expect(previousFrozen(apr, [apr, jan, mar])?.id).toBe('jan');
  });

  it('closes in date order: not with an earlier open period, not before a frozen later one', () => {
    expect(codeOf(() => checkCloseOrder(mar, [jan, feb, mar, apr]))).toBeUndefined();
    expect(codeOf(() => checkCloseOrder(apr, [jan, feb, mar, apr]))).toBe('PERIOD_OUT_OF_ORDER');
    const lateJanuaryPeriod = p('x', '2025-12-01', '2025-12-31', 'open');
    expect(codeOf(() => checkCloseOrder(lateJanuaryPeriod, [lateJanuaryPeriod, jan, feb]))).toBe('PERIOD_OUT_OF_ORDER');
  });

  it('reopens only the latest frozen period', () => {
    expect(codeOf(() => checkReopenOrder(feb, [jan, feb, mar, apr]))).toBeUndefined();
    expect(codeOf(() => checkReopenOrder(jan, [jan, feb, mar]))).toBe('PERIOD_OUT_OF_ORDER');
  });

  it('a new period starts after the frozen ones', () => {
    expect(codeOf(() => checkAfterFrozen({ startsOn: '2026-02-15', endsOn: '2026-02-20' }, [jan, feb]))).toBe('PERIOD_INVALID_DATES');
    expect(codeOf(() => checkAfterFrozen({ startsOn: '2026-03-01', endsOn: '2026-03-15' }, [jan, feb]))).toBeUndefined();
  });
});
