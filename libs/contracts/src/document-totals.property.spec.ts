import fc from 'fast-check';
import { computeTotals, DocumentTotals, LineInput, linesInclVat } from './document-totals';
import { VAT_RATES, VatRate } from './rpc/commerce/catalogue';

/**
 * Properties of the EN 16931 arithmetic (docs/domain-rules.md §2.3), checked against an independent reference
 * written here with BigInt and decimal strings only.
 */

/** A scaled integer written as a decimal string, sometimes with its trailing zeros, sometimes without. */
function decimal(scaledValue: bigint, decimals: number, trimZeros: boolean): string {
  const negative = scaledValue < 0n;
  const digits = (negative ? -scaledValue : scaledValue).toString().padStart(decimals + 1, '0');
  const integer = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  if (trimZeros) fraction = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

interface GeneratedLine {
  thousandths: bigint;
  tenThousandths: bigint;
  rate: VatRate;
  input: LineInput;
}

function lineArb(maxQuantity: bigint, maxPrice: bigint): fc.Arbitrary<GeneratedLine> {
  return fc
    .record({
      thousandths: fc.bigInt({ min: 1n, max: maxQuantity }),
      tenThousandths: fc.bigInt({ min: 0n, max: maxPrice }),
      rate: fc.constantFrom(...VAT_RATES),
      trimQ: fc.boolean(),
      trimP: fc.boolean(),
    })
    .map(({ thousandths, tenThousandths, rate, trimQ, trimP }) => ({
      thousandths,
      tenThousandths,
      rate,
      input: {
        description: 'Prestation',
        quantity: decimal(thousandths, 3, trimQ),
        unitPrice: decimal(tenThousandths, 4, trimP),
        vatRate: rate,
        ...(rate === '0' ? { exemptionReason: 'VATEX-EU-132' } : {}),
      },
    }));
}

/** Everyday documents: up to 1 000 units at up to 10 000 €, up to 40 lines. */
const everyday = fc.array(lineArb(1_000_000n, 100_000_000n), { minLength: 1, maxLength: 40 });
/** Extremes: up to 1 000 000 units at up to 10 000 000 €, few lines so the total stays below 2^53 cents. */
const huge = fc.array(lineArb(1_000_000_000n, 100_000_000_000n), { minLength: 1, maxLength: 5 });

// Reference: half-up by adding half the divisor before a floor division (every value here is ≥ 0).
function referenceLineCents(l: GeneratedLine): bigint {
  const exact = l.thousandths * l.tenThousandths; // 10^-7 €
  return (exact + 50_000n) / 100_000n;
}

function referenceVat(baseCents: bigint, rate: VatRate): bigint {
  const [integer, fraction = ''] = rate.split('.');
  const numerator = BigInt(integer + fraction); // rate × 10^fraction.length
  const denominator = 100n * 10n ** BigInt(fraction.length);
  return (baseCents * numerator * 2n + denominator) / (denominator * 2n);
}

function reference(lines: GeneratedLine[], vatFranchise = false) {
  const nets = lines.map(referenceLineCents);
  const bases = new Map<VatRate, bigint>();
  lines.forEach((l, i) => {
    const rate = vatFranchise ? '0' : l.rate;
    bases.set(rate, (bases.get(rate) ?? 0n) + nets[i]);
  });
  let vat = 0n;
  for (const [rate, base] of bases) vat += referenceVat(base, rate);
  const net = nets.reduce((a, b) => a + b, 0n);
  return { nets, bases, net, vat, total: net + vat };
}

function allNumbers(totals: DocumentTotals): number[] {
  return [
    totals.netCents,
    totals.vatCents,
    totals.totalCents,
    totals.prepaidCents,
    totals.dueCents,
    ...totals.lines.map((l) => l.netCents),
    ...totals.vatBreakdown.flatMap((g) => [g.baseCents, g.vatCents]),
  ];
}

function matchesReference(lines: GeneratedLine[], totals: DocumentTotals, vatFranchise = false): void {
  const ref = reference(lines, vatFranchise);
  expect(totals.lines.map((l) => BigInt(l.netCents))).toEqual(ref.nets);
  expect(BigInt(totals.netCents)).toBe(ref.net);
  expect(BigInt(totals.vatCents)).toBe(ref.vat);
  expect(BigInt(totals.totalCents)).toBe(ref.total);
  expect(totals.vatBreakdown.map((g) => [g.rate, BigInt(g.baseCents)])).toEqual(VAT_RATES.filter((r) => ref.bases.has(r)).map((r) => [r, ref.bases.get(r)]));
}

describe('document totals (properties)', () => {
  it('matches an independent BigInt reference', () => {
    fc.assert(
      fc.property(everyday, (lines) => {
        matchesReference(
          lines,
          computeTotals(
            lines.map((l) => l.input),
            { vatFranchise: false },
          ),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('adds up: net = Σ rounded lines = Σ bases, VAT = Σ per-rate VAT = round(base × rate), total = net + VAT, due = total − prepaid', () => {
    fc.assert(
      fc.property(everyday, fc.double({ min: 0, max: 1, noNaN: true }), (lines, share) => {
        const first = computeTotals(
          lines.map((l) => l.input),
          { vatFranchise: false },
        );
        const prepaid = Math.floor(first.totalCents * share);
        const totals = computeTotals(
          lines.map((l) => l.input),
          { vatFranchise: false, prepaidCents: prepaid },
        );
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(totals.netCents).toBe(sum(totals.lines.map((l) => l.netCents)));
        expect(totals.netCents).toBe(sum(totals.vatBreakdown.map((g) => g.baseCents)));
        expect(totals.vatCents).toBe(sum(totals.vatBreakdown.map((g) => g.vatCents)));
        for (const group of totals.vatBreakdown) {
          expect(BigInt(group.vatCents)).toBe(referenceVat(BigInt(group.baseCents), group.rate));
          expect(group.baseCents).toBe(sum(totals.lines.filter((l) => l.vatRate === group.rate).map((l) => l.netCents)));
          expect(group.category).toBe(group.rate === '0' ? 'E' : 'S');
        }
        expect(new Set(totals.vatBreakdown.map((g) => g.rate)).size).toBe(totals.vatBreakdown.length);
        expect(totals.totalCents).toBe(totals.netCents + totals.vatCents);
        expect(totals.dueCents).toBe(totals.totalCents - prepaid);
        expect(totals.dueCents).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the lines', () => {
    const shuffled = everyday.chain((lines) => fc.tuple(fc.constant(lines), fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length })));
    fc.assert(
      fc.property(shuffled, ([lines, permuted]) => {
        const a = computeTotals(
          lines.map((l) => l.input),
          { vatFranchise: false },
        );
        const b = computeTotals(
          permuted.map((l) => l.input),
          { vatFranchise: false },
        );
        expect({ ...b, lines: [] }).toEqual({ ...a, lines: [] });
        expect(b.lines.map((l) => l.netCents).sort((x, y) => x - y)).toEqual(a.lines.map((l) => l.netCents).sort((x, y) => x - y));
      }),
      { numRuns: 300 },
    );
  });

  it('only ever returns safe integers, however extreme the valid input, without losing a cent', () => {
    fc.assert(
      fc.property(huge, fc.boolean(), (lines, vatFranchise) => {
        const totals = computeTotals(
          lines.map((l) => l.input),
          { vatFranchise },
        );
        for (const n of allNumbers(totals)) expect(Number.isSafeInteger(n)).toBe(true);
        matchesReference(lines, totals, vatFranchise);
      }),
      { numRuns: 300 },
    );
  });

  it('charges no VAT under the franchise, whatever the lines say', () => {
    fc.assert(
      fc.property(everyday, (lines) => {
        const totals = computeTotals(
          lines.map((l) => l.input),
          { vatFranchise: true },
        );
        expect(totals.vatCents).toBe(0);
        expect(totals.totalCents).toBe(totals.netCents);
        expect(totals.vatBreakdown).toHaveLength(1);
        expect(totals.vatBreakdown[0]).toMatchObject({ category: 'E', rate: '0', exemptionReason: 'VATEX-FR-FRANCHISE' });
      }),
      { numRuns: 200 },
    );
  });

  it('a discount equal to a line cancels exactly that line', () => {
    fc.assert(
      fc.property(fc.array(lineArb(1_000_000n, 100_000_000n), { minLength: 2, maxLength: 40 }), fc.nat(), (lines, pick) => {
        const target = lines[pick % lines.length];
        const discount: LineInput = { ...target.input, kind: 'discount', description: 'Remise', unitPrice: `-${decimal(target.tenThousandths, 4, false)}` };
        // A 0 € discount is refused, and the document without the line needs another line.
        fc.pre(target.tenThousandths > 0n && lines.length >= 2);
        const withDiscount = computeTotals([...lines.map((l) => l.input), discount], { vatFranchise: false });
        const without = computeTotals(
          lines.filter((l) => l !== target).map((l) => l.input),
          { vatFranchise: false },
        );
        expect(withDiscount.netCents).toBe(without.netCents);
        expect(withDiscount.vatCents).toBe(without.vatCents);
      }),
      { numRuns: 200 },
    );
  });

  it('prices including VAT per line add up, rate by rate, to base + VAT and in all to the total TTC, each line within 1.5 cents of net × (1 + rate)', () => {
    fc.assert(
      fc.property(fc.oneof(everyday, huge), fc.boolean(), (lines, withDiscount) => {
        const inputs = lines.map((l) => l.input);
        const target = lines[0];
        // A discount on the first line's rate, at most that line (so its rate's base stays ≥ 0).
        if (withDiscount && target.tenThousandths > 1n) {
          inputs.push({ ...target.input, kind: 'discount', description: 'Remise', unitPrice: `-${decimal(target.tenThousandths / 2n, 4, false)}` });
        }
        const totals = computeTotals(inputs, { vatFranchise: false });
        const ttc = linesInclVat(inputs, totals);
        expect(ttc.reduce((sum, l) => sum + l.totalCents, 0)).toBe(totals.totalCents);
        for (const group of totals.vatBreakdown) {
          const ofRate = ttc.filter((_, index) => totals.lines[index].vatRate === group.rate);
          expect(ofRate.reduce((sum, l) => sum + l.totalCents, 0)).toBe(group.baseCents + group.vatCents);
        }
        const perMille: Record<VatRate, bigint> = { '20': 200n, '10': 100n, '5.5': 55n, '2.1': 21n, '0': 0n };
        if (inputs.length === lines.length) {
          // Without a discount (each line at most its rate's base): a line's share of the VAT is off its
          // own net × rate by less than 1 cent (its floor and the extra cent) + ½ cent (the group's rounding).
          ttc.forEach((line, index) => {
            const exact = BigInt(totals.lines[index].netCents) * (1000n + perMille[totals.lines[index].vatRate]); // thousandths of a cent
            const distance = BigInt(line.totalCents) * 1000n - exact;
            expect(distance < 0n ? -distance : distance).toBeLessThan(1500n);
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});
