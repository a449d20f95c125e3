import {
  computeTotals,
  LineInput,
  lineNetCents,
  linesInclVat,
  MAX_LINES,
  parseQuantity,
  parseUnitPrice,
  VAT_FRANCHISE_NOTE,
  VAT_FRANCHISE_REASON,
  vatCents,
} from './document-totals';
import { VAT_RATES } from './rpc/commerce/catalogue';
import { Refusal, refusalOf } from '@kpa/testing/refusal';

function line(quantity: string, unitPrice: string, vatRate: LineInput['vatRate'] = '20', extra: Partial<LineInput> = {}): LineInput {
  return { description: 'Jardinage', quantity, unitPrice, vatRate, ...extra };
}

function failure(fn: () => unknown): Refusal {
  const refusal = refusalOf(fn);
  expect(refusal.code).toBe('VALIDATION_FAILED');
  return refusal;
}

function fieldOf(fn: () => unknown): unknown {
  return (failure(fn).details as { field: string }).field;
}

describe('parseQuantity', () => {
  it('reads up to 3 decimals as exact thousandths', () => {
    expect(parseQuantity('2')).toBe(2000n);
    expect(parseQuantity('1.5')).toBe(1500n);
    expect(parseQuantity('0.125')).toBe(125n);
    expect(parseQuantity('0.001')).toBe(1n);
    expect(parseQuantity('1000000')).toBe(1_000_000_000n);
    expect(parseQuantity('1000000.000')).toBe(1_000_000_000n);
  });

  it('refuses zero, too much, too many decimals, numbers and other spellings', () => {
    for (const bad of ['0', '0.000', '1000000.001', '1.2345', '-1', '1,5', '.5', '1.', '1e3', ' 1', '', 'abc', '+1']) {
      expect(fieldOf(() => parseQuantity(bad, 'lines[3].quantity'))).toBe('lines[3].quantity');
    }
    expect(fieldOf(() => parseQuantity(1.5))).toBe('quantity');
    expect(fieldOf(() => parseQuantity(null))).toBe('quantity');
  });
});

describe('parseUnitPrice', () => {
  it('reads up to 4 decimals as exact ten-thousandths', () => {
    expect(parseUnitPrice('12.3456')).toBe(123456n);
    expect(parseUnitPrice('12.5')).toBe(125000n);
    expect(parseUnitPrice('0')).toBe(0n);
    expect(parseUnitPrice('-0')).toBe(0n);
    expect(parseUnitPrice('9999999999999.9999')).toBe(99999999999999999n);
  });

  it('takes a negative price only when allowed (discount lines)', () => {
    expect(parseUnitPrice('-10.5', 'unitPrice', true)).toBe(-105000n);
    expect(failure(() => parseUnitPrice('-10.5')).message).toMatch(/discount/);
  });

  it('refuses other spellings', () => {
    for (const bad of ['1.23456', '1,5', '', '1e2', '--1', '12345678901234']) {
      expect(fieldOf(() => parseUnitPrice(bad, 'lines[0].unitPrice'))).toBe('lines[0].unitPrice');
    }
    expect(fieldOf(() => parseUnitPrice(12))).toBe('unitPrice');
  });
});

describe('rounding', () => {
  it('rounds a line net half-up to the cent (0.005 → 0.01)', () => {
    // 76.475 * 100 is 7647.4999… in binary floats: exact decimals give 7648.
    expect(lineNetCents(parseQuantity('1'), parseUnitPrice('76.475'))).toBe(7648n);
    expect(lineNetCents(parseQuantity('1'), parseUnitPrice('0.005'))).toBe(1n);
    expect(lineNetCents(parseQuantity('1'), parseUnitPrice('0.0049'))).toBe(0n);
    expect(lineNetCents(parseQuantity('3'), parseUnitPrice('0.3333'))).toBe(100n);
    expect(lineNetCents(parseQuantity('0.333'), parseUnitPrice('1.0000'))).toBe(33n);
    expect(lineNetCents(parseQuantity('1.5'), parseUnitPrice('-0.01', 'unitPrice', true))).toBe(-2n);
  });

  it('computes VAT on a base with the rate in exact tenths', () => {
    expect(vatCents(1000n, '20')).toBe(200n);
    expect(vatCents(1n, '5.5')).toBe(0n);
    expect(vatCents(10n, '5.5')).toBe(1n); // 0.55 cent rounds up
    expect(vatCents(9n, '5.5')).toBe(0n); // 0.495 cent rounds down
    expect(vatCents(100n, '2.1')).toBe(2n);
    expect(vatCents(12345n, '0')).toBe(0n);
  });
});

describe('computeTotals', () => {
  it('rounds each line, sums the rounded lines and computes VAT once per rate (EN 16931)', () => {
    // Three lines of 0.333 × 1.0000 € = 0.333 € each: each rounds to 0.33 €, so the net is 0.99 € (not 1.00).
    const totals = computeTotals([line('0.333', '1'), line('0.333', '1'), line('0.333', '1')], { vatFranchise: false });
    expect(totals.lines.map((l) => l.netCents)).toEqual([33, 33, 33]);
    expect(totals.netCents).toBe(99);
    // VAT on the rounded base 0.99 €: 0.198 → 0.20 € (per-line VAT would give 3 × 0.07 = 0.21 €).
    expect(totals.vatCents).toBe(20);
    expect(totals.totalCents).toBe(119);
    expect(totals.dueCents).toBe(119);
  });

  it('groups by rate in a fixed order, each base the sum of its rounded lines', () => {
    const totals = computeTotals(
      [
        line('2', '12.345', '5.5'), // 24.69
        line('1.5', '40', '20'), // 60.00
        line('1', '10.005', '5.5'), // 10.01 (half-up)
        line('1', '30', '0', { exemptionReason: 'VATEX-EU-132' }),
        line('3', '1.1', '10'), // 3.30
        line('1', '1', '2.1'),
      ],
      { vatFranchise: false },
    );
    expect(totals.vatBreakdown).toEqual([
      { category: 'S', rate: '20', exemptionReason: null, baseCents: 6000, vatCents: 1200 },
      { category: 'S', rate: '10', exemptionReason: null, baseCents: 330, vatCents: 33 },
      // 34.70 × 5.5 % = 1.9085 → 1.91
      { category: 'S', rate: '5.5', exemptionReason: null, baseCents: 3470, vatCents: 191 },
      // 1.00 × 2.1 % = 0.021 → 0.02
      { category: 'S', rate: '2.1', exemptionReason: null, baseCents: 100, vatCents: 2 },
      { category: 'E', rate: '0', exemptionReason: 'VATEX-EU-132', baseCents: 3000, vatCents: 0 },
    ]);
    expect(totals.netCents).toBe(6000 + 330 + 3470 + 100 + 3000);
    expect(totals.vatCents).toBe(1200 + 33 + 191 + 2);
    expect(totals.totalCents).toBe(totals.netCents + totals.vatCents);
    expect(totals.lines[3]).toEqual({ netCents: 3000, vatRate: '0', category: 'E' });
    expect(totals.vatExemptionNote).toBeNull();
  });

  it('deducts deposits from the amount due, never below zero', () => {
    const totals = computeTotals([line('1', '100')], { vatFranchise: false, prepaidCents: 3000 });
    expect(totals).toMatchObject({ totalCents: 12000, prepaidCents: 3000, dueCents: 9000 });
    expect(computeTotals([line('1', '100')], { vatFranchise: false, prepaidCents: 12000 }).dueCents).toBe(0);
    expect(fieldOf(() => computeTotals([line('1', '100')], { vatFranchise: false, prepaidCents: 12001 }))).toBe('prepaidCents');
    expect(fieldOf(() => computeTotals([line('1', '100')], { vatFranchise: false, prepaidCents: -1 }))).toBe('prepaidCents');
    expect(fieldOf(() => computeTotals([line('1', '100')], { vatFranchise: false, prepaidCents: 1.5 }))).toBe('prepaidCents');
  });

  it('charges no VAT under the franchise (art. 293 B du CGI) and reports the mention', () => {
    const totals = computeTotals([line('2', '50', '20'), line('1', '10', '5.5')], { vatFranchise: true });
    expect(totals.vatCents).toBe(0);
    expect(totals.totalCents).toBe(11000);
    expect(totals.lines.map((l) => [l.vatRate, l.category])).toEqual([
      ['0', 'E'],
      ['0', 'E'],
    ]);
    expect(totals.vatBreakdown).toEqual([{ category: 'E', rate: '0', exemptionReason: VAT_FRANCHISE_REASON, baseCents: 11000, vatCents: 0 }]);
    expect(totals.vatFranchise).toBe(true);
    expect(totals.vatExemptionNote).toBe(VAT_FRANCHISE_NOTE);
    expect(VAT_FRANCHISE_NOTE).toBe('TVA non applicable, art. 293 B du CGI');
  });

  it('supports discount lines with a negative unit price, not beyond what they reduce', () => {
    const totals = computeTotals([line('1', '100'), line('1', '-10', '20', { kind: 'discount', description: 'Remise fidélité' })], { vatFranchise: false });
    expect(totals.lines.map((l) => l.netCents)).toEqual([10000, -1000]);
    expect(totals).toMatchObject({ netCents: 9000, vatCents: 1800, totalCents: 10800 });
    expect(fieldOf(() => computeTotals([line('1', '10'), line('1', '-10.01', '20', { kind: 'discount' })], { vatFranchise: false }))).toBe('lines');
    expect(fieldOf(() => computeTotals([line('1', '-10')], { vatFranchise: false }))).toBe('lines[0].unitPrice');
    expect(fieldOf(() => computeTotals([line('1', '10', '20', { kind: 'discount' })], { vatFranchise: false }))).toBe('lines[0].unitPrice');
    expect(fieldOf(() => computeTotals([line('1', '10', '20', { kind: 'gift' as never })], { vatFranchise: false }))).toBe('lines[0].kind');
  });

  it('needs an exemption reason with rate 0, only there, and one reason per document (BR-E-01)', () => {
    expect(fieldOf(() => computeTotals([line('1', '10'), line('1', '10', '0')], { vatFranchise: false }))).toBe('lines[1].exemptionReason');
    expect(fieldOf(() => computeTotals([line('1', '10', '20', { exemptionReason: 'VATEX-EU-132' })], { vatFranchise: false }))).toBe('lines[0].exemptionReason');
    expect(fieldOf(() => computeTotals([line('1', '10', '0', { exemptionReason: '  ' })], { vatFranchise: false }))).toBe('lines[0].exemptionReason');
    expect(
      fieldOf(() =>
        computeTotals([line('1', '10', '0', { exemptionReason: 'VATEX-EU-132' }), line('1', '1'), line('1', '10', '0', { exemptionReason: 'Exonération, art. 261-4-4° du CGI' })], {
          vatFranchise: false,
        }),
      ),
    ).toBe('lines[2].exemptionReason');
    // Free text is accepted as a reason; it is trimmed.
    expect(computeTotals([line('1', '10', '0', { exemptionReason: ' Exonération, art. 261-4-4° du CGI ' })], { vatFranchise: false }).vatBreakdown[0].exemptionReason).toBe(
      'Exonération, art. 261-4-4° du CGI',
    );
    // Under the franchise the rate-0 line needs no reason of its own.
    expect(computeTotals([line('1', '10', '0')], { vatFranchise: true }).vatBreakdown[0].exemptionReason).toBe(VAT_FRANCHISE_REASON);
  });

  it('names the field to fix for each bad line', () => {
    const good = line('1', '10');
    const at3 = (bad: Partial<LineInput> | unknown) =>
      fieldOf(() =>
        computeTotals([good, good, good, typeof bad === 'object' && bad !== null && !Array.isArray(bad) ? { ...good, ...bad } : (bad as LineInput)], { vatFranchise: false }),
      );
    expect(at3({ quantity: '0' })).toBe('lines[3].quantity');
    expect(at3({ quantity: 2 as never })).toBe('lines[3].quantity');
    expect(at3({ unitPrice: '1.23456' })).toBe('lines[3].unitPrice');
    expect(at3({ vatRate: '19.6' as never })).toBe('lines[3].vatRate');
    expect(at3({ vatRate: 20 as never })).toBe('lines[3].vatRate');
    expect(at3({ description: '' })).toBe('lines[3].description');
    expect(at3({ description: '   ' })).toBe('lines[3].description');
    expect(at3({ description: 'x'.repeat(501) })).toBe('lines[3].description');
    expect(at3(null)).toBe('lines[3]');
    expect(at3('a line')).toBe('lines[3]');
    expect(computeTotals([{ ...good, description: 'x'.repeat(500) }], { vatFranchise: false }).netCents).toBe(1000);
    expect(failure(() => computeTotals([good, { ...good, quantity: '1,5' }], { vatFranchise: false })).message).toMatch(/lines\[1\]\.quantity/);
  });

  it('needs 1 to 200 lines', () => {
    expect(fieldOf(() => computeTotals([], { vatFranchise: false }))).toBe('lines');
    expect(fieldOf(() => computeTotals(undefined as never, { vatFranchise: false }))).toBe('lines');
    expect(
      computeTotals(
        Array.from({ length: MAX_LINES }, () => line('1', '1')),
        { vatFranchise: false },
      ).netCents,
    ).toBe(20000);
    expect(
      fieldOf(() =>
        computeTotals(
          Array.from({ length: MAX_LINES + 1 }, () => line('1', '1')),
          { vatFranchise: false },
        ),
      ),
    ).toBe('lines');
  });

  it('keeps huge valid amounts exact and refuses what no longer fits in a safe integer', () => {
    // 1 000 000 × 9 999 999.9999 € = 9 999 999 999 900 € = 999 999 999 990 000 cents (< 2^53).
    const totals = computeTotals([line('1000000', '9999999.9999', '0', { exemptionReason: 'VATEX-EU-132' })], { vatFranchise: false });
    expect(totals.netCents).toBe(999_999_999_990_000);
    // 0.001 × 0.0001 € rounds to 0; a cent's worth survives next to a huge line.
    const mixed = computeTotals([line('1000000', '1000', '20'), line('0.001', '10', '20')], { vatFranchise: false });
    expect(mixed.netCents).toBe(100_000_000_001);
    expect(mixed.vatCents).toBe(20_000_000_000); // 0.2 cent of VAT on the extra cent rounds down
    expect(fieldOf(() => computeTotals([line('1000000', '9999999999999')], { vatFranchise: false }))).toBe('lines[0]');
    // Each line fits, their sum does not.
    const big = line('1000000', '50000000', '0', { exemptionReason: 'VATEX-EU-132' }); // 5e15 cents each
    expect(fieldOf(() => computeTotals([big, big], { vatFranchise: false }))).toBe('lines');
  });

  it('offers the French rates', () => {
    expect([...VAT_RATES]).toEqual(['20', '10', '5.5', '2.1', '0']);
  });
});

describe('linesInclVat', () => {
  it('splits each rate’s VAT over its lines, largest remainder first, so the lines add up to the total TTC to the cent', () => {
    // Three lines of 0.05 € at 20 %: VAT once on 0.15 € = 0.03 €, a cent to each line.
    const lines = [line('1', '0.05'), line('1', '0.05'), line('1', '0.05')];
    const totals = computeTotals(lines, { vatFranchise: false });
    expect(totals.totalCents).toBe(18);
    expect(linesInclVat(lines, totals)).toEqual([
      { unitPriceCents: 6, totalCents: 6 },
      { unitPriceCents: 6, totalCents: 6 },
      { unitPriceCents: 6, totalCents: 6 },
    ]);
    // 10.05 € × 3 at 20 % and 2.5 × 18.1234 € at 5.5 %: unit prices TTC 12.06 € and 19.12 €.
    const mixed = [line('3', '10.05'), line('2.5', '18.1234', '5.5'), line('1', '0.10', '5.5')];
    const mixedTotals = computeTotals(mixed, { vatFranchise: false });
    const ttc = linesInclVat(mixed, mixedTotals);
    expect(ttc.map((l) => l.unitPriceCents)).toEqual([1206, 1912, 11]);
    // 20 %: 30.15 + 6.03. 5.5 %: base 45.41, VAT 2.50 split 249.45 ¢ and 0.55 ¢: floors 249 and 0, the cent left to the larger remainder (0.55).
    expect(ttc.map((l) => l.totalCents)).toEqual([3618, 4780, 11]);
    expect(ttc.reduce((sum, l) => sum + l.totalCents, 0)).toBe(mixedTotals.totalCents);
  });

  it('gives a discount its (negative) share, and under the franchise the nets themselves', () => {
    const lines = [line('1', '100'), line('1', '-10', '20', { kind: 'discount', description: 'Remise' })];
    const totals = computeTotals(lines, { vatFranchise: false });
    expect(linesInclVat(lines, totals)).toEqual([
      { unitPriceCents: 12000, totalCents: 12000 },
      { unitPriceCents: -1200, totalCents: -1200 },
    ]);
    const franchise = computeTotals([line('2', '12.345')], { vatFranchise: true });
    expect(linesInclVat([line('2', '12.345')], franchise)).toEqual([{ unitPriceCents: 1235, totalCents: 2469 }]);
  });
});
