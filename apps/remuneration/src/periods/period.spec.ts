import fc from 'fast-check';
import { addDays, compareDates } from '@kpa/contracts';
import {
  assertPeriodOpen,
  checkNoOverlap,
  checkObjection,
  checkObjectionAnswer,
  checkPeriodDates,
  contains,
  figuresFrozen,
  isoWeekday,
  isoWeekOf,
  KnownPeriod,
  ledgerPeriodFor,
  monthPeriodOf,
  nextPeriodDates,
  nextPeriodStatus,
  PERIOD_ACTIONS,
  PERIOD_STATUSES,
  PeriodAction,
  PeriodStatus,
  payMonthOf,
  periodOf,
} from './period';
import { codeOf } from '@kpa/testing/refusal';

describe('period dates', () => {
  it('gives the month containing a date, leap years included', () => {
    expect(monthPeriodOf('2026-03-15')).toEqual({ startsOn: '2026-03-01', endsOn: '2026-03-31' });
    expect(monthPeriodOf('2024-02-01')).toEqual({ startsOn: '2024-02-01', endsOn: '2024-02-29' });
    expect(monthPeriodOf('2026-12-31')).toEqual({ startsOn: '2026-12-01', endsOn: '2026-12-31' });
    expect(periodOf('2026-04-30', 'month')).toEqual({ startsOn: '2026-04-01', endsOn: '2026-04-30' });
  });

  it('knows ISO weeks (Monday to Sunday)', () => {
    expect(isoWeekday('2026-03-02')).toBe(1); // a Monday
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(isoWeekOf('2026-03-04')).toEqual({ startsOn: '2026-03-02', endsOn: '2026-03-08' });
    expect(isoWeekOf('2026-01-01')).toEqual({ startsOn: '2025-12-29', endsOn: '2026-01-04' });
  });

  it('cuts weeks at month ends: pay is monthly', () => {
    // Week of Monday 30 March 2026 to Sunday 5 April.
    expect(periodOf('2026-03-31', 'week')).toEqual({ startsOn: '2026-03-30', endsOn: '2026-03-31' });
    expect(periodOf('2026-04-02', 'week')).toEqual({ startsOn: '2026-04-01', endsOn: '2026-04-05' });
    expect(nextPeriodDates({ startsOn: '2026-03-30', endsOn: '2026-03-31' }, 'week')).toEqual({ startsOn: '2026-04-01', endsOn: '2026-04-05' });
    expect(nextPeriodDates(monthPeriodOf('2026-12-05'), 'month')).toEqual({ startsOn: '2027-01-01', endsOn: '2027-01-31' });
    expect(payMonthOf({ startsOn: '2026-04-01', endsOn: '2026-04-05' })).toBe('2026-04');
  });

  it('periods of either length tile the calendar: contiguous, no overlap, each within one month', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), fc.constantFrom('month' as const, 'week' as const), (d, length) => {
        const day = d.toISOString().slice(0, 10);
        let period = periodOf(day, length);
        expect(contains(period, day)).toBe(true);
        for (let i = 0; i < 8; i += 1) {
          expect(period.startsOn.slice(0, 7)).toBe(period.endsOn.slice(0, 7));
          expect(compareDates(period.startsOn, period.endsOn)).toBeLessThanOrEqual(0);
          expect(periodOf(period.startsOn, length)).toEqual(period);
          expect(periodOf(period.endsOn, length)).toEqual(period);
          const next = nextPeriodDates(period, length);
          expect(next.startsOn).toBe(addDays(period.endsOn, 1));
          period = next;
        }
      }),
    );
  });

  it('checks hand-made dates: real, in order, within one month', () => {
    expect(checkPeriodDates('2026-03-01', '2026-03-15')).toEqual({ startsOn: '2026-03-01', endsOn: '2026-03-15' });
    expect(checkPeriodDates('2026-03-05', '2026-03-05')).toEqual({ startsOn: '2026-03-05', endsOn: '2026-03-05' });
    expect(codeOf(() => checkPeriodDates('2026-02-30', '2026-03-01'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkPeriodDates('2026-03-01', undefined))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkPeriodDates('2026-03-10', '2026-03-09'))).toBe('PERIOD_INVALID_DATES');
    expect(() => checkPeriodDates('2026-03-10', '2026-04-09')).toThrow(/end it on 2026-03-31 at the latest/);
  });

  it('refuses an overlapping period and names it', () => {
    const existing = [
      { id: 'feb', startsOn: '2026-02-01', endsOn: '2026-02-28' },
      { id: 'mar-1', startsOn: '2026-03-01', endsOn: '2026-03-08' },
    ];
    expect(() => checkNoOverlap({ startsOn: '2026-03-09', endsOn: '2026-03-15' }, existing)).not.toThrow();
    expect(codeOf(() => checkNoOverlap({ startsOn: '2026-03-08', endsOn: '2026-03-15' }, existing))).toBe('PERIOD_OVERLAP');
    expect(() => checkNoOverlap({ startsOn: '2026-02-28', endsOn: '2026-03-31' }, existing)).toThrow(/overlaps period feb/);
    expect(codeOf(() => checkNoOverlap({ startsOn: '2026-03-02', endsOn: '2026-03-03' }, existing))).toBe('PERIOD_OVERLAP');
  });
});

describe('where a ledger entry goes', () => {
  const periods: KnownPeriod[] = [
    { id: 'jan', startsOn: '2026-01-01', endsOn: '2026-01-31', status: 'approved' },
    { id: 'feb', startsOn: '2026-02-01', endsOn: '2026-02-28', status: 'closed' },
    { id: 'mar', startsOn: '2026-03-01', endsOn: '2026-03-31', status: 'open' },
  ];

  it('into its own period while that one is open', () => {
    expect(ledgerPeriodFor('2026-03-10', periods, 'month')).toEqual({ periodId: 'mar' });
  });

  it('into the next open period once its own is closed or approved (carry-over, never frozen figures)', () => {
    expect(ledgerPeriodFor('2026-01-10', periods, 'month')).toEqual({ periodId: 'mar' });
    expect(ledgerPeriodFor('2026-02-28', periods, 'month')).toEqual({ periodId: 'mar' });
  });

  it('into a period to create when none holds it', () => {
    expect(ledgerPeriodFor('2026-04-02', periods, 'month')).toEqual({ create: { startsOn: '2026-04-01', endsOn: '2026-04-30' } });
    expect(ledgerPeriodFor('2026-04-02', periods, 'week')).toEqual({ create: { startsOn: '2026-04-01', endsOn: '2026-04-05' } });
    const allFrozen = periods.map((p) => ({ ...p, status: 'approved' as const }));
    expect(ledgerPeriodFor('2026-02-10', allFrozen, 'month')).toEqual({ create: { startsOn: '2026-04-01', endsOn: '2026-04-30' } });
  });
});

describe('period lifecycle', () => {
  const none = { openObjections: 0 };

  it('goes open → closed → approved → exported → paid', () => {
    let status: PeriodStatus = 'open';
    for (const [action, expected] of [
      ['close', 'closed'],
      ['approve', 'approved'],
      ['export', 'exported'],
      ['export', 'exported'],
      ['mark_paid', 'paid'],
    ] as [PeriodAction, PeriodStatus][]) {
      status = nextPeriodStatus(status, action, none);
      expect(status).toBe(expected);
    }
  });

  it('may be reopened while closed, to correct it', () => {
    expect(nextPeriodStatus('closed', 'reopen', none)).toBe('open');
  });

  it('refuses approval while an objection is unanswered', () => {
    expect(codeOf(() => nextPeriodStatus('closed', 'approve', { openObjections: 2 }))).toBe('PERIOD_OBJECTIONS_PENDING');
    expect(nextPeriodStatus('closed', 'reopen', { openObjections: 2 })).toBe('open');
  });

  const allowed: Record<PeriodAction, PeriodStatus[]> = { close: ['open'], reopen: ['closed'], approve: ['closed'], export: ['approved', 'exported'], mark_paid: ['exported'] };
  const pairs = PERIOD_STATUSES.flatMap((status) => PERIOD_ACTIONS.map((action) => [status, action] as const));
  it.each(pairs)('from %s, %s is allowed only where the lifecycle says', (status, action) => {
    const code = codeOf(() => nextPeriodStatus(status, action, none));
    expect(code).toBe(allowed[action].includes(status) ? undefined : 'PERIOD_TRANSITION_REFUSED');
  });

  it('never changes an approved period: only export and payment follow', () => {
    for (const status of ['approved', 'exported', 'paid'] as const) {
      expect(figuresFrozen(status)).toBe(true);
      expect(codeOf(() => nextPeriodStatus(status, 'reopen', none))).toBe('PERIOD_TRANSITION_REFUSED');
      expect(codeOf(() => nextPeriodStatus(status, 'close', none))).toBe('PERIOD_TRANSITION_REFUSED');
    }
    expect(figuresFrozen('closed')).toBe(true);
    expect(figuresFrozen('open')).toBe(false);
  });

  it('takes ledger changes only while open', () => {
    expect(() => assertPeriodOpen('open', 'hours are logged')).not.toThrow();
    expect(codeOf(() => assertPeriodOpen('closed', 'hours are logged'))).toBe('PERIOD_NOT_OPEN');
  });

  it('takes objections and their answers only while closed', () => {
    expect(checkObjection('closed', '  Mes 4 h du 12 manquent.  ')).toBe('Mes 4 h du 12 manquent.');
    expect(checkObjectionAnswer('closed', 'Ajoutées, merci.')).toBe('Ajoutées, merci.');
    for (const status of ['open', 'approved', 'exported', 'paid'] as const) {
      expect(codeOf(() => checkObjection(status, 'x'))).toBe('PERIOD_NOT_CLOSED');
      expect(codeOf(() => checkObjectionAnswer(status, 'x'))).toBe('PERIOD_NOT_CLOSED');
    }
    expect(codeOf(() => checkObjection('closed', ' '))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkObjection('closed', 'x'.repeat(2001)))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkObjection('closed', 42))).toBe('VALIDATION_FAILED');
  });
});
