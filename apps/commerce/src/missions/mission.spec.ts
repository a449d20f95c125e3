import fc from 'fast-check';
import { addDays, DomainError, MissionInput, MissionStatus } from '@kpa/contracts';
import {
  allowedActions,
  assertActiveTeam,
  assertOpen,
  changeMission,
  checkCompletion,
  CompletionContext,
  formatHundredths,
  hoursCeiling,
  missionDays,
  missionFromQuote,
  newMission,
  parseHundredths,
  parseParticipants,
  pickTeam,
  signUpOutcome,
  transition,
  withdrawOutcome,
} from './mission';
import { refusalOf } from '@kpa/testing/refusal';

const A = '0190a0b0-0000-7000-8000-000000000001';
const B = '0190a0b0-0000-7000-8000-000000000002';
const C = '0190a0b0-0000-7000-8000-000000000003';

const canteen: MissionInput = {
  title: 'Cantine partagée',
  activityPole: 'restauration',
  startsOn: '2026-12-01',
  endsOn: '2026-12-01',
  place: 'Cuisine partagée, Roubaix',
  peopleNeeded: 3,
};

describe('mission fields', () => {
  it('accepts a self-financed one-day mission and trims its texts', () => {
    expect(newMission({ ...canteen, title: '  Cantine  ', description: '  ' })).toEqual({
      title: 'Cantine',
      activityPole: 'restauration',
      description: null,
      startsOn: '2026-12-01',
      endsOn: '2026-12-01',
      place: 'Cuisine partagée, Roubaix',
      peopleNeeded: 3,
    });
  });

  it.each([
    ['title', { title: '' }],
    ['activityPole', { activityPole: ' ' }],
    ['place', { place: '' }],
    ['startsOn', { startsOn: '2026-02-30' }],
    ['endsOn', { endsOn: '01/12/2026' }],
    ['endsOn', { endsOn: '2026-11-30' }],
    ['endsOn', { endsOn: '2027-12-02' }],
    ['peopleNeeded', { peopleNeeded: 0 }],
    ['peopleNeeded', { peopleNeeded: 1.5 }],
    ['peopleNeeded', { peopleNeeded: '2' }],
  ])('refuses a bad %s', (field, change) => {
    const error = refusalOf(() => newMission({ ...canteen, ...(change as Partial<MissionInput>) }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field });
  });

  it('a mission lasts 366 days at most (a leap year)', () => {
    expect(newMission({ ...canteen, startsOn: '2028-01-01', endsOn: '2028-12-31' }).endsOn).toBe('2028-12-31');
    expect(missionDays('2028-01-01', '2028-12-31')).toBe(366);
  });

  it('PATCH replaces the fields sent, checks the dates together, refuses nothing to change and blanking a title', () => {
    const current = newMission(canteen);
    expect(changeMission(current, { endsOn: '2026-12-03', peopleNeeded: 5 })).toMatchObject({
      startsOn: '2026-12-01',
      endsOn: '2026-12-03',
      peopleNeeded: 5,
      title: 'Cantine partagée',
    });
    expect(refusalOf(() => changeMission(current, { startsOn: '2026-12-02' })).details).toMatchObject({ field: 'endsOn' });
    expect(refusalOf(() => changeMission(current, {})).code).toBe('VALIDATION_FAILED');
    expect(refusalOf(() => changeMission(current, { title: '' })).details).toMatchObject({ field: 'title' });
    expect(changeMission(current, { description: 'Menu : couscous' }).description).toBe('Menu : couscous');
  });

  it('a mission from a quote: number and first line as title, execution dates, one person, no pole', () => {
    const quote = {
      number: 'LACAPE-D-2026-00004',
      executionPlace: ' Salle des fêtes ',
      executionStartsOn: '2027-01-04',
      executionEndsOn: '2027-01-05',
      lines: [{ description: 'Buffet 40 personnes' }],
    };
    expect(missionFromQuote(quote, '2026-11-22')).toEqual({
      title: 'LACAPE-D-2026-00004 – Buffet 40 personnes',
      activityPole: null,
      description: null,
      startsOn: '2027-01-04',
      endsOn: '2027-01-05',
      place: 'Salle des fêtes',
      peopleNeeded: 1,
    });
    expect(missionFromQuote({ ...quote, executionPlace: null, executionStartsOn: null, executionEndsOn: null }, '2026-11-22')).toMatchObject({
      startsOn: '2026-11-22',
      endsOn: '2026-11-22',
      place: null,
    });
    expect(missionFromQuote({ ...quote, executionStartsOn: null }, '2026-11-22')).toMatchObject({ startsOn: '2027-01-05', endsOn: '2027-01-05' });
    expect(missionFromQuote({ ...quote, number: null, lines: [] }, '2026-11-22').title).toBe('Prestation');
  });
});

describe('mission status machine', () => {
  it('planned → team_confirmed → completed; cancelled from planned or team_confirmed', () => {
    expect(transition('planned', 'confirm_team')).toBe('team_confirmed');
    expect(transition('team_confirmed', 'confirm_team')).toBe('team_confirmed');
    expect(transition('team_confirmed', 'complete')).toBe('completed');
    expect(transition('planned', 'cancel')).toBe('cancelled');
    expect(transition('team_confirmed', 'cancel')).toBe('cancelled');
    expect(allowedActions('completed')).toEqual([]);
    expect(allowedActions('cancelled')).toEqual([]);
  });

  it('refuses with what is allowed now', () => {
    const early = refusalOf(() => transition('planned', 'complete'));
    expect(early.code).toBe('MISSION_TRANSITION_REFUSED');
    expect(early.message).toContain('confirm the team first');
    expect(early.details).toEqual({ status: 'planned', action: 'complete', allowed: ['confirm_team', 'cancel'] });
    for (const status of ['completed', 'cancelled'] as MissionStatus[]) {
      for (const action of ['confirm_team', 'complete', 'cancel'] as const) expect(refusalOf(() => transition(status, action)).code).toBe('MISSION_TRANSITION_REFUSED');
    }
  });

  it('sign-ups, withdrawals and edits while planned only', () => {
    expect(() => assertOpen('planned', 'change')).not.toThrow();
    for (const status of ['team_confirmed', 'completed', 'cancelled'] as MissionStatus[]) {
      for (const what of ['sign up', 'withdraw', 'change'] as const) {
        const error = refusalOf(() => assertOpen(status, what));
        expect(error.code).toBe('MISSION_NOT_OPEN');
        expect(error.details).toEqual({ status });
      }
    }
    expect(refusalOf(() => assertOpen('team_confirmed', 'withdraw')).message).toContain('only a coordinator changes it');
  });
});

describe('sign-ups and team', () => {
  const ines = { id: A, firstName: 'Inès', lastName: 'Benali', active: true };

  it('an active member signs up once; again is not an error and changes nothing', () => {
    expect(signUpOutcome('planned', false, ines)).toBe('added');
    expect(signUpOutcome('planned', true, ines)).toBe('already');
    expect(refusalOf(() => signUpOutcome('team_confirmed', false, ines)).code).toBe('MISSION_NOT_OPEN');
  });

  it('a member who left cannot sign up', () => {
    const error = refusalOf(() => signUpOutcome('planned', false, { ...ines, active: false }));
    expect(error.code).toBe('MEMBER_ALREADY_LEFT');
    expect(error.message).toContain('Inès Benali');
  });

  it('withdrawing is idempotent while planned', () => {
    expect(withdrawOutcome('planned', true)).toBe('removed');
    expect(withdrawOutcome('planned', false)).toBe('absent');
    expect(refusalOf(() => withdrawOutcome('completed', true)).code).toBe('MISSION_NOT_OPEN');
  });

  it('the team is picked among the sign-ups, or is all of them', () => {
    expect(pickTeam([A, B, C], undefined)).toEqual([A, B, C]);
    expect(pickTeam([A, B, C], [C, A, C.toUpperCase()])).toEqual([C, A]);
    expect(refusalOf(() => pickTeam([], undefined)).code).toBe('MISSION_TEAM_EMPTY');
    expect(refusalOf(() => pickTeam([A], [])).code).toBe('VALIDATION_FAILED');
    const stranger = refusalOf(() => pickTeam([A], [A, B]));
    expect(stranger.code).toBe('MISSION_MEMBER_NOT_SIGNED_UP');
    expect(stranger.details).toEqual({ field: 'memberIds[1]', memberId: B });
  });

  it('a member who left since signing up cannot be confirmed', () => {
    const members = new Map([
      [A, ines],
      [B, { id: B, firstName: 'Karim', lastName: 'Haddad', active: false }],
    ]);
    expect(() => assertActiveTeam([A], members)).not.toThrow();
    expect(refusalOf(() => assertActiveTeam([A, B], members)).code).toBe('MEMBER_ALREADY_LEFT');
  });
});

describe('hours', () => {
  it('are exact hundredths of an hour, written with two decimals', () => {
    expect(parseHundredths('7')).toBe(700);
    expect(parseHundredths('7.5')).toBe(750);
    expect(parseHundredths('7.25')).toBe(725);
    expect(parseHundredths('0.01')).toBe(1);
    for (const bad of ['7.255', '-1', '1e2', '7,5', '', ' ', '.5', 7.5, null]) expect(parseHundredths(bad)).toBeUndefined();
    expect(formatHundredths(750)).toBe('7.50');
    expect(formatHundredths(5)).toBe('0.05');
    expect(() => formatHundredths(1.5)).toThrow(RangeError);
  });

  it('parse and format round-trip (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (hundredths) => {
        expect(parseHundredths(formatHundredths(hundredths))).toBe(hundredths);
      }),
    );
  });

  it('sums without floating-point drift: 0.1 h ten times is exactly 1.00 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2400 }), { minLength: 1, maxLength: 50 }), (parts) => {
        const total = parts.map((p) => parseHundredths(formatHundredths(p))!).reduce((a, b) => a + b, 0);
        expect(formatHundredths(total)).toBe(formatHundredths(parts.reduce((a, b) => a + b, 0)));
      }),
    );
    expect(formatHundredths(Array.from({ length: 10 }, () => parseHundredths('0.1')!).reduce((a, b) => a + b, 0))).toBe('1.00');
  });

  it('participants: [{memberId, hours}], hours > 0, each member once', () => {
    expect(
      parseParticipants([
        { memberId: A.toUpperCase(), hours: '3.5' },
        { memberId: B, hours: '4' },
      ]),
    ).toEqual([
      { memberId: A, hundredths: 350 },
      { memberId: B, hundredths: 400 },
    ]);
    expect(refusalOf(() => parseParticipants([])).details).toEqual({ field: 'participants' });
    expect(refusalOf(() => parseParticipants([{ memberId: A, hours: '0' }])).details).toEqual({ field: 'participants[0].hours' });
    expect(refusalOf(() => parseParticipants([{ memberId: A, hours: 3 }])).details).toEqual({ field: 'participants[0].hours' });
    expect(refusalOf(() => parseParticipants([{ memberId: 'x', hours: '3' }])).details).toEqual({ field: 'participants[0].memberId' });
    expect(
      refusalOf(() =>
        parseParticipants([
          { memberId: A, hours: '3' },
          { memberId: A, hours: '1' },
        ]),
      ).details,
    ).toEqual({ field: 'participants[1].memberId' });
  });
});

describe('completion and minors', () => {
  // Inès turns 18 on 2027-03-10: a minor until the 9th.
  type Member = { id: string; firstName: string; lastName: string; adultOn: string | null };
  const ines: Member = { id: A, firstName: 'Inès', lastName: 'Benali', adultOn: '2027-03-10' };
  const karim: Member = { id: B, firstName: 'Karim', lastName: 'Haddad', adultOn: null };
  const members = new Map<string, Member>([
    [A, ines],
    [B, karim],
  ]);
  const oneDay = (over: Partial<CompletionContext> = {}): CompletionContext => ({
    startsOn: '2026-12-01',
    endsOn: '2026-12-01',
    today: '2026-12-01',
    members,
    sameDayHundredths: new Map(),
    ...over,
  });

  it('an adult may work up to 24 hours a day; more is malformed', () => {
    expect(() => checkCompletion([{ memberId: B, hundredths: 2400 }], oneDay())).not.toThrow();
    const error = refusalOf(() => checkCompletion([{ memberId: B, hundredths: 2401 }], oneDay()));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({ field: 'participants[0].hours' });
    expect(() => checkCompletion([{ memberId: B, hundredths: 4800 }], oneDay({ endsOn: '2026-12-02' }))).not.toThrow();
  });

  it('a minor works at most 8 hours on a one-day mission: 9 h is refused, naming them and the limit', () => {
    expect(() => checkCompletion([{ memberId: A, hundredths: 800 }], oneDay())).not.toThrow();
    const error = refusalOf(() =>
      checkCompletion(
        [
          { memberId: B, hundredths: 900 },
          { memberId: A, hundredths: 900 },
        ],
        oneDay(),
      ),
    );
    expect(error.code).toBe('MINOR_DAILY_HOURS_EXCEEDED');
    expect(error.message).toContain('Inès Benali');
    expect(error.message).toContain('8.00 h');
    expect(error.details).toMatchObject({ field: 'participants[1].hours', memberId: A, name: 'Inès Benali', day: '2026-12-01', limit: '8.00', hours: '9.00' });
  });

  it("counts the minor's hours on the other one-day missions of that day", () => {
    const busy = oneDay({ sameDayHundredths: new Map([[A, 500]]) });
    expect(() => checkCompletion([{ memberId: A, hundredths: 300 }], busy)).not.toThrow();
    const error = refusalOf(() => checkCompletion([{ memberId: A, hundredths: 301 }], busy));
    expect(error.code).toBe('MINOR_DAILY_HOURS_EXCEEDED');
    expect(error.message).toContain('already has 5.00 h');
    expect(error.message).toContain('at most 3.00 h');
    expect(error.details).toMatchObject({ alreadyBooked: '5.00' });
    // An adult's other hours that day do not matter.
    expect(() => checkCompletion([{ memberId: B, hundredths: 1000 }], oneDay({ sameDayHundredths: new Map([[B, 1000]]) }))).not.toThrow();
  });

  it('on a multi-day mission: 8 h × the days the member is a minor, 24 h for the days they are an adult', () => {
    const threeDays = oneDay({ startsOn: '2026-12-01', endsOn: '2026-12-03', today: '2026-12-03' });
    expect(() => checkCompletion([{ memberId: A, hundredths: 2400 }], threeDays)).not.toThrow();
    const error = refusalOf(() => checkCompletion([{ memberId: A, hundredths: 2401 }], threeDays));
    expect(error.code).toBe('MINOR_DAILY_HOURS_EXCEEDED');
    expect(error.details).toMatchObject({ limit: '24.00', minorDays: 3, days: 3 });
    // Turning 18 on the 10th: 9 March a minor (8 h), 10 and 11 March an adult (24 h each).
    expect(hoursCeiling(ines, '2027-03-09', '2027-03-11')).toEqual({ hundredths: 5600, minorDays: 1 });
    const birthday = oneDay({ startsOn: '2027-03-09', endsOn: '2027-03-11', today: '2027-03-11' });
    expect(() => checkCompletion([{ memberId: A, hundredths: 5600 }], birthday)).not.toThrow();
    expect(refusalOf(() => checkCompletion([{ memberId: A, hundredths: 5601 }], birthday)).code).toBe('MINOR_DAILY_HOURS_EXCEEDED');
    // On the birthday itself, a one-day mission allows 24 h.
    expect(() => checkCompletion([{ memberId: A, hundredths: 1000 }], oneDay({ startsOn: '2027-03-10', endsOn: '2027-03-10', today: '2027-03-10' }))).not.toThrow();
  });

  it('the ceiling is 8 or 24 hours for each day, whatever the span (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: -30, max: 90 }), (offset, span, adultShift) => {
        const startsOn = addDays('2026-01-01', offset);
        const endsOn = addDays(startsOn, span);
        const adultOn = addDays(startsOn, adultShift);
        const { hundredths, minorDays } = hoursCeiling({ adultOn }, startsOn, endsOn);
        const expectedMinorDays = Math.min(span + 1, Math.max(0, adultShift));
        expect(minorDays).toBe(expectedMinorDays);
        expect(hundredths).toBe(800 * expectedMinorDays + 2400 * (span + 1 - expectedMinorDays));
        expect(hoursCeiling({ adultOn: null }, startsOn, endsOn)).toEqual({ hundredths: 2400 * (span + 1), minorDays: 0 });
      }),
    );
  });

  it('a minor is never booked more than 8 h a day on a one-day mission, whatever else they did that day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 1, max: 2400 }), (already, hours) => {
        const context = oneDay({ sameDayHundredths: new Map([[A, already]]) });
        let accepted = true;
        try {
          checkCompletion([{ memberId: A, hundredths: hours }], context);
        } catch (error) {
          expect((error as DomainError).code).toBe('MINOR_DAILY_HOURS_EXCEEDED');
          accepted = false;
        }
        expect(accepted).toBe(already + hours <= 800);
      }),
    );
  });

  it('participants must be members of the site (not only the confirmed team)', () => {
    const error = refusalOf(() =>
      checkCompletion(
        [
          { memberId: B, hundredths: 100 },
          { memberId: C, hundredths: 100 },
        ],
        oneDay(),
      ),
    );
    expect(error.code).toBe('MEMBER_NOT_FOUND');
    expect(error.details).toEqual({ field: 'participants[1].memberId', memberId: C });
  });

  it('a mission cannot be completed before it starts', () => {
    const error = refusalOf(() => checkCompletion([{ memberId: B, hundredths: 100 }], oneDay({ today: '2026-11-30' })));
    expect(error.code).toBe('MISSION_NOT_STARTED');
    expect(error.details).toEqual({ startsOn: '2026-12-01', today: '2026-11-30' });
  });
});
