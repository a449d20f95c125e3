import {
  completion,
  elidesDe,
  missionBoard,
  missionBody,
  missionProblems,
  parseEuros,
  parsePoints,
  payrollFileName,
  periodActions,
  periodProblems,
  settingsForm,
  sumHours,
  weightPercents,
  type MissionForm,
} from './remuneration-rules';

describe('the mission board', () => {
  it('puts each mission in its step, the cancelled apart, by first day then title', () => {
    const board = missionBoard([
      { id: 'a', status: 'planned' as const, startsOn: '2026-12-10', title: 'Jardin' },
      { id: 'b', status: 'completed' as const, startsOn: '2026-11-02', title: 'Traiteur' },
      { id: 'c', status: 'planned' as const, startsOn: '2026-12-08', title: 'Couture' },
      { id: 'd', status: 'cancelled' as const, startsOn: '2026-12-01', title: 'Brocante' },
      { id: 'e', status: 'planned' as const, startsOn: '2026-12-08', title: 'Affiches' },
    ]);
    expect(board.planned.map((mission) => mission.id)).toEqual(['e', 'c', 'a']);
    expect(board.team_confirmed).toEqual([]);
    expect(board.completed.map((mission) => mission.id)).toEqual(['b']);
    expect(board.cancelled.map((mission) => mission.id)).toEqual(['d']);
  });
});

describe('the mission form', () => {
  const good: MissionForm = {
    title: ' Repas des voisins ',
    activityPole: 'traiteur',
    startsOn: '2026-12-12',
    endsOn: '2026-12-12',
    place: 'La Cape',
    peopleNeeded: '3',
    description: '',
  };

  it('accepts a one-day mission and sends it trimmed, without an empty description', () => {
    expect(missionProblems(good)).toEqual({});
    expect(missionBody(good)).toEqual({ title: 'Repas des voisins', activityPole: 'traiteur', startsOn: '2026-12-12', endsOn: '2026-12-12', place: 'La Cape', peopleNeeded: 3 });
  });

  it('names each field to fix, with the API’s limits', () => {
    expect(missionProblems({ ...good, title: '  ', activityPole: 'x'.repeat(101), place: '', peopleNeeded: '0', endsOn: '2026-12-11' })).toEqual({
      title: 'required',
      activityPole: 'tooLong',
      place: 'required',
      peopleNeeded: 'people',
      endsOn: 'endsBefore',
    });
    expect(missionProblems({ ...good, startsOn: '2026-02-30', peopleNeeded: '2,5' })).toEqual({ startsOn: 'date', peopleNeeded: 'people' });
    expect(missionProblems({ ...good, peopleNeeded: '501' })).toEqual({ peopleNeeded: 'people' });
    expect(missionProblems({ ...good, peopleNeeded: '500' })).toEqual({});
  });
});

describe('completing a mission', () => {
  const team = [{ memberId: 'amel' }, { memberId: 'yanis' }];

  it('turns the hours typed in French into the API’s participants', () => {
    expect(completion(team, { amel: '3,5', yanis: '4' })).toEqual({
      participants: [
        { memberId: 'amel', hours: '3.5' },
        { memberId: 'yanis', hours: '4' },
      ],
    });
  });

  it('adds the hours exactly', () => {
    expect(sumHours(['3.5', '2.25', '0.1', '4'])).toBe('9.85');
    expect(sumHours([])).toBe('0.00');
  });

  it('names the people whose hours are missing or wrong', () => {
    expect(completion(team, { amel: '', yanis: '25' })).toEqual({ problems: { amel: 'hoursRequired', yanis: 'hoursRange' } });
  });
});

describe('the period steps', () => {
  it('follow the lifecycle and the roles', () => {
    expect(periodActions('open', 'coordinator', 0)).toEqual(['close']);
    expect(periodActions('open', 'accountant', 0)).toEqual([]);
    expect(periodActions('closed', 'coordinator', 0)).toEqual(['approve', 'reopen']);
    // An unanswered objection holds the approval back.
    expect(periodActions('closed', 'coordinator', 1)).toEqual(['reopen']);
    expect(periodActions('approved', 'accountant', 0)).toEqual(['export']);
    expect(periodActions('exported', 'admin', 0)).toEqual(['paid', 'export']);
    expect(periodActions('paid', 'coordinator', 0)).toEqual([]);
    for (const status of ['open', 'closed', 'approved', 'exported', 'paid'] as const) expect(periodActions(status, 'member', 0)).toEqual([]);
  });

  it('a period by hand stays within one month', () => {
    expect(periodProblems('2026-12-01', '2026-12-31')).toEqual({});
    expect(periodProblems('2026-12-10', '2026-12-01')).toEqual({ endsOn: 'endsBefore' });
    expect(periodProblems('2026-12-10', '2027-01-05')).toEqual({ endsOn: 'sameMonth' });
    expect(periodProblems('', '')).toEqual({ startsOn: 'date', endsOn: 'date' });
  });

  it('names the payroll file after the period', () => {
    expect(payrollFileName({ startsOn: '2026-11-01', endsOn: '2026-11-30' })).toBe('paie-2026-11-01-2026-11-30.csv');
  });
});

describe('amounts and points typed by a person', () => {
  it('reads euros written the French way', () => {
    expect(parseEuros('300')).toEqual({ amount: '300.00' });
    expect(parseEuros('300,5')).toEqual({ amount: '300.50' });
    expect(parseEuros('1 234,56 €')).toEqual({ amount: '1234.56' });
    expect(parseEuros('')).toEqual({ problem: 'amountRequired' });
    expect(parseEuros('trois cents')).toEqual({ problem: 'amountFormat' });
    expect(parseEuros('12,345')).toEqual({ problem: 'amountFormat' });
    expect(parseEuros('0')).toEqual({ problem: 'amountRange' });
  });

  it('takes whole points within what is left', () => {
    expect(parsePoints('20', 100)).toEqual({ points: 20 });
    expect(parsePoints('', 100)).toEqual({ problem: 'pointsRequired' });
    expect(parsePoints('2,5', 100)).toEqual({ problem: 'pointsFormat' });
    expect(parsePoints('101', 100)).toEqual({ problem: 'pointsRange' });
    expect(parsePoints('0', 100)).toEqual({ problem: 'pointsRange' });
  });
});

describe('the remuneration settings form', () => {
  const weights = { time: '50', equal: '20', peer: '30', mission: '0' };

  it('takes whole weights and a whole budget', () => {
    expect(settingsForm(weights, '100')).toEqual({ rules: { time: 50, equal: 20, peer: 30, mission: 0 }, recognitionBudget: 100 });
  });

  it('names what to fix: not whole, out of range, every weight at 0', () => {
    expect(settingsForm({ ...weights, time: '2,5', peer: '10001' }, '0')).toEqual({ problems: { time: 'whole', peer: 'range', budget: 'range' } });
    expect(settingsForm({ time: '0', equal: '0', peer: '0', mission: '0' }, '100')).toEqual({ problems: { time: 'allZero' } });
    expect(settingsForm(weights, '')).toEqual({ problems: { budget: 'whole' } });
  });

  it('shows each weight as a share of the whole', () => {
    expect(weightPercents({ time: 50, equal: 20, peer: 30, mission: 0 })).toEqual({ time: 50, equal: 20, peer: 30, mission: 0 });
    expect(weightPercents({ time: 1, equal: 1, peer: 1, mission: 0 })).toEqual({ time: 33, equal: 33, peer: 33, mission: 0 });
    expect(weightPercents({ time: 0, equal: 0, peer: 0, mission: 0 })).toEqual({ time: 0, equal: 0, peer: 0, mission: 0 });
  });
});

describe('elidesDe', () => {
  it('elides "de" before a vowel, accented or not, and keeps it before a consonant or an h', () => {
    expect(['Inès Benali', 'Émilie Roux', 'amel Kaci', 'Yanis Morel'].map(elidesDe)).toEqual([true, true, true, true]);
    expect(['Karim Haddad', 'Hugo Petit', 'Zoé Martin'].map(elidesDe)).toEqual([false, false, false]);
  });
});
