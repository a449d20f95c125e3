import fc from 'fast-check';
import { DomainError, formatCents } from '@kpa/contracts';
import { invoiceTotals, toRateAmounts } from './invoice';
import { outstandingCents, planPayment, remainingNetCents } from './invoice-payments';
import { CreditState, planCreditNote } from './credit-note';
import { balanceOf, line, TODAY } from './invoice.test-helpers';
import { refusalOf } from '@kpa/testing/refusal';

describe('credit notes', () => {
  const lines = [line('100', '20', '2', 'Jardinage'), line('50', '10', '1', 'Taille de haie')];
  const totals = invoiceTotals(lines, false).totals; // net 250, VAT 40 + 5, total 295
  const state: CreditState = {
    status: 'issued',
    number: 'LACAPE-F-2026-00003',
    vatFranchise: false,
    lines,
    balance: balanceOf(totals),
    rates: toRateAmounts(totals.vatBreakdown),
    depositRates: [],
    creditedRates: [],
    deductedByNumber: null,
  };
  const label = 'Annulation de la facture LACAPE-F-2026-00003';

  it('full: cancels the whole unpaid invoice with its own lines; the invoice ends cancelled', () => {
    const plan = planCreditNote(state, { full: true, lines: null }, label);
    expect(plan).toMatchObject({ full: true, lines, totalCents: 29500, netCents: 25000, vatCents: 4500, status: 'cancelled' });
    expect(plan.totals.vatBreakdown).toEqual(totals.vatBreakdown);
    expect(outstandingCents(plan.balance)).toBe(0);
  });

  it('partial then full: the full one takes exactly what remains per rate, and the invoice is cancelled at 0.00', () => {
    const partial = planCreditNote(state, { lines: [line('33.33', '20', '1', 'Jardinage (geste)')] }, label);
    expect(partial).toMatchObject({ full: false, netCents: 3333, vatCents: 667, totalCents: 4000, status: 'issued' });
    const after: CreditState = { ...state, balance: partial.balance, creditedRates: partial.rates };
    const full = planCreditNote(after, { full: true, lines: null }, label);
    expect(full.lines.map((l) => [l.vatRate, l.unitPrice, l.description])).toEqual([
      ['20', '166.67', `${label} (part à 20 %)`],
      ['10', '50.00', `${label} (part à 10 %)`],
    ]);
    expect(full).toMatchObject({ netCents: 21667, vatCents: 3333 + 500, totalCents: 25500, status: 'cancelled' });
    expect(outstandingCents(full.balance)).toBe(0);
    expect(refusalOf(() => planCreditNote({ ...after, balance: full.balance, status: 'cancelled' }, { full: true, lines: null }, label)).code).toBe('CREDIT_EXCEEDS_INVOICE');
  });

  it('refuses more than remains at a rate, a rate the invoice does not have, a full credit of a partly paid invoice, a draft, a deducted deposit', () => {
    expect(refusalOf(() => planCreditNote(state, { lines: [line('200.01', '20')] }, label))).toMatchObject({
      code: 'CREDIT_EXCEEDS_INVOICE',
      details: { rate: '20', creditable: '200.00' },
    });
    expect(refusalOf(() => planCreditNote(state, { lines: [line('1', '5.5')] }, label)).code).toBe('CREDIT_EXCEEDS_INVOICE');
    const paid = planPayment({ status: 'issued', issuedOn: TODAY, balance: state.balance }, { amount: '100', receivedOn: TODAY, method: 'cash' }, TODAY);
    const partlyPaid = { ...state, status: paid.status, balance: paid.balance };
    expect(refusalOf(() => planCreditNote(partlyPaid, { full: true, lines: null }, label)).code).toBe('CREDIT_EXCEEDS_INVOICE');
    expect(refusalOf(() => planCreditNote(partlyPaid, { lines: [line('200', '20')] }, label)).message).toContain('exceeds what is left');
    expect(planCreditNote(partlyPaid, { lines: [line('100', '20')] }, label).status).toBe('partially_paid');
    expect(refusalOf(() => planCreditNote({ ...state, status: 'draft' }, { full: true, lines: null }, label)).code).toBe('INVOICE_NOT_ISSUED');
    expect(refusalOf(() => planCreditNote({ ...state, deductedByNumber: 'LACAPE-F-2026-00009' }, { full: true, lines: null }, label)).code).toBe('DEPOSIT_ALREADY_DEDUCTED');
    expect(refusalOf(() => planCreditNote(state, { lines: null }, label)).details).toEqual({ field: 'lines' });
    expect(refusalOf(() => planCreditNote(state, { full: true, lines: [line('1')] }, label)).details).toEqual({ field: 'lines' });
    expect(refusalOf(() => planCreditNote(state, { lines: [line('0')] }, label)).details).toEqual({ field: 'lines' });
  });

  it('property: credit notes then payments never go below zero, and payments settle exactly the net that was not credited', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 500_000 }), { maxLength: 4 }),
        fc.integer({ min: 1, max: 600_000 }),
        (a, b, credits, payment) => {
          const ls = [line(formatCents(a), '20'), line(formatCents(b), '5.5')];
          const t = invoiceTotals(ls, false).totals;
          let s: CreditState = { ...state, lines: ls, balance: balanceOf(t), rates: toRateAmounts(t.vatBreakdown), creditedRates: [] };
          let paidOnce = false;
          for (const [i, c] of credits.entries()) {
            if (i === 1 && !paidOnce && payment <= outstandingCents(s.balance)) {
              const p = planPayment({ status: s.status, issuedOn: TODAY, balance: s.balance }, { amount: formatCents(payment), receivedOn: TODAY, method: 'card' }, TODAY);
              s = { ...s, status: p.status, balance: p.balance };
              paidOnce = true;
            }
            if (outstandingCents(s.balance) === 0) break;
            try {
              const plan = planCreditNote(s, { lines: [line(formatCents(c), i % 2 === 0 ? '20' : '5.5')] }, label);
              s = { ...s, status: plan.status, balance: plan.balance, creditedRates: [...s.creditedRates, ...plan.rates] };
            } catch (error) {
              expect((error as DomainError).code).toBe('CREDIT_EXCEEDS_INVOICE');
            }
            expect(outstandingCents(s.balance)).toBeGreaterThanOrEqual(0);
            expect(remainingNetCents(s.balance)).toBeGreaterThanOrEqual(0);
          }
          const left = outstandingCents(s.balance);
          if (left > 0) {
            const p = planPayment({ status: s.status, issuedOn: TODAY, balance: s.balance }, { amount: formatCents(left), receivedOn: TODAY, method: 'card' }, TODAY);
            s = { ...s, status: p.status, balance: p.balance };
          }
          expect(outstandingCents(s.balance)).toBe(0);
          expect(s.balance.paidNetCents).toBe(s.balance.netCents - s.balance.creditedNetCents);
        },
      ),
    );
  });
});
