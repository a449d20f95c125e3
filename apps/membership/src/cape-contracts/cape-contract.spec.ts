import { addDays } from '@kpa/contracts';
import {
  ADULT_AGE,
  assertNotLeft,
  capeActivity,
  capeEndsOn,
  CapeContractState,
  CapePeriod,
  CapeRulesContext,
  MAX_PERIOD_MONTHS,
  MAX_RENEWALS,
  MAX_TOTAL_MONTHS,
  newCapeContract,
  renewCapeContract,
  statusOf,
  terminateCapeContract,
} from './cape-contract';
import { refusalOf } from '@kpa/testing/refusal';

/** The parts of a refusal these tests compare. */
function refusal(run: () => unknown) {
  const { code, details } = refusalOf(run);
  return { code, details };
}

const today = '2026-01-10';

function aContext(overrides: Partial<CapeRulesContext> = {}): CapeRulesContext {
  return {
    today,
    birthDate: '1990-06-01',
    minimumAge: 16,
    guardianConsentRecorded: false,
    charterRequired: false,
    charterSignedOn: null,
    ...overrides,
  };
}

function anInput(startsOn = '2026-01-15', endsOn = '2026-12-31') {
  return { id: 'cape-1', memberId: 'member-1', startsOn, endsOn };
}

function aContract(periods: CapePeriod[], overrides: Partial<CapeContractState> = {}): CapeContractState {
  return { id: 'cape-1', memberId: 'member-1', periods, terminatedOn: null, terminationReason: null, ...overrides };
}

/** A contract of the same member, signed before. */
function another(periods: CapePeriod[], terminatedOn: string | null = null): CapeContractState {
  return aContract(periods, { id: 'cape-0', terminatedOn, terminationReason: terminatedOn ? 'left for a job' : null });
}

function sign(input = anInput(), context = aContext(), others: CapeContractState[] = []): CapeContractState {
  return newCapeContract(input, context, others);
}

describe('CAPE contract rules', () => {
  it('states the legal limits', () => {
    expect([MAX_PERIOD_MONTHS, MAX_RENEWALS, MAX_TOTAL_MONTHS, ADULT_AGE]).toEqual([12, 2, 36, 18]);
  });

  describe('signing', () => {
    it('makes a contract of one period, not terminated', () => {
      expect(sign()).toEqual({
        id: 'cape-1',
        memberId: 'member-1',
        periods: [{ startsOn: '2026-01-15', endsOn: '2026-12-31' }],
        terminatedOn: null,
        terminationReason: null,
      });
    });

    it('names the field of a date that is not a calendar date', () => {
      expect(refusal(() => sign(anInput('2026-02-30')))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'startsOn' } });
      expect(refusal(() => sign(anInput('2026-01-15', '31/12/2026')))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'endsOn' } });
    });

    it('refuses an end before the start, accepts a one-day contract', () => {
      expect(refusal(() => sign(anInput('2026-01-15', '2026-01-14')))).toMatchObject({ code: 'CAPE_INVALID_DATES', details: { field: 'endsOn' } });
      expect(sign(anInput('2026-01-15', '2026-01-15')).periods).toHaveLength(1);
    });
  });

  describe('who signs, for what', () => {
    it('refuses a member who left until their return is recorded', () => {
      expect(refusal(() => assertNotLeft({ leftOn: '2025-12-31' }))).toEqual({ code: 'MEMBER_ALREADY_LEFT', details: { leftOn: '2025-12-31' } });
      expect(() => assertNotLeft({ leftOn: null })).not.toThrow();
    });

    it('names the activity in 2 to 200 characters, trimmed', () => {
      expect(capeActivity('  cuisine du monde ')).toBe('cuisine du monde');
      expect(capeActivity('ab')).toBe('ab');
      expect(capeActivity('x'.repeat(200))).toHaveLength(200);
      for (const activity of [undefined, '', ' a ', 'x'.repeat(201)]) {
        expect(refusal(() => capeActivity(activity))).toEqual({ code: 'VALIDATION_FAILED', details: { field: 'activity' } });
      }
    });
  });

  describe('a period lasts at most 12 months', () => {
    it.each([
      ['2026-01-15', '2027-01-14'],
      ['2026-01-31', '2027-01-30'],
      ['2026-03-01', '2027-02-28'],
      ['2023-03-01', '2024-02-29'],
      ['2024-02-29', '2025-02-28'],
      ['2026-12-31', '2027-12-30'],
    ])('from %s, until %s and not a day longer', (startsOn, latest) => {
      expect(sign(anInput(startsOn, latest)).periods[0].endsOn).toBe(latest);
      expect(refusal(() => sign(anInput(startsOn, addDays(latest, 1))))).toEqual({
        code: 'CAPE_PERIOD_TOO_LONG',
        details: { field: 'endsOn', startsOn, endsOn: addDays(latest, 1), latestEndsOn: latest, maxMonths: 12 },
      });
    });
  });

  describe('age on the first day', () => {
    it('accepts a member turning 16 on the start date, refuses one turning 16 the day after', () => {
      const consent = { guardianConsentRecorded: true };
      expect(sign(anInput('2026-01-15'), aContext({ birthDate: '2010-01-15', ...consent })).periods[0].startsOn).toBe('2026-01-15');
      expect(refusal(() => sign(anInput('2026-01-15'), aContext({ birthDate: '2010-01-16', ...consent })))).toEqual({
        code: 'CAPE_MEMBER_TOO_YOUNG',
        details: { field: 'startsOn', minimumAge: 16, ageOnStart: 15, earliestStartsOn: '2026-01-16' },
      });
    });

    it('counts a 29 February birthday on 1 March in a common year', () => {
      const born = aContext({ birthDate: '2008-02-29', guardianConsentRecorded: true });
      expect(refusal(() => sign(anInput('2024-02-28', '2024-12-31'), born))).toMatchObject({ details: { earliestStartsOn: '2024-02-29' } });
      expect(sign(anInput('2024-02-29', '2024-12-31'), born).periods).toHaveLength(1);
      const minimum17 = { ...born, minimumAge: 17 };
      expect(refusal(() => sign(anInput('2025-02-28', '2025-12-31'), minimum17))).toMatchObject({ code: 'CAPE_MEMBER_TOO_YOUNG', details: { earliestStartsOn: '2025-03-01' } });
      expect(sign(anInput('2025-03-01', '2025-12-31'), minimum17).periods).toHaveLength(1);
    });

    it("follows the site's minimum age", () => {
      const context = aContext({ birthDate: '2011-01-15', guardianConsentRecorded: true });
      expect(refusal(() => sign(anInput('2026-01-15'), context)).code).toBe('CAPE_MEMBER_TOO_YOUNG');
      expect(sign(anInput('2026-01-15'), { ...context, minimumAge: 15 }).periods).toHaveLength(1);
    });

    it('needs a guardian consent under 18 on the first day, not from the 18th birthday', () => {
      expect(refusal(() => sign(anInput('2026-01-15'), aContext({ birthDate: '2008-01-16' })))).toEqual({
        code: 'CAPE_GUARDIAN_CONSENT_MISSING',
        details: { field: 'guardian', ageOnStart: 17, adultAge: 18 },
      });
      expect(sign(anInput('2026-01-15'), aContext({ birthDate: '2008-01-16', guardianConsentRecorded: true })).periods).toHaveLength(1);
      expect(sign(anInput('2026-01-15'), aContext({ birthDate: '2008-01-15' })).periods).toHaveLength(1);
    });
  });

  describe('charter', () => {
    it('is not checked when the site does not require it', () => {
      expect(sign(anInput(), aContext({ charterRequired: false, charterSignedOn: null })).periods).toHaveLength(1);
    });

    it('must be signed on or before the first day when the site requires it', () => {
      const required = { charterRequired: true };
      expect(refusal(() => sign(anInput('2026-01-15'), aContext(required)))).toEqual({
        code: 'CAPE_CHARTER_NOT_SIGNED',
        details: { field: 'charterSignedOn', charterSignedOn: null, startsOn: '2026-01-15' },
      });
      expect(refusal(() => sign(anInput('2026-01-15'), aContext({ ...required, charterSignedOn: '2026-01-16' }))).code).toBe('CAPE_CHARTER_NOT_SIGNED');
      expect(sign(anInput('2026-01-15'), aContext({ ...required, charterSignedOn: '2026-01-15' })).periods).toHaveLength(1);
      expect(sign(anInput('2026-01-15'), aContext({ ...required, charterSignedOn: '2025-11-02' })).periods).toHaveLength(1);
    });
  });

  describe('one contract at a time', () => {
    const previous = another([{ startsOn: '2025-01-15', endsOn: '2026-01-14' }]);

    it('refuses a contract overlapping another one, even by its first or last day', () => {
      expect(refusal(() => sign(anInput('2026-01-14'), aContext(), [previous]))).toEqual({
        code: 'CAPE_ALREADY_ACTIVE',
        details: { field: 'startsOn', contractId: 'cape-0', otherStartsOn: '2025-01-15', otherEndsOn: '2026-01-14' },
      });
      expect(refusal(() => sign(anInput('2024-06-01', '2025-01-15'), aContext(), [previous])).code).toBe('CAPE_ALREADY_ACTIVE');
      expect(refusal(() => sign(anInput('2025-03-01', '2025-04-01'), aContext(), [previous])).code).toBe('CAPE_ALREADY_ACTIVE');
    });

    it('accepts a contract starting the day after the other ends, or ending the day before it starts', () => {
      expect(sign(anInput('2026-01-15'), aContext(), [previous]).periods).toHaveLength(1);
      expect(sign(anInput('2024-06-01', '2025-01-14'), aContext(), [previous]).periods).toHaveLength(1);
    });

    it("counts the other contract's renewals", () => {
      const renewed = another([
        { startsOn: '2025-01-15', endsOn: '2026-01-14' },
        { startsOn: '2026-01-15', endsOn: '2026-06-30' },
      ]);
      expect(refusal(() => sign(anInput('2026-06-30'), aContext(), [renewed])).code).toBe('CAPE_ALREADY_ACTIVE');
      expect(sign(anInput('2026-07-01', '2027-06-30'), aContext(), [renewed]).periods).toHaveLength(1);
    });

    it('lets a terminated contract hold its days up to its termination date only', () => {
      const terminated = another([{ startsOn: '2025-06-01', endsOn: '2026-05-31' }], '2025-12-31');
      expect(sign(anInput('2026-01-01', '2026-12-31'), aContext(), [terminated]).periods).toHaveLength(1);
      expect(refusal(() => sign(anInput('2025-12-31', '2026-12-30'), aContext(), [terminated])).details).toMatchObject({ otherEndsOn: '2025-12-31' });
    });
  });

  describe('renewal', () => {
    const first = { startsOn: '2026-01-15', endsOn: '2027-01-14' };

    it('adds a period starting the day after the last one ends', () => {
      const renewed = renewCapeContract(aContract([first]), '2027-06-30', '2027-01-10');
      expect(renewed.periods).toEqual([first, { startsOn: '2027-01-15', endsOn: '2027-06-30' }]);
    });

    it('is decided on or before the last day, not after', () => {
      expect(renewCapeContract(aContract([first]), '2027-06-30', '2027-01-14').periods).toHaveLength(2);
      expect(refusal(() => renewCapeContract(aContract([first]), '2027-06-30', '2027-01-15'))).toEqual({
        code: 'CAPE_NOT_RENEWABLE',
        details: { endsOn: '2027-01-14', today: '2027-01-15' },
      });
    });

    it('lasts at most 12 months from its own start, month ends included', () => {
      expect(renewCapeContract(aContract([first]), '2028-01-14', today).periods[1]).toEqual({ startsOn: '2027-01-15', endsOn: '2028-01-14' });
      expect(refusal(() => renewCapeContract(aContract([first]), '2028-01-15', today))).toMatchObject({
        code: 'CAPE_PERIOD_TOO_LONG',
        details: { latestEndsOn: '2028-01-14' },
      });
      const toFebruary = aContract([{ startsOn: '2025-03-01', endsOn: '2026-01-30' }]);
      expect(renewCapeContract(toFebruary, '2027-01-30', today).periods[1]).toEqual({ startsOn: '2026-01-31', endsOn: '2027-01-30' });
      expect(refusal(() => renewCapeContract(toFebruary, '2027-01-31', today)).code).toBe('CAPE_PERIOD_TOO_LONG');
    });

    it('must end on or after its first day', () => {
      expect(refusal(() => renewCapeContract(aContract([first]), '2027-01-14', today))).toMatchObject({
        code: 'CAPE_INVALID_DATES',
        details: { field: 'endsOn', startsOn: '2027-01-15' },
      });
      expect(refusal(() => renewCapeContract(aContract([first]), '2027-13-01', today))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'endsOn' } });
    });

    it('happens twice; a third renewal is refused', () => {
      const twice = renewCapeContract(renewCapeContract(aContract([first]), '2028-01-14', today), '2029-01-14', today);
      expect(twice.periods.map((period) => period.startsOn)).toEqual(['2026-01-15', '2027-01-15', '2028-01-15']);
      expect(refusal(() => renewCapeContract(twice, '2029-06-30', today))).toEqual({
        code: 'CAPE_TOO_MANY_RENEWALS',
        details: { renewals: 2, maxRenewals: 2 },
      });
    });

    it('reaches 36 months in all, and not a day more', () => {
      const full = renewCapeContract(renewCapeContract(aContract([first]), '2028-01-14', today), '2029-01-14', today);
      expect(capeEndsOn(full)).toBe('2029-01-14');
      // Periods recorded before these rules (a paper contract taken over) can leave less room than 12 months.
      const taken = aContract([
        { startsOn: '2026-01-15', endsOn: '2027-06-30' },
        { startsOn: '2027-07-01', endsOn: '2028-06-30' },
      ]);
      expect(renewCapeContract(taken, '2029-01-14', today).periods[2]).toEqual({ startsOn: '2028-07-01', endsOn: '2029-01-14' });
      expect(refusal(() => renewCapeContract(taken, '2029-01-15', today))).toEqual({
        code: 'CAPE_TOTAL_TOO_LONG',
        details: { field: 'endsOn', firstStartsOn: '2026-01-15', endsOn: '2029-01-15', latestEndsOn: '2029-01-14', maxMonths: 36 },
      });
    });

    it('refuses a terminated contract, even one terminated for a later date', () => {
      expect(refusal(() => renewCapeContract(aContract([first], { terminatedOn: '2026-12-31' }), '2027-06-30', today))).toEqual({
        code: 'CAPE_ALREADY_TERMINATED',
        details: { terminatedOn: '2026-12-31' },
      });
    });

    it("may not run into the member's next contract", () => {
      const next = aContract([{ startsOn: '2027-03-01', endsOn: '2027-12-31' }], { id: 'cape-2' });
      const contract = aContract([first]);
      expect(refusal(() => renewCapeContract(contract, '2027-03-01', today, [contract, next]))).toMatchObject({
        code: 'CAPE_ALREADY_ACTIVE',
        details: { contractId: 'cape-2' },
      });
      expect(renewCapeContract(contract, '2027-02-28', today, [contract, next]).periods).toHaveLength(2);
    });
  });

  describe('termination', () => {
    const contract = aContract([
      { startsOn: '2026-01-15', endsOn: '2027-01-14' },
      { startsOn: '2027-01-15', endsOn: '2027-06-30' },
    ]);

    it('records the date and the reason, trimmed', () => {
      expect(terminateCapeContract(contract, '2027-03-31', '  Found a job  ', today)).toEqual({
        ...contract,
        terminatedOn: '2027-03-31',
        terminationReason: 'Found a job',
      });
    });

    it('falls within the contract, first and last days included', () => {
      expect(terminateCapeContract(contract, '2026-01-15', 'Moved away', today).terminatedOn).toBe('2026-01-15');
      expect(terminateCapeContract(contract, '2027-06-30', 'Moved away', today).terminatedOn).toBe('2027-06-30');
      expect(refusal(() => terminateCapeContract(contract, '2026-01-14', 'Moved away', today))).toEqual({
        code: 'CAPE_INVALID_DATES',
        details: { field: 'on', on: '2026-01-14', startsOn: '2026-01-15', endsOn: '2027-06-30' },
      });
      expect(refusal(() => terminateCapeContract(contract, '2027-07-01', 'Moved away', today)).code).toBe('CAPE_INVALID_DATES');
      expect(refusal(() => terminateCapeContract(contract, '2027-02-29', 'Moved away', today))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'on' } });
    });

    it('needs a reason of 3 to 500 characters', () => {
      expect(refusal(() => terminateCapeContract(contract, '2027-03-31', '  ab  ', today))).toEqual({ code: 'VALIDATION_FAILED', details: { field: 'reason' } });
      expect(refusal(() => terminateCapeContract(contract, '2027-03-31', 'x'.repeat(501), today)).code).toBe('VALIDATION_FAILED');
      expect(terminateCapeContract(contract, '2027-03-31', 'abc', today).terminationReason).toBe('abc');
      expect(terminateCapeContract(contract, '2027-03-31', 'x'.repeat(500), today).terminationReason).toHaveLength(500);
    });

    it('happens once', () => {
      const terminated = terminateCapeContract(contract, '2027-03-31', 'Found a job', today);
      expect(refusal(() => terminateCapeContract(terminated, '2027-04-30', 'Found a job', today))).toEqual({
        code: 'CAPE_ALREADY_TERMINATED',
        details: { terminatedOn: '2027-03-31' },
      });
    });
  });

  describe('status and end', () => {
    const contract = aContract([
      { startsOn: '2026-01-15', endsOn: '2027-01-14' },
      { startsOn: '2027-01-15', endsOn: '2027-06-30' },
    ]);

    it.each([
      ['2026-01-14', 'upcoming'],
      ['2026-01-15', 'active'],
      ['2027-01-14', 'active'],
      ['2027-01-15', 'active'],
      ['2027-06-30', 'active'],
      ['2027-07-01', 'ended'],
    ])('on %s it is %s', (day, status) => {
      expect(statusOf(contract, day)).toBe(status);
    });

    it.each([
      ['2027-03-30', 'active'],
      ['2027-03-31', 'terminated'],
      ['2027-07-01', 'terminated'],
    ])('terminated on 2027-03-31: on %s it is %s', (day, status) => {
      expect(statusOf({ ...contract, terminatedOn: '2027-03-31' }, day)).toBe(status);
    });

    it('is terminated from the first day when terminated on it', () => {
      const never = { ...contract, terminatedOn: '2026-01-15' };
      expect(statusOf(never, '2026-01-14')).toBe('upcoming');
      expect(statusOf(never, '2026-01-15')).toBe('terminated');
    });

    it('ends on the last period end, or on the termination date when earlier', () => {
      expect(capeEndsOn(contract)).toBe('2027-06-30');
      expect(capeEndsOn({ ...contract, terminatedOn: '2027-03-31' })).toBe('2027-03-31');
      expect(capeEndsOn({ ...contract, terminatedOn: '2027-06-30' })).toBe('2027-06-30');
    });
  });
});
