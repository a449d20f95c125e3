import { dueIsPast } from './due-date';

describe('dueIsPast', () => {
  it('is past only once the day has gone by', () => {
    expect(dueIsPast('2026-09-16', '2026-12-05')).toBe(true);
    expect(dueIsPast('2026-12-05', '2026-12-05')).toBe(false);
    expect(dueIsPast('2026-12-31', '2026-12-05')).toBe(false);
  });

  it('orders days across months and years', () => {
    expect(dueIsPast('2026-12-31', '2027-01-01')).toBe(true);
    expect(dueIsPast('2027-01-01', '2026-12-31')).toBe(false);
  });
});
