import { apiLines, centsText, decimalInput, type EditorLine, lineIndexOf, liveTotals, operationOf, supplyBody } from './invoice-draft';

const line = (overrides: Partial<EditorLine>): EditorLine => ({
  key: 'a',
  catalogueItemId: null,
  description: 'Buffet',
  quantity: '1',
  unit: 'hour',
  unitPrice: '100',
  vatRate: '20',
  exemptionReason: '',
  nature: 'service',
  ...overrides,
});

describe('the invoice editor live totals', () => {
  it('computes two VAT rates by the server rules: VAT once per rate on the rounded base', () => {
    const result = liveTotals([line({ quantity: '3', unitPrice: '33,333' }), line({ key: 'b', quantity: '2', unitPrice: '10.55', vatRate: '5.5' })], false);
    if (!result.ok) throw new Error(result.reason);
    // 3 × 33.333 = 99.999 → 100.00; 2 × 10.55 = 21.10; VAT 20.00 + 1.16 (21.10 × 5.5 % = 1.1605).
    expect(result.totals.vatBreakdown.map((g) => [g.rate, g.baseCents, g.vatCents])).toEqual([
      ['20', 10000, 2000],
      ['5.5', 2110, 116],
    ]);
    expect([result.totals.netCents, result.totals.vatCents, result.totals.totalCents]).toEqual([12110, 2116, 14226]);
  });

  it('names the line and the field that stops the totals, as the API would', () => {
    expect(liveTotals([line({}), line({ key: 'b', quantity: '0' })], false)).toEqual({ ok: false, field: 'lines[1].quantity', reason: 'quantity' });
    expect(liveTotals([line({ unitPrice: '12.34567' })], false)).toMatchObject({ field: 'lines[0].unitPrice', reason: 'unitPrice' });
    expect(liveTotals([line({ description: ' ' })], false)).toMatchObject({ reason: 'description' });
    expect(liveTotals([line({ vatRate: '0' })], false)).toMatchObject({ reason: 'exemptionReason' });
    expect(liveTotals([], false)).toMatchObject({ reason: 'noLines' });
  });

  it('charges no VAT under the franchise en base', () => {
    const result = liveTotals([line({})], true);
    expect(result.ok && [result.totals.vatCents, result.totals.vatExemptionNote]).toEqual([0, 'TVA non applicable, art. 293 B du CGI']);
  });

  it('reads French decimals and sends the API its decimal strings', () => {
    expect(decimalInput(' 1\u202f234,5 ')).toBe('1234.5');
    expect(apiLines([line({ catalogueItemId: 'c1', unitPrice: '12,5' }), line({ key: 'b', vatRate: '0', exemptionReason: ' VATEX-EU-132 ' })])).toEqual([
      { catalogueItemId: 'c1', description: 'Buffet', quantity: '1', unit: 'hour', unitPrice: '12.5', vatRate: '20', nature: 'service' },
      { description: 'Buffet', quantity: '1', unit: 'hour', unitPrice: '100', vatRate: '0', exemptionReason: 'VATEX-EU-132', nature: 'service' },
    ]);
  });

  it('shows the nature of the operation the lines give, and sends the delivery address with goods only', () => {
    const goods = line({ key: 'g', nature: 'goods' });
    expect([operationOf([line({})]), operationOf([goods]), operationOf([line({}), goods])]).toEqual(['services', 'goods', 'mixed']);
    const form = { supplyDate: ' 2026-11-20 ', deliveryStartsOn: '', deliveryEndsOn: '', deliveryAddress: ' 3 quai du Port ' };
    expect(supplyBody(form, [goods])).toEqual({ supplyDate: '2026-11-20', deliveryStartsOn: null, deliveryEndsOn: null, deliveryAddress: '3 quai du Port' });
    expect(supplyBody(form, [line({})]).deliveryAddress).toBeNull();
  });

  it('finds the line an API field names and writes cents as decimal strings', () => {
    expect(lineIndexOf('lines[3].unitPrice')).toBe(3);
    expect(lineIndexOf('clientId')).toBeNull();
    expect(centsText(123456)).toBe('1234.56');
    expect(centsText(-5)).toBe('-0.05');
  });
});
