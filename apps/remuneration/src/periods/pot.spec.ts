import fc from 'fast-check';
import { monthPeriodOf, nextPeriodDates, periodOf } from './period';
import { carryOverToNext, computePot, DEFAULT_POT_SETTINGS, formatPot, formatPotSettings, monthlyAmountForPeriod, parsePotSettings, PotInput, PotSettings, rateOf } from './pot';
import { refusalOf } from '@kpa/testing/refusal';

const NB = '\u00a0';
const MARCH = { startsOn: '2026-03-01', endsOn: '2026-03-31' };

function input(more: Partial<PotInput> = {}, settings: Partial<PotSettings> = {}): PotInput {
  return {
    period: MARCH,
    paymentsNetCents: [],
    expenses: [],
    carryOverCents: 0n,
    hostVatFranchise: false,
    settings: { ...DEFAULT_POT_SETTINGS, ...settings },
    ...more,
  };
}

function term(pot: ReturnType<typeof computePot>, kind: string) {
  return pot.terms.find((t) => t.kind === kind);
}

describe('computePot: docs/domain-rules.md §5.2 worked example (11.5 % contribution, no other costs)', () => {
  it.each([
    // CA HT to invoice → contribution → envelope (the table's employer cost, to the euro)
    [214_200n, 24_633n, 189_567n], // 1 896 €
    [273_400n, 31_441n, 241_959n], // 2 420 €
    [380_500n, 43_758n, 336_742n], // 3 367 €: 437.575 € rounds half away from zero to 437.58 €
  ])('%d cents collected: contribution %d, pot %d', (collected, contribution, pot) => {
    const result = computePot(input({ paymentsNetCents: [collected] }, { hostContributionPpm: 115_000n }));
    expect(term(result, 'host_contribution')?.cents).toBe(-contribution);
    expect(result.potCents).toBe(pot);
    expect(result.distributableCents).toBe(pot);
    expect(result.deficitCents).toBe(0n);
  });
});

describe('computePot: every term', () => {
  const full = input(
    {
      paymentsNetCents: [100_000n, 50_050n],
      refundsNetCents: [10_050n],
      expenses: [
        { netCents: 10_000n, vatCents: 2_000n },
        { netCents: 5_000n, vatCents: 0n },
      ],
      carryOverCents: -2_500n,
    },
    {
      hostContributionPpm: 100_000n,
      reserveRatePpm: 50_000n,
      reserveRateLabel: 'Réserve',
      fixedReserves: [
        { label: 'Loyer', monthlyCents: 30_000n },
        { label: 'Fonds d’équipement', monthlyCents: 5_000n },
      ],
    },
  );

  it('labels each term for people and adds them up to the pot', () => {
    const pot = computePot(full);
    // base = 1 500.50 − 100.50 refunded = 1 400 €: contribution 140 €, reserve 70 €.
    expect(pot.terms.map((t) => [t.kind, t.label, t.cents])).toEqual([
      ['payments', 'Paiements reçus (HT)', 150_050n],
      ['refunds', 'Remboursements aux clients (HT)', -10_050n],
      ['host_contribution', 'Contribution coopérative de la structure hébergeuse', -14_000n],
      ['expenses', 'Notes de frais approuvées', -15_000n],
      ['reserve_rate', 'Réserve', -7_000n],
      ['reserve_fixed', 'Loyer', -30_000n],
      ['reserve_fixed', 'Fonds d’équipement', -5_000n],
      ['carry_over', 'Report de la période précédente', -2_500n],
    ]);
    expect(pot.potCents).toBe(66_500n);
    expect(pot.baseCents).toBe(140_000n);
    expect(term(pot, 'host_contribution')?.detail).toBe(`10${NB}% de 1\u202f400,00${NB}€ (paiements HT − remboursements HT), arrondi au centime`);
    expect(term(pot, 'payments')?.detail).toBe('2 paiements reçus sur la période');
    expect(term(pot, 'refunds')?.detail).toBe('1 remboursement sur la période');
    expect(term(pot, 'expenses')?.detail).toBe('2 notes de frais, HT : la structure hébergeuse récupère la TVA');
    expect(term(pot, 'carry_over')?.detail).toBe('Déficit de la période précédente');
    expect(formatPot(pot)).toMatchObject({ pot: '665.00', distributable: '665.00', deficit: '0.00', base: '1400.00' });
    expect(formatPot(pot).terms[1]).toEqual({ kind: 'refunds', label: 'Remboursements aux clients (HT)', amount: '-100.50', detail: '1 remboursement sur la période' });
  });

  it('counts expenses with their VAT when the host is under the VAT franchise (it cannot recover it)', () => {
    const pot = computePot({ ...full, hostVatFranchise: true });
    expect(term(pot, 'expenses')).toMatchObject({ cents: -17_000n, detail: '2 notes de frais, TTC : la structure hébergeuse, en franchise de TVA, ne récupère pas la TVA' });
    expect(pot.potCents).toBe(64_500n);
  });

  it('omits the rate reserve when there is none, and prorates fixed reserves on a week', () => {
    const week = { startsOn: '2026-03-30', endsOn: '2026-03-31' };
    const pot = computePot(input({ period: week }, { fixedReserves: [{ label: 'Loyer', monthlyCents: 31_000n }] }));
    expect(pot.terms.map((t) => t.kind)).not.toContain('reserve_rate');
    expect(term(pot, 'reserve_fixed')).toMatchObject({ cents: -2_000n, detail: `310,00${NB}€ par mois × 2 jours sur 31` });
  });

  it('carries a negative pot forward as a deficit, distributes nothing', () => {
    const pot = computePot(input({ paymentsNetCents: [10_000n], carryOverCents: -50_000n }, { hostContributionPpm: 100_000n }));
    expect(pot).toMatchObject({ potCents: -41_000n, distributableCents: 0n, deficitCents: -41_000n });
    expect(carryOverToNext(pot, 0n)).toBe(-41_000n);
  });

  it('carries what the distribution left undistributed', () => {
    const pot = computePot(input({ paymentsNetCents: [10_000n], carryOverCents: 500n }, { hostContributionPpm: 0n }));
    expect(term(pot, 'carry_over')?.detail).toBe('Reliquat non distribué ou corrections de la période précédente');
    expect(carryOverToNext(pot, 1_234n)).toBe(1_234n);
    expect(() => carryOverToNext(pot, 20_000n)).toThrow(RangeError);
    expect(() => carryOverToNext(pot, -1n)).toThrow(RangeError);
  });

  it('applies no rate to a negative base (more refunded than received in the period)', () => {
    const pot = computePot(input({ paymentsNetCents: [1_000n], refundsNetCents: [5_000n] }, { hostContributionPpm: 100_000n, reserveRatePpm: 10_000n }));
    expect(pot.baseCents).toBe(0n);
    expect(term(pot, 'host_contribution')?.cents).toBe(-0n);
    expect(pot.potCents).toBe(-4_000n);
  });

  it('refuses negative amounts in', () => {
    expect(() => computePot(input({ paymentsNetCents: [-1n] }))).toThrow(RangeError);
    expect(() => computePot(input({ expenses: [{ netCents: 1n, vatCents: -1n }] }))).toThrow(RangeError);
  });
});

describe('monthlyAmountForPeriod', () => {
  it('gives the whole amount to the whole month', () => {
    expect(monthlyAmountForPeriod(30_001n, monthPeriodOf('2026-02-10'))).toBe(30_001n);
  });

  it('refuses a period spanning two months', () => {
    expect(() => monthlyAmountForPeriod(100n, { startsOn: '2026-01-30', endsOn: '2026-02-02' })).toThrow(RangeError);
  });

  it('the weeks of any month add up to the monthly amount exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.bigInt({ min: 0n, max: 10n ** 12n }), (year, month, amount) => {
        const first = `${year}-${String(month).padStart(2, '0')}-01`;
        const monthEnd = monthPeriodOf(first).endsOn;
        let total = 0n;
        let days = 0;
        for (let week = periodOf(first, 'week'); week.startsOn <= monthEnd; week = nextPeriodDates(week, 'week')) {
          const share = monthlyAmountForPeriod(amount, week);
          expect(share >= 0n).toBe(true);
          total += share;
          days += 1;
        }
        expect(total).toBe(amount);
        expect(days).toBeGreaterThanOrEqual(4);
      }),
    );
  });
});

describe('computePot: properties', () => {
  const amounts = (max: bigint) => fc.array(fc.bigInt({ min: 0n, max }), { maxLength: 10 });
  const potInput = fc.record({
    period: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).chain((d) => {
      const day = d.toISOString().slice(0, 10);
      return fc.constantFrom(periodOf(day, 'month'), periodOf(day, 'week'), { startsOn: day, endsOn: day });
    }),
    paymentsNetCents: amounts(10_000_000n),
    refundsNetCents: amounts(1_000_000n),
    expenses: fc.array(fc.record({ netCents: fc.bigInt({ min: 0n, max: 1_000_000n }), vatCents: fc.bigInt({ min: 0n, max: 200_000n }) }), { maxLength: 10 }),
    carryOverCents: fc.bigInt({ min: -5_000_000n, max: 5_000_000n }),
    hostVatFranchise: fc.boolean(),
    settings: fc.record({
      hostContributionPpm: fc.bigInt({ min: 0n, max: 1_000_000n }),
      reserveRatePpm: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 300_000n })),
      reserveRateLabel: fc.constant('Réserve'),
      fixedReserves: fc.array(fc.record({ label: fc.constantFrom('Loyer', 'Fonds d’équipement'), monthlyCents: fc.bigInt({ min: 0n, max: 500_000n }) }), { maxLength: 3 }),
    }),
  });

  it('the terms add up to the pot exactly; distributable + deficit = pot; neither has the wrong sign', () => {
    fc.assert(
      fc.property(potInput, (i) => {
        const pot = computePot(i);
        expect(pot.terms.reduce((s, t) => s + t.cents, 0n)).toBe(pot.potCents);
        expect(pot.distributableCents + pot.deficitCents).toBe(pot.potCents);
        expect(pot.distributableCents >= 0n && pot.deficitCents <= 0n).toBe(true);
        expect(pot.distributableCents === 0n || pot.deficitCents === 0n).toBe(true);
        expect(carryOverToNext(pot, pot.distributableCents)).toBe(pot.potCents);
      }),
      { numRuns: 500 },
    );
  });

  it('each rate is applied once to the base, within half a cent of the exact value', () => {
    fc.assert(
      fc.property(potInput, (i) => {
        const pot = computePot(i);
        const payments = i.paymentsNetCents.reduce((s, c) => s + c, 0n);
        const refunds = i.refundsNetCents.reduce((s, c) => s + c, 0n);
        const base = payments > refunds ? payments - refunds : 0n;
        const contribution = -(term(pot, 'host_contribution')?.cents as bigint);
        const gap = contribution * 1_000_000n - base * i.settings.hostContributionPpm;
        expect(gap <= 500_000n && gap > -500_000n).toBe(true);
        expect(contribution).toBe(rateOf(base, i.settings.hostContributionPpm));
        const expenses = i.expenses.reduce((s, e) => s + e.netCents + (i.hostVatFranchise ? e.vatCents : 0n), 0n);
        expect(term(pot, 'expenses')?.cents).toBe(-expenses);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parsePotSettings', () => {
  it('reads rates and fixed reserves, and writes them back', () => {
    const settings = parsePotSettings({
      hostContributionRate: '11.5',
      reserveRate: '2',
      reserveLabel: 'Réserve coopérative',
      fixedReserves: [{ label: 'Loyer', monthlyAmount: '300.00' }],
    });
    expect(settings).toEqual({
      hostContributionPpm: 115_000n,
      reserveRatePpm: 20_000n,
      reserveRateLabel: 'Réserve coopérative',
      fixedReserves: [{ label: 'Loyer', monthlyCents: 30_000n }],
    });
    expect(formatPotSettings(settings)).toEqual({
      hostContributionRate: '11.5',
      reserveRate: '2',
      reserveLabel: 'Réserve coopérative',
      fixedReserves: [{ label: 'Loyer', monthlyAmount: '300.00' }],
    });
    expect(parsePotSettings({ hostContributionRate: '10' })).toEqual({
      hostContributionPpm: 100_000n,
      reserveRatePpm: 0n,
      reserveRateLabel: 'Réserve pour frais communs',
      fixedReserves: [],
    });
  });

  it.each([
    [{}, 'hostContributionRate'],
    [{ hostContributionRate: '120' }, 'hostContributionRate'],
    [{ hostContributionRate: '10', reserveRate: 'x' }, 'reserveRate'],
    [{ hostContributionRate: '10', reserveLabel: '' }, 'reserveLabel'],
    [{ hostContributionRate: '10', fixedReserves: {} }, 'fixedReserves'],
    [{ hostContributionRate: '10', fixedReserves: [null] }, 'fixedReserves[0]'],
    [{ hostContributionRate: '10', fixedReserves: [{ label: 'Loyer', monthlyAmount: '-3' }] }, 'fixedReserves[0].monthlyAmount'],
    [{ hostContributionRate: '10', fixedReserves: [{ label: ' ', monthlyAmount: '3' }] }, 'fixedReserves[0].label'],
  ])('refuses %j (%s)', (raw, field) => {
    expect(refusalOf(() => parsePotSettings(raw))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
  });
});

describe('computePot: refunds (credit notes on a paid part, issue 15)', () => {
  it('a refund is a negative term right after the payments, and lowers the base of the rates', () => {
    const pot = computePot(input({ paymentsNetCents: [100_000n], refundsNetCents: [5_000n, 2_500n] }, { hostContributionPpm: 100_000n }));
    expect(pot.terms.slice(0, 3).map((t) => [t.kind, t.cents])).toEqual([
      ['payments', 100_000n],
      ['refunds', -7_500n],
      ['host_contribution', -9_250n],
    ]);
    expect(term(pot, 'refunds')?.detail).toBe('2 remboursements sur la période');
    expect(term(pot, 'host_contribution')?.detail).toContain('(paiements HT − remboursements HT)');
    expect(pot.baseCents).toBe(92_500n);
    expect(pot.potCents).toBe(92_500n - 9_250n);
  });

  it('invoice 100 paid, credit note 25 on the paid part, refund 25: 75 collected and kept', () => {
    const pot = computePot(input({ paymentsNetCents: [10_000n], refundsNetCents: [2_500n] }, { hostContributionPpm: 0n }));
    expect(pot.baseCents).toBe(7_500n);
    expect(pot.potCents).toBe(7_500n);
  });

  it('no refund, no term; a negative refund is a bug upstream', () => {
    const pot = computePot(input({ paymentsNetCents: [100n] }));
    expect(term(pot, 'refunds')).toBeUndefined();
    expect(term(pot, 'host_contribution')?.detail).toContain('(paiements HT)');
    expect(() => computePot(input({ refundsNetCents: [-1n] }))).toThrow(RangeError);
  });
});

describe('computePot: credit notes are no term (turnover collected, docs/remuneration.md)', () => {
  it('returns no credit-note term, whatever the input', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10_000_000n }), { maxLength: 5 }), (payments) => {
        expect(computePot(input({ paymentsNetCents: payments })).terms.map((t) => t.kind)).not.toContain('credit_notes');
      }),
    );
  });
});
