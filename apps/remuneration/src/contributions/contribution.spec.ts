import fc from 'fast-check';
import { addDays } from '@kpa/contracts';
import { checkContribution, checkMinorWorkingTime, ContributionData, contributionTotals, decideContribution, isMinorOn, parseStartTime, WorkedTime } from './contribution';
import { refusalIfAny } from '@kpa/testing/refusal';

const TODAY = '2026-03-20';
// Member turns 18 on 1 June 2026: a minor in March.
const ADULT_ON = '2026-06-01';

function entry(date: string, hundredths: number, startMinutes: number | null = null): Pick<ContributionData, 'date' | 'hundredths' | 'startMinutes'> {
  return { date, hundredths, startMinutes };
}

describe('checkContribution', () => {
  it('reads a contributive day, a collective task and peer training', () => {
    expect(checkContribution({ kind: 'contributive_day', date: '2026-03-18', hours: '7.5', note: ' Chantier jardin ' }, TODAY)).toEqual({
      kind: 'contributive_day',
      task: null,
      date: '2026-03-18',
      hundredths: 750,
      startMinutes: null,
      note: 'Chantier jardin',
    });
    expect(checkContribution({ kind: 'collective_task', task: 'accounting', date: TODAY, hours: '2', startTime: '14:30' }, TODAY)).toMatchObject({
      task: 'accounting',
      hundredths: 200,
      startMinutes: 870,
      note: null,
    });
    expect(checkContribution({ kind: 'peer_training', date: TODAY, hours: '24', startTime: '00:00' }, TODAY)).toMatchObject({ hundredths: 2400 });
  });

  it.each([
    [{ kind: 'volunteering', date: TODAY, hours: '1' }, 'kind'],
    [{ kind: 'collective_task', date: TODAY, hours: '1' }, 'task'],
    [{ kind: 'collective_task', task: 'cooking', date: TODAY, hours: '1' }, 'task'],
    [{ kind: 'contributive_day', task: 'cleaning', date: TODAY, hours: '1' }, 'task'],
    [{ kind: 'contributive_day', date: '2026-02-30', hours: '1' }, 'date'],
    [{ kind: 'contributive_day', date: '2026-03-21', hours: '1' }, 'date'],
    [{ kind: 'contributive_day', date: TODAY, hours: '0' }, 'hours'],
    [{ kind: 'contributive_day', date: TODAY, hours: '24.01' }, 'hours'],
    [{ kind: 'contributive_day', date: TODAY, hours: '1.555' }, 'hours'],
    [{ kind: 'contributive_day', date: TODAY, hours: 3 }, 'hours'],
    [{ kind: 'contributive_day', date: TODAY, hours: '1', startTime: '24:00' }, 'startTime'],
    [{ kind: 'contributive_day', date: TODAY, hours: '1', startTime: '9h' }, 'startTime'],
    [{ kind: 'contributive_day', date: TODAY, hours: '3', startTime: '22:00' }, 'hours'],
    [{ kind: 'contributive_day', date: TODAY, hours: '1', note: 'x'.repeat(1001) }, 'note'],
  ])('refuses %j (%s)', (raw, field) => {
    expect(refusalIfAny(() => checkContribution(raw, TODAY))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
  });

  it('parses start times', () => {
    expect(parseStartTime('06:00')).toBe(360);
    expect(parseStartTime('23:59')).toBe(1439);
    expect(parseStartTime('6:00')).toBeUndefined();
  });
});

describe('minors’ working time (C. trav. L3162-1, L3163-2)', () => {
  it('knows who is a minor on a day', () => {
    expect(isMinorOn(ADULT_ON, '2026-05-31')).toBe(true);
    expect(isMinorOn(ADULT_ON, '2026-06-01')).toBe(false);
    expect(isMinorOn(null, '2026-01-01')).toBe(false);
  });

  it('allows 8 h a day, refuses more, counting the day’s other time', () => {
    expect(() => checkMinorWorkingTime(entry('2026-03-18', 800), ADULT_ON, [])).not.toThrow();
    expect(() => checkMinorWorkingTime(entry('2026-03-18', 300), ADULT_ON, [{ date: '2026-03-18', hundredths: 500 }])).not.toThrow();
    const error = refusalIfAny(() =>
      checkMinorWorkingTime(entry('2026-03-18', 301), ADULT_ON, [
        { date: '2026-03-18', hundredths: 500 },
        { date: '2026-03-17', hundredths: 800 },
      ]),
    );
    expect(error).toMatchObject({ code: 'MINOR_DAILY_HOURS_EXCEEDED', details: { date: '2026-03-18', alreadyRecorded: '5.00', limit: '8.00' } });
    expect(error?.message).toContain('at most 3.00 h more');
  });

  it('allows 35 h in an ISO week (Monday to Sunday), refuses more', () => {
    // Monday 16 to Sunday 22 March 2026: 4 × 8 h = 32 h already.
    const week: WorkedTime[] = ['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19'].map((date) => ({ date, hundredths: 800 }));
    const outside: WorkedTime[] = [
      { date: '2026-03-15', hundredths: 800 },
      { date: '2026-03-23', hundredths: 800 },
    ];
    expect(() => checkMinorWorkingTime(entry('2026-03-22', 300), ADULT_ON, [...week, ...outside])).not.toThrow();
    expect(refusalIfAny(() => checkMinorWorkingTime(entry('2026-03-22', 301), ADULT_ON, [...week, ...outside]))).toMatchObject({
      code: 'MINOR_WEEKLY_HOURS_EXCEEDED',
      details: { weekStartsOn: '2026-03-16', alreadyRecorded: '32.00', limit: '35.00' },
    });
  });

  it('refuses any time between 22:00 and 06:00', () => {
    expect(() => checkMinorWorkingTime(entry('2026-03-18', 200, 20 * 60), ADULT_ON, [])).not.toThrow(); // 20:00–22:00
    expect(() => checkMinorWorkingTime(entry('2026-03-18', 100, 6 * 60), ADULT_ON, [])).not.toThrow(); // 06:00–07:00
    expect(refusalIfAny(() => checkMinorWorkingTime(entry('2026-03-18', 201, 20 * 60), ADULT_ON, []))?.code).toBe('MINOR_NIGHT_WORK'); // ends 22:00:36
    expect(refusalIfAny(() => checkMinorWorkingTime(entry('2026-03-18', 100, 5 * 60 + 59), ADULT_ON, []))).toMatchObject({
      code: 'MINOR_NIGHT_WORK',
      details: { startTime: '05:59', hours: '1.00' },
    });
    expect(refusalIfAny(() => checkMinorWorkingTime(entry('2026-03-18', 50, 23 * 60), ADULT_ON, []))?.code).toBe('MINOR_NIGHT_WORK');
  });

  it('lets adults log what they worked', () => {
    expect(() => checkMinorWorkingTime(entry('2026-06-01', 1200, 22 * 60 - 600), ADULT_ON, [{ date: '2026-06-01', hundredths: 800 }])).not.toThrow();
    expect(() => checkMinorWorkingTime(entry('2026-03-18', 2400, 0), null, [])).not.toThrow();
  });

  it('accepts exactly what fits under both limits and refuses one hundredth more (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01'), max: new Date('2026-05-01'), noInvalidDate: true }),
        fc.array(fc.record({ offset: fc.integer({ min: -8, max: 8 }), hundredths: fc.integer({ min: 1, max: 400 }) }), { maxLength: 12 }),
        (d, raw) => {
          const date = d.toISOString().slice(0, 10);
          const others = raw.map((o) => ({ date: addDays(date, o.offset), hundredths: o.hundredths }));
          const day = others.filter((o) => o.date === date).reduce((s, o) => s + o.hundredths, 0);
          const monday = addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
          const week = others.filter((o) => o.date >= monday && o.date <= addDays(monday, 6)).reduce((s, o) => s + o.hundredths, 0);
          const room = Math.min(800 - day, 3500 - week);
          if (room > 0) expect(() => checkMinorWorkingTime(entry(date, room), ADULT_ON, others)).not.toThrow();
          const refused = refusalIfAny(() => checkMinorWorkingTime(entry(date, Math.max(1, room + 1)), ADULT_ON, others));
          expect(['MINOR_DAILY_HOURS_EXCEEDED', 'MINOR_WEEKLY_HOURS_EXCEEDED']).toContain(refused?.code);
        },
      ),
    );
  });
});

describe('validating contributions', () => {
  it('validates or rejects a submitted entry, once', () => {
    expect(decideContribution('submitted', 'validate')).toEqual({ status: 'validated', rejectionReason: null });
    expect(decideContribution('submitted', 'reject', ' Déjà comptée en mission ')).toEqual({ status: 'rejected', rejectionReason: 'Déjà comptée en mission' });
    expect(decideContribution('submitted', 'reject')).toEqual({ status: 'rejected', rejectionReason: null });
    for (const status of ['validated', 'rejected'] as const) {
      for (const decision of ['validate', 'reject'] as const) expect(refusalIfAny(() => decideContribution(status, decision))?.code).toBe('CONTRIBUTION_TRANSITION_REFUSED');
    }
    expect(refusalIfAny(() => decideContribution('submitted', 'reject', 'x'.repeat(501)))?.code).toBe('VALIDATION_FAILED');
  });

  it('totals hours per kind and status, rejected entries excluded', () => {
    expect(
      contributionTotals([
        { kind: 'contributive_day', status: 'validated', hundredths: 700 },
        { kind: 'contributive_day', status: 'submitted', hundredths: 150 },
        { kind: 'contributive_day', status: 'rejected', hundredths: 999 },
        { kind: 'peer_training', status: 'validated', hundredths: 200 },
      ]),
    ).toEqual({ contributive_day: { validated: 700, submitted: 150 }, collective_task: { validated: 0, submitted: 0 }, peer_training: { validated: 200, submitted: 0 } });
  });
});
