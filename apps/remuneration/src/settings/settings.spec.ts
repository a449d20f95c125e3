import { EXAMPLE_RATE_TABLE_2024, parsePayrollRateTable } from '../simulator/simulator';
import { applySettingsInput, DEFAULT_SITE_SETTINGS, formatPayrollRateTable, formatSiteSettings, parseStoredSettings } from './settings';
import { refusalOf } from '@kpa/testing/refusal';

const table2026 = {
  validFrom: '2026-01-01',
  label: 'CAE Grand Nord 2026',
  employerRates: [
    { gross: '1801.80', rate: '4' },
    { gross: '2500.00', rate: '28.5' },
  ],
  employeeRate: '22',
  employerMutual: '31.00',
};

describe('remuneration settings', () => {
  it('defaults: a month, 10 % to the host, no reserve, 50 time / 30 peer / 20 equal, 100 points, the example rates flagged', () => {
    expect(formatSiteSettings(DEFAULT_SITE_SETTINGS)).toEqual({
      periodLength: 'month',
      pot: { hostContributionRate: '10', reserveRate: '0', reserveLabel: 'Réserve pour frais communs', fixedReserves: [] },
      distribution: { rules: { time: 50, equal: 20, peer: 30, mission: 0 }, timeWeights: { missionHours: '1', contributiveHours: '1' }, capPerMember: null },
      recognitionBudget: 100,
      payrollRates: [formatPayrollRateTable(EXAMPLE_RATE_TABLE_2024)],
      payrollRatesAreExample: true,
    });
  });

  it('the formatted form parses back to the same values (what is stored is what is read)', () => {
    const custom = applySettingsInput(DEFAULT_SITE_SETTINGS, {
      periodLength: 'week',
      pot: { hostContributionRate: '11.5', reserveRate: '2.25', reserveLabel: 'Fonds de solidarité', fixedReserves: [{ label: 'Loyer', monthlyAmount: '300' }] },
      distribution: { rules: { time: 60, mission: 40 }, timeWeights: { missionHours: '1', contributiveHours: '1.5' }, capPerMember: '900' },
      recognitionBudget: 50,
      payrollRates: [table2026, { ...table2026, validFrom: '2025-01-01', label: 'CAE 2025' }],
    });
    expect(custom.payrollRatesAreExample).toBe(false);
    expect(custom.payrollRates.map((t) => t.validFrom)).toEqual(['2025-01-01', '2026-01-01']);
    const stored = JSON.parse(JSON.stringify(formatSiteSettings(custom)));
    expect(parseStoredSettings(stored)).toEqual(custom);
    expect(parseStoredSettings(JSON.parse(JSON.stringify(formatSiteSettings(DEFAULT_SITE_SETTINGS))))).toEqual(DEFAULT_SITE_SETTINGS);
    expect(custom.pot.hostContributionPpm).toBe(115_000n);
    expect(custom.pot.fixedReserves).toEqual([{ label: 'Loyer', monthlyCents: 30_000n }]);
    expect(custom.distribution).toEqual({
      ruleWeights: { time: 60, equal: 0, peer: 0, mission: 40 },
      timeWeights: { missionHours: 100, contributiveHours: 150 },
      capCents: 90_000n,
    });
    expect(custom.payrollRates[1]).toEqual(parsePayrollRateTable(table2026));
  });

  it('absent sections stay as they are; a given section replaces the current one whole', () => {
    const first = applySettingsInput(DEFAULT_SITE_SETTINGS, { pot: { hostContributionRate: '12', reserveRate: '5' } });
    const second = applySettingsInput(first, { recognitionBudget: 200 });
    expect(second.pot).toEqual(first.pot);
    expect(second.recognitionBudget).toBe(200);
    expect(applySettingsInput(second, { pot: { hostContributionRate: '8' } }).pot.reserveRatePpm).toBe(0n);
    expect(applySettingsInput(first, {})).toEqual(first);
  });

  it('null or [] for payrollRates goes back to the example table', () => {
    const custom = applySettingsInput(DEFAULT_SITE_SETTINGS, { payrollRates: [table2026] });
    for (const reset of [null, []]) {
      const back = applySettingsInput(custom, { payrollRates: reset });
      expect(back.payrollRates).toEqual([EXAMPLE_RATE_TABLE_2024]);
      expect(back.payrollRatesAreExample).toBe(true);
    }
  });

  it.each([
    [{ periodLength: 'fortnight' }, 'periodLength'],
    [{ pot: 'ten' }, 'pot'],
    [{ pot: { hostContributionRate: '101' } }, 'pot.hostContributionRate'],
    [{ pot: { hostContributionRate: '10', fixedReserves: [{ label: 'Loyer', monthlyAmount: '3.001' }] } }, 'pot.fixedReserves[0].monthlyAmount'],
    [{ distribution: { rules: { time: 0 } } }, 'distribution.rules'],
    [{ distribution: { rules: { luck: 10 } } }, 'distribution.rules.luck'],
    [{ distribution: { rules: { time: 1.5 } } }, 'distribution.rules.time'],
    [{ recognitionBudget: 0 }, 'recognitionBudget'],
    [{ recognitionBudget: '100' }, 'recognitionBudget'],
    [{ payrollRates: [{ ...table2026, employeeRate: 'beaucoup' }] }, 'payrollRates[0].employeeRate'],
    [{ payrollRates: [table2026, table2026] }, 'payrollRates[1].validFrom'],
    [{ payrollRates: 'example' }, 'payrollRates'],
    [{ colour: 'blue' }, 'colour'],
  ])('refuses %j naming the field (%s)', (input, field) => {
    const error = refusalOf(() => applySettingsInput(DEFAULT_SITE_SETTINGS, input));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field });
  });

  it('prefixes a section to the message that starts with the field', () => {
    const error = refusalOf(() => applySettingsInput(DEFAULT_SITE_SETTINGS, { pot: { hostContributionRate: 'dix' } }));
    expect(error.message).toMatch(/^pot\.hostContributionRate must be a percentage/);
  });

  it('refuses anything but an object', () => {
    expect(refusalOf(() => applySettingsInput(DEFAULT_SITE_SETTINGS, [])).details).toMatchObject({ field: 'settings' });
    expect(refusalOf(() => applySettingsInput(DEFAULT_SITE_SETTINGS, null)).details).toMatchObject({ field: 'settings' });
  });
});
