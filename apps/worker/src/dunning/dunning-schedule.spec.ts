import fc from 'fast-check';
import { addDays, daysBetween, DomainError } from '@kpa/contracts';
import {
  checkDunningPolicy,
  DEFAULT_DUNNING_POLICY,
  DunningInvoice,
  DunningPolicy,
  DunningState,
  MIN_DAYS_BETWEEN_REMINDERS,
  nextReminder,
  parisClock,
  RecordedReminder,
  reminderDue,
  reminderDueOn,
} from './dunning-schedule';
import { isFrenchPublicHoliday } from './french-holidays';

/** 10:00 in Paris on a day (CET in winter, CEST in summer: the UTC hour differs). */
function parisTen(date: string): Date {
  const probe = new Date(`${date}T08:00:00Z`);
  return parisClock(probe).hour === 10 ? probe : new Date(`${date}T09:00:00Z`);
}

function anInvoice(overrides: Partial<DunningInvoice> = {}): DunningInvoice {
  return { issuedOn: '2026-01-05', dueOn: '2026-02-04', totalCents: 120_00, paidCents: 0, creditedCents: 0, settled: false, ...overrides };
}

function aState(overrides: Partial<DunningState> = {}): DunningState {
  return { invoice: anInvoice(), reminders: [], pauses: [], policy: DEFAULT_DUNNING_POLICY, isHoliday: isFrenchPublicHoliday, ...overrides };
}

const on = (state: DunningState, today: string) => reminderDueOn({ ...state, paused: false }, today);

describe('dunning schedule', () => {
  it('sends nothing before level 1 is due, then level 1 on due date + 7 days', () => {
    const state = aState();
    expect(on(state, '2026-02-10')).toBeUndefined();
    expect(on(state, '2026-02-11')).toEqual({ level: 1, action: 'send' });
  });

  it('sends level 2 on due date + 21 days once level 1 went, and prepares level 3 as a draft, never a send', () => {
    const afterOne = aState({ reminders: [{ level: 1, on: '2026-02-11' }] });
    expect(on(afterOne, '2026-02-24')).toBeUndefined();
    expect(on(afterOne, '2026-02-25')).toEqual({ level: 2, action: 'send' });
    const afterTwo = aState({ reminders: [...afterOne.reminders, { level: 2, on: '2026-02-25' }] });
    expect(on(afterTwo, '2026-03-20')).toBeUndefined();
    expect(on(afterTwo, '2026-03-21')).toEqual({ level: 3, action: 'draft' });
  });

  it('catches up after an outage with the highest level due only, never levels 1, 2 and 3 at once', () => {
    // Worker down from before level 1 until after level 3's day: only the draft of level 3.
    expect(on(aState(), '2026-03-23')).toEqual({ level: 3, action: 'draft' });
    // Down over level 1 only: level 1 at the next sweep, then level 2 on its own day.
    expect(on(aState(), '2026-02-16')).toEqual({ level: 1, action: 'send' });
  });

  it('never sends two reminders of an invoice within 7 days', () => {
    const state = aState({ reminders: [{ level: 1, on: '2026-02-23' }] });
    expect(on(state, '2026-02-25')).toBeUndefined();
    expect(on(state, '2026-03-02')).toEqual({ level: 2, action: 'send' });
  });

  it('never sends on a Sunday nor on a French public holiday, and sends the next working day', () => {
    // Due 2026-04-24: level 1 on Friday 1 May (Fête du travail), not on Sunday 3 May either.
    const state = aState({ invoice: anInvoice({ dueOn: '2026-04-24' }) });
    expect(on(state, '2026-05-01')).toBeUndefined();
    expect(on(state, '2026-05-02')).toEqual({ level: 1, action: 'send' });
    expect(on(state, '2026-05-03')).toBeUndefined();
    expect(on(aState({ invoice: anInvoice({ dueOn: '2026-07-07' }) }), '2026-07-14')).toBeUndefined();
  });

  it('counts days across month ends and leap years', () => {
    const janEnd = aState({ invoice: anInvoice({ dueOn: '2026-01-31' }) });
    expect(on(janEnd, '2026-02-06')).toBeUndefined();
    expect(on(janEnd, '2026-02-07')).toEqual({ level: 1, action: 'send' });
    const leap = aState({ invoice: anInvoice({ dueOn: '2028-02-22' }) });
    expect(on(leap, '2028-02-28')).toBeUndefined();
    expect(on(leap, '2028-02-29')).toEqual({ level: 1, action: 'send' });
    const yearEnd = aState({ invoice: anInvoice({ dueOn: '2026-12-28' }) });
    expect(on(yearEnd, '2027-01-04')).toEqual({ level: 1, action: 'send' });
  });

  it('stops at once for a paid, cancelled or credited invoice, or one with nothing left to pay', () => {
    expect(on(aState({ invoice: anInvoice({ settled: true }) }), '2026-02-11')).toBeUndefined();
    expect(on(aState({ invoice: anInvoice({ paidCents: 100_00, creditedCents: 20_00 }) }), '2026-02-11')).toBeUndefined();
    expect(on(aState({ invoice: anInvoice({ paidCents: 50_00 }) }), '2026-02-11')).toEqual({ level: 1, action: 'send' });
  });

  it('waits while a pause lasts, and catches up after it is lifted', () => {
    const pause = { from: new Date('2026-02-09T10:00:00Z'), until: null };
    expect(reminderDue(aState({ pauses: [pause] }), parisTen('2026-02-11'))).toBeUndefined();
    const lifted = { ...pause, until: new Date('2026-02-20T10:00:00Z') };
    expect(reminderDue(aState({ pauses: [lifted] }), parisTen('2026-02-23'))).toEqual({ level: 1, action: 'send' });
  });

  it('sends only inside the window, in Paris time (winter and summer)', () => {
    const state = aState();
    expect(reminderDue(state, new Date('2026-02-11T07:59:00Z'))).toBeUndefined(); // 08:59 CET
    expect(reminderDue(state, new Date('2026-02-11T08:00:00Z'))).toEqual({ level: 1, action: 'send' }); // 09:00
    expect(reminderDue(state, new Date('2026-02-11T16:59:00Z'))).toEqual({ level: 1, action: 'send' }); // 17:59
    expect(reminderDue(state, new Date('2026-02-11T17:00:00Z'))).toBeUndefined(); // 18:00
    const summer = aState({ invoice: anInvoice({ dueOn: '2026-06-24' }) }); // level 1 on 1 July, CEST
    expect(reminderDue(summer, new Date('2026-07-01T06:30:00Z'))).toBeUndefined(); // 08:30
    expect(reminderDue(summer, new Date('2026-07-01T07:00:00Z'))).toEqual({ level: 1, action: 'send' }); // 09:00
    expect(reminderDue(summer, new Date('2026-07-01T16:00:00Z'))).toBeUndefined(); // 18:00
  });

  it('sends the courtesy notice before the due date only when switched on', () => {
    const policy: DunningPolicy = { ...DEFAULT_DUNNING_POLICY, courtesy: { enabled: true, daysBefore: 3 } };
    expect(on(aState(), '2026-02-02')).toBeUndefined();
    expect(on(aState({ policy }), '2026-01-31')).toBeUndefined(); // due - 4
    expect(on(aState({ policy }), '2026-02-01')).toBeUndefined(); // due - 3, a Sunday
    expect(on(aState({ policy }), '2026-02-02')).toEqual({ level: 0, action: 'send' });
    expect(on(aState({ policy }), '2026-02-04')).toBeUndefined(); // on the due date it is too late for a courtesy notice
  });

  it('skips a level switched off and follows changed delays', () => {
    const policy: DunningPolicy = { ...DEFAULT_DUNNING_POLICY, level1: { enabled: false, delayDays: 7 }, level2: { enabled: true, delayDays: 14 } };
    expect(on(aState({ policy }), '2026-02-11')).toBeUndefined();
    expect(on(aState({ policy }), '2026-02-18')).toEqual({ level: 2, action: 'send' });
  });

  it('shows the next step for the board', () => {
    expect(nextReminder(aState(), parisTen('2026-02-05'))).toEqual({ level: 1, action: 'send', on: '2026-02-11' });
    expect(
      nextReminder(
        aState({
          reminders: [
            { level: 1, on: '2026-02-11' },
            { level: 2, on: '2026-02-25' },
          ],
        }),
        parisTen('2026-02-26'),
      ),
    ).toEqual({
      level: 3,
      action: 'draft',
      on: '2026-03-21', // due + 45, a Saturday: Saturdays are working days
    });
    expect(nextReminder(aState({ reminders: [{ level: 3, on: '2026-03-23' }] }), parisTen('2026-03-24'))).toBeUndefined();
    // Due + 7 falls on Sunday 15 February 2026 (due 8 February): Monday 16.
    expect(nextReminder(aState({ invoice: anInvoice({ dueOn: '2026-02-08' }) }), parisTen('2026-02-09'))).toEqual({ level: 1, action: 'send', on: '2026-02-16' });
  });

  it('refuses policies with levels out of order or closer than 7 days, bad windows and bad courtesy days', () => {
    expect(() => checkDunningPolicy(DEFAULT_DUNNING_POLICY)).not.toThrow();
    const refused = (policy: DunningPolicy) => {
      try {
        checkDunningPolicy(policy);
      } catch (error) {
        return (error as DomainError).code;
      }
      return undefined;
    };
    expect(refused({ ...DEFAULT_DUNNING_POLICY, level2: { enabled: true, delayDays: 10 } })).toBe('DUNNING_POLICY_INVALID');
    expect(refused({ ...DEFAULT_DUNNING_POLICY, level2: { enabled: false, delayDays: 10 } })).toBeUndefined();
    expect(refused({ ...DEFAULT_DUNNING_POLICY, level1: { enabled: true, delayDays: -1 } })).toBe('DUNNING_POLICY_INVALID');
    expect(refused({ ...DEFAULT_DUNNING_POLICY, level3: { enabled: true, delayDays: 366 } })).toBe('DUNNING_POLICY_INVALID');
    expect(refused({ ...DEFAULT_DUNNING_POLICY, sendFromHour: 18, sendUntilHour: 9 })).toBe('DUNNING_POLICY_INVALID');
    expect(refused({ ...DEFAULT_DUNNING_POLICY, courtesy: { enabled: true, daysBefore: 0 } })).toBe('DUNNING_POLICY_INVALID');
  });
});

describe('dunning schedule properties', () => {
  const policyArb = fc
    .record({
      d1: fc.integer({ min: 0, max: 60 }),
      gap2: fc.integer({ min: 7, max: 60 }),
      gap3: fc.integer({ min: 7, max: 60 }),
      e1: fc.boolean(),
      e2: fc.boolean(),
      e3: fc.boolean(),
      courtesy: fc.boolean(),
      daysBefore: fc.integer({ min: 1, max: 30 }),
    })
    .map((p): DunningPolicy => ({
      ...DEFAULT_DUNNING_POLICY,
      courtesy: { enabled: p.courtesy, daysBefore: p.daysBefore },
      level1: { enabled: p.e1, delayDays: p.d1 },
      level2: { enabled: p.e2, delayDays: p.d1 + p.gap2 },
      level3: { enabled: p.e3, delayDays: p.d1 + p.gap2 + p.gap3 },
    }));
  const dueArb = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2026-01-01', n));

  /** Runs one sweep a day (sometimes skipped: outages) and records what it would send. */
  function simulate(policy: DunningPolicy, dueOn: string, down: (day: number) => boolean, days = 200): RecordedReminder[] {
    const reminders: RecordedReminder[] = [];
    for (let day = -40; day < days; day++) {
      if (down(day)) continue;
      const today = addDays(dueOn, day);
      const due = on(aState({ invoice: anInvoice({ dueOn }), reminders, policy }), today);
      if (due) reminders.push({ level: due.level, on: today });
    }
    return reminders;
  }

  it('checkDunningPolicy accepts every policy these generators build', () => {
    fc.assert(fc.property(policyArb, (policy) => checkDunningPolicy(policy) === undefined));
  });

  it('whatever the outages: levels strictly rise, 7 days apart at least, never on Sunday or a holiday, each at or after its day', () => {
    fc.assert(
      fc.property(policyArb, dueArb, fc.array(fc.integer({ min: -40, max: 200 }), { maxLength: 120 }), (policy, dueOn, downDays) => {
        const down = new Set(downDays);
        const sent = simulate(policy, dueOn, (day) => down.has(day));
        for (let i = 0; i < sent.length; i++) {
          const { level, on: day } = sent[i];
          expect(isFrenchPublicHoliday(day)).toBe(false);
          expect(new Date(`${day}T12:00:00Z`).getUTCDay()).not.toBe(0);
          if (i > 0) {
            expect(level).toBeGreaterThan(sent[i - 1].level);
            expect(daysBetween(sent[i - 1].on, day)).toBeGreaterThanOrEqual(MIN_DAYS_BETWEEN_REMINDERS);
          }
          if (level > 0) {
            const rule = [policy.level1, policy.level2, policy.level3][level - 1];
            expect(rule.enabled).toBe(true);
            expect(daysBetween(dueOn, day)).toBeGreaterThanOrEqual(rule.delayDays);
          } else {
            expect(policy.courtesy.enabled).toBe(true);
            expect(day < dueOn).toBe(true);
          }
        }
      }),
    );
  });

  it('without outages, every enabled level is sent, and a level is never sent after a higher one', () => {
    fc.assert(
      fc.property(policyArb, dueArb, (policy, dueOn) => {
        const sent = simulate(policy, dueOn, () => false).map((r) => r.level);
        const expected = [1, 2, 3].filter((level) => [policy.level1, policy.level2, policy.level3][level - 1].enabled);
        expect(sent.filter((level) => level > 0)).toEqual(expected);
      }),
    );
  });

  it('a settled invoice is never reminded, whatever the day', () => {
    fc.assert(
      fc.property(policyArb, dueArb, fc.integer({ min: -40, max: 400 }), (policy, dueOn, offset) => {
        const state = aState({ invoice: anInvoice({ dueOn, settled: true }), policy });
        return on(state, addDays(dueOn, offset)) === undefined;
      }),
    );
  });

  it('the next step the board shows is the day the daily sweep sends', () => {
    fc.assert(
      fc.property(policyArb, dueArb, (policy, dueOn) => {
        const state = aState({ invoice: anInvoice({ dueOn }), policy });
        const next = nextReminder(state, parisTen(addDays(dueOn, -40)));
        const first = simulate(policy, dueOn, () => false)[0];
        expect(next && { level: next.level, on: next.on }).toEqual(first && { level: first.level, on: first.on });
      }),
    );
  });
});

describe('French public holidays', () => {
  it('are the eleven of C. trav. L3133-1 in 2026 (metropolitan France)', () => {
    const holidays = ['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25', '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25'];
    for (const day of holidays) expect(isFrenchPublicHoliday(day)).toBe(true);
    expect(isFrenchPublicHoliday('2026-05-24')).toBe(false); // Pentecost Sunday is an observance
    expect(isFrenchPublicHoliday('2026-05-31')).toBe(false); // Mother's Day
    expect(isFrenchPublicHoliday('2026-04-03')).toBe(false); // Good Friday: Alsace-Moselle only
  });
});
