import { dayProblem, isoDay, localDayAndTime, lastSettledPeriod, missionPlace, monthOf, nextInterview, nextStage, parseHours, potBars } from './member-rules';

describe('the member screens’ rules', () => {
  it('reads hours typed the French or the English way, as the API’s decimal string', () => {
    expect(parseHours('2,5')).toEqual({ hours: '2.5' });
    expect(parseHours(' 2.50 ')).toEqual({ hours: '2.5' });
    expect(parseHours('24')).toEqual({ hours: '24' });
    expect(parseHours('0,25')).toEqual({ hours: '0.25' });
    expect(parseHours('07')).toEqual({ hours: '7' });
  });

  it('refuses what the API would refuse, saying what is wrong', () => {
    expect(parseHours('')).toEqual({ problem: 'hoursRequired' });
    expect(parseHours('deux')).toEqual({ problem: 'hoursFormat' });
    expect(parseHours('-1')).toEqual({ problem: 'hoursFormat' });
    expect(parseHours('2,5,1')).toEqual({ problem: 'hoursFormat' });
    expect(parseHours('0')).toEqual({ problem: 'hoursRange' });
    expect(parseHours('24,01')).toEqual({ problem: 'hoursRange' });
    expect(parseHours('1,125')).toEqual({ problem: 'hoursRange' });
  });

  it('takes a day up to today, never a future one', () => {
    expect(dayProblem('2026-12-05', '2026-12-05')).toBeNull();
    expect(dayProblem('2026-12-06', '2026-12-05')).toBe('dateFuture');
    expect(dayProblem('', '2026-12-05')).toBe('dateFormat');
    expect(dayProblem('2026-13-45', '2026-12-05')).toBe('dateFormat');
  });

  it('writes a day in the local calendar and finds its month', () => {
    expect(isoDay(new Date(2026, 11, 5, 23, 30))).toBe('2026-12-05');
    expect(monthOf('2026-12-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(localDayAndTime(new Date(2026, 11, 8, 9, 5).toISOString())).toEqual({ day: '2026-12-08', time: '09:05' });
    expect(monthOf('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('says the next stage of the journey, none after the last', () => {
    expect(nextStage('immersion')).toBe('exploration');
    expect(nextStage('opening')).toBe('next_step');
    expect(nextStage('next_step')).toBeNull();
  });

  it('finds the next scheduled interview, not a past, held or cancelled one', () => {
    const now = new Date('2026-12-05T10:00:00Z');
    const interviews = [
      { id: 'past', status: 'scheduled', scheduledAt: '2026-12-01T09:00:00Z' },
      { id: 'held', status: 'held', scheduledAt: '2026-12-06T09:00:00Z' },
      { id: 'later', status: 'scheduled', scheduledAt: '2026-12-20T09:00:00Z' },
      { id: 'soon', status: 'scheduled', scheduledAt: '2026-12-08T09:00:00Z' },
      { id: 'cancelled', status: 'cancelled', scheduledAt: '2026-12-07T09:00:00Z' },
    ];
    expect(nextInterview(interviews, now)?.id).toBe('soon');
    expect(nextInterview([], now)).toBeNull();
  });

  it('finds the newest settled period, never the open one', () => {
    const periods = [
      { id: 'dec', status: 'open', endsOn: '2026-12-31' },
      { id: 'oct', status: 'paid', endsOn: '2026-10-31' },
      { id: 'nov', status: 'closed', endsOn: '2026-11-30' },
    ];
    expect(lastSettledPeriod(periods)?.id).toBe('nov');
    expect(lastSettledPeriod([periods[0]])).toBeNull();
  });

  it('draws each pot term as long as its amount against the largest, with its sign', () => {
    expect(potBars(['1000.00', '-250.00', '0.00'])).toEqual([
      { percent: 100, negative: false },
      { percent: 25, negative: true },
      { percent: 0, negative: false },
    ]);
    expect(potBars(['0.00'])).toEqual([{ percent: 0, negative: false }]);
  });

  it('says whether the member is out of a mission, signed up, or in its team', () => {
    const mission = { signUps: [{ memberId: 'a' }, { memberId: 'b' }], team: [{ memberId: 'b' }] };
    expect(missionPlace(mission, 'a')).toBe('signed-up');
    expect(missionPlace(mission, 'b')).toBe('team');
    expect(missionPlace(mission, 'c')).toBe('out');
  });
});
