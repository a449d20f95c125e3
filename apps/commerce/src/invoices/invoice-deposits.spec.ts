import fc from 'fast-check';
import { formatCents } from '@kpa/contracts';
import { invoiceTotals } from './invoice';
import { checkDeposits, checkDepositsFit, DepositCandidate, depositLines, splitProportionally } from './invoice-deposits';
import { CLIENT, line, QUOTE } from './invoice.test-helpers';
import { refusalOf } from '@kpa/testing/refusal';

describe('deposit and final invoices', () => {
  const quote = { number: 'LACAPE-D-2026-00001', lines: [line('18.1234', '5.5', '2.5'), line('15', '20'), line('100', '10', '3')] };

  it('a deposit of 30 % of a quote: one line per VAT rate, exact cents, VAT charged', () => {
    const lines = depositLines(quote, { depositPercent: '30' });
    // quote net: 45.31 (5.5 %) + 15.00 (20 %) + 300.00 (10 %) = 360.31; 30 % = 108.09 (108.093 rounded)
    expect(lines.map((l) => [l.vatRate, l.unitPrice])).toEqual([
      ['20', '4.50'],
      ['10', '90.00'],
      ['5.5', '13.59'],
    ]);
    expect(lines[0].description).toBe('Acompte de 30 % sur le devis LACAPE-D-2026-00001 (part à 20 %)');
    const { totals } = invoiceTotals(lines, false);
    expect(totals.net).toBe('108.09');
    expect(totals.vat).toBe('10.65'); // 0.90 + 9.00 + 0.75
    expect(lines.every((l) => l.unit === 'flat_rate' && l.quantity === '1')).toBe(true);
  });

  it('a deposit follows the quote’s nature of the operation: goods, or goods and services split at a shared rate', () => {
    const goods = { ...line('60', '20'), nature: 'goods' as const };
    expect(depositLines({ number: null, lines: [goods] }, { depositPercent: '50' })).toEqual([
      expect.objectContaining({ description: 'Acompte de 50 %', unitPrice: '30.00', nature: 'goods' }),
    ]);
    const mixed = depositLines({ number: null, lines: [goods, line('40', '20')] }, { depositPercent: '50' });
    expect(mixed.map((l) => [l.description, l.unitPrice, l.nature])).toEqual([
      ['Acompte de 50 % (services)', '20.00', 'service'],
      ['Acompte de 50 % (biens)', '30.00', 'goods'],
    ]);
    expect(invoiceTotals(mixed, false).totals.net).toBe('50.00');
  });

  it('a deposit of an amount excluding VAT, and the refusals', () => {
    const lines = depositLines({ number: null, lines: [line('100', '20')] }, { depositAmount: '40' });
    expect(lines).toEqual([
      { description: 'Acompte', quantity: '1', unit: 'flat_rate', unitPrice: '40.00', vatRate: '20', exemptionReason: null, catalogueItemId: null, nature: 'service' },
    ]);
    expect(depositLines({ number: null, lines: [line('100', '20')] }, { depositPercent: '12.5' })[0].description).toBe('Acompte de 12,5 %');
    expect(refusalOf(() => depositLines(quote, {})).details).toEqual({ field: 'depositPercent' });
    expect(refusalOf(() => depositLines(quote, { depositPercent: '30', depositAmount: '10' })).code).toBe('VALIDATION_FAILED');
    expect(refusalOf(() => depositLines(quote, { depositPercent: '0' })).code).toBe('VALIDATION_FAILED');
    expect(refusalOf(() => depositLines(quote, { depositPercent: '100.01' })).code).toBe('VALIDATION_FAILED');
    expect(refusalOf(() => depositLines(quote, { depositAmount: '1000' })).details).toEqual({ field: 'depositAmount' });
  });

  it('property: a deposit splits exactly its net over the quote’s rates, never more than a rate’s base', () => {
    const rates = ['20', '10', '5.5', '2.1'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ cents: fc.integer({ min: 1, max: 10_000_000 }), rate: fc.constantFrom(...rates) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 10000 }),
        (quoteLines, hundredths) => {
          const lines = quoteLines.map((l) => line(formatCents(l.cents), l.rate));
          const percent = `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
          const quoteNet = quoteLines.reduce((s, l) => s + l.cents, 0);
          const expected = Number((BigInt(quoteNet) * BigInt(hundredths) * 2n + 10000n) / 20000n);
          if (expected === 0) return;
          const deposit = depositLines({ number: null, lines }, { depositPercent: percent });
          const shares = deposit.map((l) => Math.round(Number(l.unitPrice) * 100));
          expect(shares.reduce((s, c) => s + c, 0)).toBe(expected);
          for (const l of deposit) {
            const base = quoteLines.filter((q) => q.rate === l.vatRate).reduce((s, q) => s + q.cents, 0);
            expect(Math.round(Number(l.unitPrice) * 100)).toBeLessThanOrEqual(base);
          }
        },
      ),
    );
  });

  it('property: splitProportionally sums to the target and gives each weight its floor or floor + 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 10 }), (target, weights) => {
        const total = weights.reduce((s, w) => s + w, 0);
        if (total === 0) return;
        const shares = splitProportionally(target, weights);
        expect(shares.reduce((s, v) => s + v, 0)).toBe(target);
        shares.forEach((share, i) => {
          const floor = Number((BigInt(target) * BigInt(weights[i])) / BigInt(total));
          expect(share === floor || share === floor + 1).toBe(true);
        });
      }),
    );
  });

  const depositTotals = invoiceTotals(depositLines({ number: 'Q', lines: [line('1000', '20')] }, { depositPercent: '30' }), false).totals;
  const deposit: DepositCandidate = {
    id: '0190a000-0000-7000-8000-0000000000a1',
    kind: 'deposit',
    status: 'paid',
    clientId: CLIENT,
    quoteId: QUOTE,
    number: 'LACAPE-F-2026-00001',
    issuedOn: '2026-11-01',
    creditedCents: 0,
    deductedByInvoiceId: null,
    totals: depositTotals,
  };
  const final = { id: '0190a000-0000-7000-8000-0000000000f1', clientId: CLIENT, quoteId: QUOTE };

  it('a final invoice deducts its deposit invoices: amount due = total − deposits', () => {
    const deposits = checkDeposits(final, [deposit.id], [deposit]);
    expect(deposits).toEqual([
      { invoiceId: deposit.id, number: deposit.number, issuedOn: '2026-11-01', net: '300.00', vat: '60.00', total: '360.00', vatBreakdown: depositTotals.vatBreakdown },
    ]);
    const { totals } = invoiceTotals([line('1000', '20')], false, deposits);
    expect(totals).toMatchObject({ total: '1200.00', depositsDeducted: '360.00', amountDue: '840.00' });
    expect(() => checkDepositsFit(totals.vatBreakdown, deposits)).not.toThrow();
    expect(refusalOf(() => checkDepositsFit(invoiceTotals([line('1000', '10')], false).totals.vatBreakdown, deposits)).code).toBe('DEPOSIT_INVOICE_INVALID');
    expect(refusalOf(() => invoiceTotals([line('100', '20')], false, deposits)).code).toBe('DEPOSIT_INVOICE_INVALID');
  });

  it('refuses deposits that are not issued deposit invoices of the same client and quote, or already deducted', () => {
    const code = (candidate: Partial<DepositCandidate>) => refusalOf(() => checkDeposits(final, [deposit.id], [{ ...deposit, ...candidate }])).code;
    expect(refusalOf(() => checkDeposits(final, [], [])).code).toBe('DEPOSIT_INVOICE_INVALID');
    expect(refusalOf(() => checkDeposits(final, [deposit.id], [])).code).toBe('DEPOSIT_INVOICE_INVALID');
    expect(code({ kind: 'standard' })).toBe('DEPOSIT_INVOICE_INVALID');
    expect(code({ status: 'draft', number: null, issuedOn: null })).toBe('DEPOSIT_INVOICE_INVALID');
    expect(code({ status: 'cancelled' })).toBe('DEPOSIT_INVOICE_INVALID');
    expect(code({ creditedCents: 100 })).toBe('DEPOSIT_INVOICE_INVALID');
    expect(code({ clientId: QUOTE })).toBe('DEPOSIT_INVOICE_INVALID');
    expect(code({ quoteId: null })).toBe('DEPOSIT_INVOICE_INVALID');
    expect(code({ deductedByInvoiceId: '0190a000-0000-7000-8000-0000000000f2' })).toBe('DEPOSIT_ALREADY_DEDUCTED');
    expect(checkDeposits(final, [deposit.id], [{ ...deposit, deductedByInvoiceId: final.id }])).toHaveLength(1);
  });
});
