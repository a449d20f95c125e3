import fc from 'fast-check';
import { RESERVATION_ACTIONS, RESERVATION_STATUSES, ReservationAction, ReservationStatus } from '@kpa/contracts';
import { codeOf } from '@kpa/testing/refusal';
import { checkReservationRange, loanHours, nextReservationStatus, rangesOverlap, ReservationSide, SLOT_HOLDING_STATUSES } from './reservation';

const at = (iso: string) => new Date(iso);

describe('reservation lifecycle', () => {
  it('runs requested → accepted → checked out → returned, each step by the owner', () => {
    let status: ReservationStatus = 'requested';
    for (const action of ['accept', 'check_out', 'return'] as const) status = nextReservationStatus(status, action, 'owner', 'r1');
    expect(status).toBe('returned');
  });

  it('lets the owner decline a request, and either side cancel before check-out', () => {
    expect(nextReservationStatus('requested', 'decline', 'owner', 'r1')).toBe('declined');
    for (const side of ['owner', 'borrower'] as const) {
      expect(nextReservationStatus('requested', 'cancel', side, 'r1')).toBe('cancelled');
      expect(nextReservationStatus('accepted', 'cancel', side, 'r1')).toBe('cancelled');
    }
  });

  it('refuses the borrower every owner step with FORBIDDEN, whatever the status', () => {
    for (const status of RESERVATION_STATUSES) {
      for (const action of ['accept', 'decline', 'check_out', 'return'] as const) {
        expect(codeOf(() => nextReservationStatus(status, action, 'borrower', 'r1'))).toBe('FORBIDDEN');
      }
    }
  });

  it('refuses steps out of order with RESERVATION_TRANSITION_REFUSED (no cancel once checked out, nothing after the end)', () => {
    expect(codeOf(() => nextReservationStatus('checked_out', 'cancel', 'borrower', 'r1'))).toBe('RESERVATION_TRANSITION_REFUSED');
    expect(codeOf(() => nextReservationStatus('requested', 'check_out', 'owner', 'r1'))).toBe('RESERVATION_TRANSITION_REFUSED');
    expect(codeOf(() => nextReservationStatus('accepted', 'return', 'owner', 'r1'))).toBe('RESERVATION_TRANSITION_REFUSED');
    for (const end of ['declined', 'cancelled', 'returned'] as const) {
      for (const action of RESERVATION_ACTIONS) expect(codeOf(() => nextReservationStatus(end, action, 'owner', 'r1'))).toBe('RESERVATION_TRANSITION_REFUSED');
    }
  });

  it('never leaves a status that frees the slot for one that holds it (a declined or cancelled slot stays free)', () => {
    const statuses = fc.constantFrom(...RESERVATION_STATUSES);
    const actions = fc.array(fc.record({ action: fc.constantFrom<ReservationAction>(...RESERVATION_ACTIONS), side: fc.constantFrom<ReservationSide>('owner', 'borrower') }));
    fc.assert(
      fc.property(statuses, actions, (start, steps) => {
        let status = start;
        for (const { action, side } of steps) {
          let next: ReservationStatus;
          try {
            next = nextReservationStatus(status, action, side, 'r1');
          } catch {
            continue;
          }
          if (!SLOT_HOLDING_STATUSES.includes(status)) return false;
          status = next;
        }
        return true;
      }),
    );
  });
});

describe('reservation ranges', () => {
  const now = at('2026-12-04T10:00:00Z');

  it('treats ranges as half-open: back-to-back reservations do not overlap', () => {
    const morning = { startsAt: at('2026-12-05T08:00:00Z'), endsAt: at('2026-12-05T12:00:00Z') };
    expect(rangesOverlap(morning, { startsAt: at('2026-12-05T12:00:00Z'), endsAt: at('2026-12-05T16:00:00Z') })).toBe(false);
    expect(rangesOverlap(morning, { startsAt: at('2026-12-05T11:59:00Z'), endsAt: at('2026-12-05T16:00:00Z') })).toBe(true);
  });

  it('overlap is symmetric and a range overlaps itself', () => {
    const range = fc
      .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 500 }))
      .map(([start, length]) => ({ startsAt: new Date(start * 60_000), endsAt: new Date((start + length) * 60_000) }));
    fc.assert(fc.property(range, range, (a, b) => rangesOverlap(a, b) === rangesOverlap(b, a) && rangesOverlap(a, a)));
  });

  it('refuses an empty or reversed range, a start in the past and a range beyond the maximum duration', () => {
    expect(codeOf(() => checkReservationRange(at('2026-12-05T10:00:00Z'), at('2026-12-05T10:00:00Z'), now, null))).toBe('RESERVATION_INVALID_RANGE');
    expect(codeOf(() => checkReservationRange(at('2026-12-05T10:00:00Z'), at('2026-12-05T09:00:00Z'), now, null))).toBe('RESERVATION_INVALID_RANGE');
    expect(codeOf(() => checkReservationRange(at('2026-12-03T10:00:00Z'), at('2026-12-05T09:00:00Z'), now, null))).toBe('RESERVATION_INVALID_RANGE');
    expect(codeOf(() => checkReservationRange(at('2026-12-05T08:00:00Z'), at('2026-12-05T16:00:01Z'), now, 8))).toBe('RESERVATION_TOO_LONG');
    expect(() => checkReservationRange(at('2026-12-05T08:00:00Z'), at('2026-12-05T16:00:00Z'), now, 8)).not.toThrow();
  });
});

describe('a loan valued in reciprocity hours', () => {
  const start = at('2026-12-05T08:00:00Z');
  const plus = (hours: number) => new Date(start.getTime() + hours * 3_600_000);

  it('counts started days, started half-days, or one flat value per loan', () => {
    expect(loanHours({ hours: '4.00', per: 'half_day' }, start, plus(4))).toBe('4.00');
    expect(loanHours({ hours: '4.00', per: 'half_day' }, start, plus(12.5))).toBe('8.00');
    expect(loanHours({ hours: '7.50', per: 'day' }, start, plus(24))).toBe('7.50');
    expect(loanHours({ hours: '7.50', per: 'day' }, start, plus(49))).toBe('22.50');
    expect(loanHours({ hours: '2.25', per: 'loan' }, start, plus(100))).toBe('2.25');
    expect(loanHours(null, start, plus(4))).toBeNull();
  });

  it('is exact in hundredths and never less than one unit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 24 * 60 * 14 }), fc.constantFrom('day' as const, 'half_day' as const), (perUnit, minutes, per) => {
        const hours = `${Math.trunc(perUnit / 100)}.${String(perUnit % 100).padStart(2, '0')}`;
        const value = loanHours({ hours, per }, start, new Date(start.getTime() + minutes * 60_000))!;
        const units = Math.ceil(minutes / (per === 'day' ? 1440 : 720));
        return value === `${Math.trunc((perUnit * units) / 100)}.${String((perUnit * units) % 100).padStart(2, '0')}` && units >= 1;
      }),
    );
  });
});
