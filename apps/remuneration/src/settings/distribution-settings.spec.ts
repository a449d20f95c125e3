import { formatDistributionSettings, parseDistributionSettings } from './distribution-settings';
import { refusalOf } from '@kpa/testing/refusal';

describe('parseDistributionSettings', () => {
  it('reads weights, time weights and cap', () => {
    const parsed = parseDistributionSettings({ rules: { time: 50, peer: 30, equal: 20 }, timeWeights: { missionHours: '1', contributiveHours: '1.5' }, capPerMember: '800.00' });
    expect(parsed).toEqual({ ruleWeights: { time: 50, equal: 20, peer: 30, mission: 0 }, timeWeights: { missionHours: 100, contributiveHours: 150 }, capCents: 80_000n });
    expect(formatDistributionSettings(parsed)).toEqual({
      rules: { time: 50, equal: 20, peer: 30, mission: 0 },
      timeWeights: { missionHours: '1', contributiveHours: '1.5' },
      capPerMember: '800.00',
    });
    expect(parseDistributionSettings({ rules: { equal: 1 } })).toEqual({
      ruleWeights: { time: 0, equal: 1, peer: 0, mission: 0 },
      timeWeights: { missionHours: 100, contributiveHours: 100 },
      capCents: null,
    });
  });

  it.each([
    [null, 'distribution'],
    [{}, 'distribution.rules'],
    [{ rules: { luck: 10 } }, 'distribution.rules.luck'],
    [{ rules: { time: 1.5 } }, 'distribution.rules.time'],
    [{ rules: { time: -1 } }, 'distribution.rules.time'],
    [{ rules: { time: '50' } }, 'distribution.rules.time'],
    [{ rules: { time: 0, equal: 0 } }, 'distribution.rules'],
    [{ rules: { time: 1 }, timeWeights: { missionHours: '0', contributiveHours: '0' } }, 'distribution.timeWeights'],
    [{ rules: { time: 1 }, timeWeights: { missionHours: '101' } }, 'distribution.timeWeights.missionHours'],
    [{ rules: { time: 1 }, capPerMember: '0' }, 'distribution.capPerMember'],
    [{ rules: { time: 1 }, capPerMember: '-5' }, 'distribution.capPerMember'],
  ])('refuses %j (%s)', (raw, field) => {
    expect(refusalOf(() => parseDistributionSettings(raw))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
  });
});
