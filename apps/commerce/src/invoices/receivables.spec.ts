import fc from 'fast-check';
import { addDays, AGING_BUCKETS, compareDates } from '@kpa/contracts';
import { aging, dueRange } from './receivables';
import { TODAY } from './invoice.test-helpers';

describe('aging', () => {
  it('buckets from the due date: not due, 1–30, 31–60, 61–90, over 90 days', () => {
    const due = '2026-08-01';
    const on = (days: number) => aging(due, addDays(due, days));
    expect(on(-5)).toEqual({ daysOverdue: 0, bucket: 'not_due' });
    expect(on(0)).toEqual({ daysOverdue: 0, bucket: 'not_due' });
    expect(on(1)).toEqual({ daysOverdue: 1, bucket: '1_30' });
    expect(on(30)).toEqual({ daysOverdue: 30, bucket: '1_30' });
    expect(on(31)).toEqual({ daysOverdue: 31, bucket: '31_60' });
    expect(on(60)).toEqual({ daysOverdue: 60, bucket: '31_60' });
    expect(on(61)).toEqual({ daysOverdue: 61, bucket: '61_90' });
    expect(on(90)).toEqual({ daysOverdue: 90, bucket: '61_90' });
    expect(on(91)).toEqual({ daysOverdue: 91, bucket: 'over_90' });
    expect(on(400)).toEqual({ daysOverdue: 400, bucket: 'over_90' });
  });

  it('property: a due date lies in its bucket’s range of due dates and in no other', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (offset) => {
        const dueOn = addDays(TODAY, offset);
        const { bucket } = aging(dueOn, TODAY);
        for (const candidate of AGING_BUCKETS) {
          const { from, to } = dueRange(candidate, TODAY);
          const inside = (from === null || compareDates(dueOn, from) >= 0) && (to === null || compareDates(dueOn, to) <= 0);
          expect(inside).toBe(candidate === bucket);
        }
      }),
    );
  });
});
