import fc from 'fast-check';
import { employerContributions, EXAMPLE_RATE_TABLE_2024, formatPayEstimate, parsePayrollRateTable, PayrollRateTable, rateTableOn, simulatePay } from './simulator';
import { refusalOf } from '@kpa/testing/refusal';

const NB = '\u00a0';

function near(actual: bigint, expected: bigint, tolerancePercent: number): boolean {
  const gap = actual > expected ? actual - expected : expected - actual;
  return Number(gap) <= (Number(expected) * tolerancePercent) / 100;
}

describe('simulatePay: docs/domain-rules.md §5.2 orders of magnitude (an estimate, not the table)', () => {
  it.each([
    // employer cost → gross, net (the 2024 worked example)
    [189_600n, 176_500n, 136_500n],
    [242_000n, 205_500n, 160_000n],
    [336_700n, 256_000n, 200_000n],
  ])('an envelope of %d cents gives about %d gross and %d net', (envelope, gross, net) => {
    const estimate = simulatePay(envelope, EXAMPLE_RATE_TABLE_2024);
    expect(near(estimate.grossCents, gross, 1.5)).toBe(true);
    expect(near(estimate.netCents, net, 1.5)).toBe(true);
    expect(estimate.estimate).toBe(true);
  });

  it('shows its rates and says it is an estimate', () => {
    const estimate = simulatePay(242_000n, EXAMPLE_RATE_TABLE_2024);
    expect(estimate.lines[0]).toMatch(/^Estimation, pas une fiche de paie : taux « Exemple 2024 d’une CAE/);
    expect(estimate.lines[0]).toContain('depuis le 01/01/2024');
    expect(estimate.lines).toContain(`Coût employeur (votre part) : 2\u202f420,00${NB}€`);
    expect(estimate.lines).toContain(`Cotisations salariales estimées (21${NB}%) : ${(Number(estimate.employeeContributionsCents) / 100).toFixed(2).replace('.', ',')}${NB}€`);
    const api = formatPayEstimate(estimate);
    expect(api).toMatchObject({ estimate: true, label: 'estimation', employerCost: '2420.00', employeeRate: '21', employerMutual: '29.00', table: { validFrom: '2024-01-01' } });
    expect(Number(api.employerRate)).toBeGreaterThan(15);
    expect(Number(api.employerRate)).toBeLessThan(17);
  });

  it('works out a flat table by hand', () => {
    const flat: PayrollRateTable = {
      validFrom: '2026-01-01',
      label: 'Taux plats',
      employerRates: [{ grossCents: 0n, ratePpm: 250_000n }],
      employeeRatePpm: 220_000n,
      employerMutualCents: 0n,
      employeeMutualCents: 0n,
    };
    // 1 000 € = gross × 1.25: gross 800 €, employer 200 €, employee 176 €, net 624 €.
    expect(simulatePay(100_000n, flat)).toMatchObject({
      grossCents: 80_000n,
      employerContributionsCents: 20_000n,
      employeeContributionsCents: 17_600n,
      netCents: 62_400n,
      unusedCents: 0n,
      employerRatePpm: 250_000n,
    });
    // 1.00 €: gross 0.80 €; 10 cents: gross 8 cents.
    expect(simulatePay(100n, flat)).toMatchObject({ grossCents: 80n, employerContributionsCents: 20n, unusedCents: 0n });
    expect(simulatePay(0n, flat)).toMatchObject({ grossCents: 0n, netCents: 0n, unusedCents: 0n });
  });

  it('says so when the envelope cannot even cover the employer’s mutual', () => {
    const estimate = simulatePay(2_000n, EXAMPLE_RATE_TABLE_2024);
    expect(estimate).toMatchObject({ grossCents: 0n, netCents: 0n, unusedCents: 2_000n, employerMutualCents: 0n });
    expect(estimate.lines[estimate.lines.length - 1]).toContain('montant trop faible pour couvrir la mutuelle');
  });

  it('interpolates the employer rate between the table’s points, flat beyond', () => {
    const points = EXAMPLE_RATE_TABLE_2024.employerRates;
    expect(employerContributions(100_000n, points)).toBe(5_000n); // 5 % below the first point
    expect(employerContributions(176_500n, points)).toBe(8_825n);
    expect(employerContributions(191_000n, points)).toBe(20_055n); // halfway: 10.5 %
    expect(employerContributions(400_000n, points)).toBe(120_000n); // 30 % beyond the last point
  });

  it('always accounts for the whole envelope, never negative, gross the most that fits (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 5_000_000n }), (envelope) => {
        const e = simulatePay(envelope, EXAMPLE_RATE_TABLE_2024);
        expect(e.grossCents + e.employerContributionsCents + e.employerMutualCents + e.unusedCents).toBe(envelope);
        expect(e.grossCents - e.employeeContributionsCents - e.employeeMutualCents).toBe(e.netCents);
        for (const v of [e.grossCents, e.employerContributionsCents, e.employeeContributionsCents, e.netCents, e.unusedCents]) expect(v >= 0n).toBe(true);
        // One more cent of gross would cost more than the envelope.
        const next = e.grossCents + 1n;
        expect(next + employerContributions(next, EXAMPLE_RATE_TABLE_2024.employerRates) + EXAMPLE_RATE_TABLE_2024.employerMutualCents > envelope).toBe(true);
        if (e.grossCents > 0n) expect(e.unusedCents <= 2n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives more net for a bigger envelope (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 5_000_000n }), fc.bigInt({ min: 1n, max: 100_000n }), (envelope, more) => {
        expect(simulatePay(envelope + more, EXAMPLE_RATE_TABLE_2024).netCents >= simulatePay(envelope, EXAMPLE_RATE_TABLE_2024).netCents).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('rate tables', () => {
  it('picks the table in force on a date', () => {
    const later = { ...EXAMPLE_RATE_TABLE_2024, validFrom: '2026-01-01', label: '2026' };
    expect(rateTableOn([later, EXAMPLE_RATE_TABLE_2024], '2025-12-31').label).toBe(EXAMPLE_RATE_TABLE_2024.label);
    expect(rateTableOn([EXAMPLE_RATE_TABLE_2024, later], '2026-01-01').label).toBe('2026');
    expect(() => rateTableOn([later], '2025-06-01')).toThrow(expect.objectContaining({ code: 'PAYROLL_RATES_MISSING' }));
  });

  it('reads a table as a site writes it', () => {
    expect(
      parsePayrollRateTable({
        validFrom: '2026-01-01',
        label: ' Paramètres 2026 du cabinet de paie ',
        employerRates: [
          { gross: '1823.03', rate: '2' },
          { gross: '5469.09', rate: '40' },
        ],
        employeeRate: '21.5',
        employerMutual: '30',
      }),
    ).toEqual({
      validFrom: '2026-01-01',
      label: 'Paramètres 2026 du cabinet de paie',
      employerRates: [
        { grossCents: 182_303n, ratePpm: 20_000n },
        { grossCents: 546_909n, ratePpm: 400_000n },
      ],
      employeeRatePpm: 215_000n,
      employerMutualCents: 3_000n,
      employeeMutualCents: 0n,
    });
  });

  it.each([
    [{ label: 'x', employerRates: [{ gross: '1', rate: '1' }], employeeRate: '1' }, 'validFrom'],
    [{ validFrom: '2026-01-01', employerRates: [{ gross: '1', rate: '1' }], employeeRate: '1' }, 'label'],
    [{ validFrom: '2026-01-01', label: 'x', employerRates: [], employeeRate: '1' }, 'employerRates'],
    [{ validFrom: '2026-01-01', label: 'x', employerRates: [{ gross: '1', rate: '101' }], employeeRate: '1' }, 'employerRates[0].rate'],
    [
      {
        validFrom: '2026-01-01',
        label: 'x',
        employerRates: [
          { gross: '2', rate: '1' },
          { gross: '1', rate: '2' },
        ],
        employeeRate: '1',
      },
      'employerRates[1].gross',
    ],
    [
      {
        validFrom: '2026-01-01',
        label: 'x',
        employerRates: [
          { gross: '1', rate: '5' },
          { gross: '2', rate: '4' },
        ],
        employeeRate: '1',
      },
      'employerRates[1].rate',
    ],
    [{ validFrom: '2026-01-01', label: 'x', employerRates: [{ gross: '1', rate: '1' }] }, 'employeeRate'],
    [{ validFrom: '2026-01-01', label: 'x', employerRates: [{ gross: '1', rate: '1' }], employeeRate: '1', employeeMutual: '-1' }, 'employeeMutual'],
  ])('refuses %j (%s)', (raw, field) => {
    expect(refusalOf(() => parsePayrollRateTable(raw))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
  });
});
