import fc from 'fast-check';
import { DomainError, formatCents } from '@kpa/contracts';
import { invoiceTotals, toRateAmounts } from './invoice';
import {
  Balance,
  creditableCents,
  outstandingCents,
  owedCents,
  owedNetCents,
  planPayment,
  planRefund,
  refundDueCents,
  refundDueNetCents,
  remainingNetCents,
} from './invoice-payments';
import { CreditState, planCreditNote } from './credit-note';
import { balanceOf, line, TODAY } from './invoice.test-helpers';
import { refusalOf } from '@kpa/testing/refusal';

/** The invariants that keep an invoice's net consistent with its amount (what payments and refunds split). */
function expectConsistent(b: Balance): void {
  expect(Math.sign(owedNetCents(b))).toBe(Math.sign(owedCents(b)));
  expect(remainingNetCents(b)).toBeLessThanOrEqual(outstandingCents(b));
  expect(refundDueNetCents(b)).toBeLessThanOrEqual(refundDueCents(b));
}

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

  it('refuses more than remains at a rate, a rate the invoice does not have, more than is left to credit, a draft, a deducted deposit', () => {
    expect(refusalOf(() => planCreditNote(state, { lines: [line('200.01', '20')] }, label))).toMatchObject({
      code: 'CREDIT_EXCEEDS_INVOICE',
      details: { rate: '20', creditable: '200.00' },
    });
    expect(refusalOf(() => planCreditNote(state, { lines: [line('1', '5.5')] }, label)).code).toBe('CREDIT_EXCEEDS_INVOICE');
    const paid = planPayment({ status: 'issued', issuedOn: TODAY, balance: state.balance }, { amount: '100', receivedOn: TODAY, method: 'cash' }, TODAY);
    const partlyPaid = { ...state, status: paid.status, balance: paid.balance };
    expect(planCreditNote(partlyPaid, { lines: [line('100', '20')] }, label)).toMatchObject({ status: 'partially_paid', refundDueCents: 0, refundDueNetCents: 0 });
    const all = planCreditNote(partlyPaid, { full: true, lines: null }, label);
    expect(refusalOf(() => planCreditNote({ ...partlyPaid, balance: all.balance, creditedRates: all.rates }, { lines: [line('0.01', '20')] }, label))).toMatchObject({
      code: 'CREDIT_EXCEEDS_INVOICE',
      details: { creditable: '0.00' },
    });
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
              expect(p.netCents).toBeGreaterThanOrEqual(0);
              expect(p.netCents).toBeLessThanOrEqual(p.amountCents);
              s = { ...s, status: p.status, balance: p.balance };
              paidOnce = true;
            }
            if (creditableCents(s.balance) === 0) break;
            try {
              const plan = planCreditNote(s, { lines: [line(formatCents(c), i % 2 === 0 ? '20' : '5.5')] }, label);
              s = { ...s, status: plan.status, balance: plan.balance, creditedRates: [...s.creditedRates, ...plan.rates] };
            } catch (error) {
              expect((error as DomainError).code).toBe('CREDIT_EXCEEDS_INVOICE');
            }
            expect(outstandingCents(s.balance)).toBeGreaterThanOrEqual(0);
            expect(remainingNetCents(s.balance)).toBeGreaterThanOrEqual(0);
            expect(refundDueCents(s.balance)).toBeLessThanOrEqual(s.balance.paidCents);
            expect(outstandingCents(s.balance) === 0 || refundDueCents(s.balance) === 0).toBe(true);
            expectConsistent(s.balance);
          }
          const due = refundDueCents(s.balance);
          if (due > 0) {
            const r = planRefund({ status: s.status, issuedOn: TODAY, balance: s.balance }, { amount: formatCents(due), refundedOn: TODAY, method: 'transfer' }, TODAY);
            expect(r.netCents).toBeGreaterThanOrEqual(0);
            expect(r.netCents).toBeLessThanOrEqual(r.amountCents);
            s = { ...s, status: r.status, balance: r.balance };
            expect(refundDueCents(s.balance)).toBe(0);
          }
          const left = outstandingCents(s.balance);
          if (left > 0) {
            const p = planPayment({ status: s.status, issuedOn: TODAY, balance: s.balance }, { amount: formatCents(left), receivedOn: TODAY, method: 'card' }, TODAY);
            expect(p.netCents).toBeGreaterThanOrEqual(0);
            expect(p.netCents).toBeLessThanOrEqual(p.amountCents);
            s = { ...s, status: p.status, balance: p.balance };
          }
          expect(outstandingCents(s.balance)).toBe(0);
          expect(owedNetCents(s.balance)).toBe(0);
          // What the client keeps paid, net, is exactly the net that was not credited.
          expect(s.balance.paidNetCents - s.balance.refundedNetCents).toBe(s.balance.netCents - s.balance.creditedNetCents);
          expect(s.balance.paidCents - s.balance.refundedCents).toBe(s.balance.totalCents - s.balance.creditedCents);
        },
      ),
    );
  });

  describe('on a partly paid invoice with two VAT rates: the net left to pay stays consistent with the amount', () => {
    const mixed = (a: string, b: string): CreditState => {
      const ls = [line(a, '20'), line(b, '5.5')];
      const t = invoiceTotals(ls, false).totals;
      return { ...state, lines: ls, balance: balanceOf(t), rates: toRateAmounts(t.vatBreakdown), creditedRates: [] };
    };
    const pay = (s: CreditState, amount: string) => {
      const p = planPayment({ status: s.status, issuedOn: TODAY, balance: s.balance }, { amount, receivedOn: TODAY, method: 'transfer' }, TODAY);
      return { plan: p, state: { ...s, status: p.status, balance: p.balance } };
    };
    const credit = (s: CreditState, input: { full?: boolean; lines: ReturnType<typeof line>[] | null }) => {
      const plan = planCreditNote(s, input, label);
      return { plan, state: { ...s, status: plan.status, balance: plan.balance, creditedRates: [...s.creditedRates, ...plan.rates] } };
    };

    it('100 HT at 20 % + 100 HT at 5.5 %, 120.00 paid: crediting the 5.5 % line whole is refused (the payment paid 13.57 of VAT, not 20.00); the 20 % line or all of it can be', () => {
      const paid = pay(mixed('100', '100'), '120');
      expect(paid.plan).toMatchObject({ amountCents: 12000, netCents: 10643 }); // 120.00 × 200.00 / 225.50
      expect(owedCents(paid.state.balance)).toBe(10550);
      expect(owedNetCents(paid.state.balance)).toBe(9357); // VAT left to pay: 11.93
      const refusal = refusalOf(() => planCreditNote(paid.state, { lines: [line('100', '5.5')] }, label));
      expect(refusal).toMatchObject({ code: 'CREDIT_EXCEEDS_INVOICE', details: { rate: '5.5', creditable: '93.57', owedNet: '93.57', owedVat: '11.93' } });
      expect(refusal.message).toContain('at VAT rate 5.5 % credit at most 93.57 excluding VAT; or cancel all that remains with full: true');

      // At most 93.57 at 5.5 % (VAT 5.15): 6.78 left to pay, all of it VAT.
      const most = credit(paid.state, { lines: [line('93.57', '5.5')] });
      expect(most.plan).toMatchObject({ netCents: 9357, vatCents: 515, refundDueCents: 0, refundDueNetCents: 0, status: 'partially_paid' });
      expect([outstandingCents(most.state.balance), remainingNetCents(most.state.balance)]).toEqual([678, 0]);
      expect(pay(most.state, '6.78').plan).toMatchObject({ netCents: 0, settles: true });

      // The whole 20 % line (120.00, net 100.00): 14.50 due back, carrying 6.43 of net; the client keeps 105.50, net 100.00 (the 5.5 % line).
      const line20 = credit(paid.state, { lines: [line('100', '20')] });
      expect(line20.plan).toMatchObject({ totalCents: 12000, netCents: 10000, refundDueCents: 1450, refundDueNetCents: 643, status: 'paid' });
      const refund = planRefund({ status: 'paid', issuedOn: TODAY, balance: line20.state.balance }, { amount: '14.50', refundedOn: TODAY, method: 'transfer' }, TODAY);
      expect(refund).toMatchObject({ netCents: 643, status: 'paid' });
      expect(refund.balance.paidNetCents - refund.balance.refundedNetCents).toBe(10000);

      // Everything: 120.00 due back with all the net it paid.
      expect(credit(paid.state, { full: true, lines: null }).plan).toMatchObject({ totalCents: 22550, refundDueCents: 12000, refundDueNetCents: 10643 });
    });

    it('counterexample of the property: 0.73 HT at 20 % + 5306.82 HT at 5.5 %, 0.01 credited, 3711.77 paid: 1789.37 at 5.5 % is refused, 1789.35 or from 1789.91 is accepted', () => {
      const first = credit(mixed('0.73', '5306.82'), { lines: [line('0.01', '20')] });
      expect(first.plan).toMatchObject({ netCents: 1, vatCents: 0 });
      const paid = pay(first.state, '3711.77');
      expect(paid.plan.netCents).toBe(351819); // 3711.77 × 5307.54 / 5599.57
      expect([owedCents(paid.state.balance), owedNetCents(paid.state.balance)]).toEqual([188780, 178935]); // VAT left to pay: 98.45

      // 1789.37 HT + 98.42 VAT = 1887.79: 0.01 would be left to pay while 0.02 of net would be due back.
      const refusal = refusalOf(() => planCreditNote(paid.state, { lines: [line('1789.37', '5.5')] }, label));
      expect(refusal).toMatchObject({ code: 'CREDIT_EXCEEDS_INVOICE', details: { rate: '5.5', creditable: '1789.35', owedNet: '1789.35', owedVat: '98.45' } });
      expect(refusal.message).toContain(
        'at VAT rate 5.5 % credit at most 1789.35 excluding VAT, or from 1789.91 to 5306.82 (all that is left to pay and beyond: the excess is due back to the client)',
      );

      // 1789.35 + 98.41: 0.04 left to pay, no net; the settling payment takes it.
      const within = credit(paid.state, { lines: [line('1789.35', '5.5')] });
      expect(within.plan).toMatchObject({ totalCents: 188776, refundDueCents: 0, status: 'partially_paid' });
      const settled = pay(within.state, '0.04');
      expect(settled.plan).toMatchObject({ netCents: 0, settles: true, status: 'paid' });
      expect(settled.state.balance.paidNetCents).toBe(settled.state.balance.netCents - settled.state.balance.creditedNetCents);

      // 1789.91 + 98.45 = 1888.36: all that was left to pay and 0.56 due back, all of it net.
      const beyond = credit(paid.state, { lines: [line('1789.91', '5.5')] });
      expect(beyond.plan).toMatchObject({ totalCents: 188836, refundDueCents: 56, refundDueNetCents: 56, status: 'paid' });
      const refund = planRefund({ status: 'paid', issuedOn: TODAY, balance: beyond.state.balance }, { amount: '0.56', refundedOn: TODAY, method: 'transfer' }, TODAY);
      expect(refund.balance.paidNetCents - refund.balance.refundedNetCents).toBe(refund.balance.netCents - refund.balance.creditedNetCents);
      expect(refusalOf(() => planCreditNote(paid.state, { lines: [line('1789.90', '5.5')] }, label)).code).toBe('CREDIT_EXCEEDS_INVOICE');
    });
  });

  describe('on a paid part: the excess is due back to the client, and a refund settles it', () => {
    const paidInFull = () => {
      const p = planPayment({ status: 'issued', issuedOn: TODAY, balance: state.balance }, { amount: '295', receivedOn: TODAY, method: 'transfer' }, TODAY);
      return { ...state, status: p.status, balance: p.balance };
    };

    it('a commercial gesture on a paid invoice: 60.00 due back, the invoice stays paid, outstanding 0; the refund settles it', () => {
      const paid = paidInFull();
      const gesture = planCreditNote(paid, { lines: [line('50', '20', '1', 'Geste commercial')] }, label);
      expect(gesture).toMatchObject({ totalCents: 6000, netCents: 5000, refundDueCents: 6000, refundDueNetCents: 5000, status: 'paid' });
      expect(outstandingCents(gesture.balance)).toBe(0);
      expect(refundDueCents(gesture.balance)).toBe(6000);
      const half = planRefund({ status: 'paid', issuedOn: TODAY, balance: gesture.balance }, { amount: '20.01', refundedOn: TODAY, method: 'cheque' }, TODAY);
      expect(half).toMatchObject({ amountCents: 2001, netCents: 1668, status: 'paid' }); // 20.01 × 50/60 = 16.675 → 16.68
      const rest = planRefund({ status: 'paid', issuedOn: TODAY, balance: half.balance }, { amount: '39.99', refundedOn: TODAY, method: 'cheque' }, TODAY);
      expect(rest).toMatchObject({ amountCents: 3999, netCents: 5000 - 1668, status: 'paid' });
      expect(refundDueCents(rest.balance)).toBe(0);
      expect(outstandingCents(rest.balance)).toBe(0);
    });

    it('a partly paid invoice credited beyond its unpaid part: the unpaid part is cancelled first, the rest is due back', () => {
      const p = planPayment({ status: 'issued', issuedOn: TODAY, balance: state.balance }, { amount: '200', receivedOn: TODAY, method: 'cash' }, TODAY);
      const credited = planCreditNote({ ...state, status: p.status, balance: p.balance }, { lines: [line('100', '20')] }, label); // 120.00, unpaid 95.00
      expect(credited).toMatchObject({ totalCents: 12000, refundDueCents: 2500, status: 'paid' });
      expect(outstandingCents(credited.balance)).toBe(0);
    });

    it('full on a paid invoice: all of it is due back; once refunded the invoice is cancelled', () => {
      const full = planCreditNote(paidInFull(), { full: true, lines: null }, label);
      expect(full).toMatchObject({ totalCents: 29500, refundDueCents: 29500, refundDueNetCents: 25000, status: 'paid' });
      const refund = planRefund({ status: 'paid', issuedOn: TODAY, balance: full.balance }, { amount: '295', refundedOn: TODAY, method: 'transfer' }, TODAY);
      expect(refund).toMatchObject({ netCents: 25000, status: 'cancelled' });
    });

    it('refuses a refund above what is due (422 with the amount due), with nothing due, a bad amount, method or date, on a draft', () => {
      const gesture = planCreditNote(paidInFull(), { lines: [line('50', '20')] }, label);
      const refund = (input: Record<string, unknown>, balance = gesture.balance, status: 'paid' | 'draft' | 'issued' = 'paid') =>
        refusalOf(() => planRefund({ status, issuedOn: status === 'draft' ? null : '2026-11-02', balance }, { amount: '10', refundedOn: TODAY, method: 'cash', ...input }, TODAY));
      expect(refund({ amount: '60.01' })).toMatchObject({ code: 'REFUND_EXCEEDS_AMOUNT_DUE', details: { field: 'amount', refundDue: '60.00' } });
      expect(refund({}, state.balance, 'issued')).toMatchObject({ code: 'REFUND_EXCEEDS_AMOUNT_DUE', details: { refundDue: '0.00' } });
      expect(refund({}, state.balance, 'draft').code).toBe('INVOICE_NOT_ISSUED');
      expect(refund({ amount: '0' }).details).toEqual({ field: 'amount' });
      expect(refund({ amount: 10 }).details).toEqual({ field: 'amount' });
      expect(refund({ method: 'voucher' }).details).toEqual({ field: 'method' });
      expect(refund({ refundedOn: '2026-11-23' }).details).toEqual({ field: 'refundedOn' });
      expect(refund({ refundedOn: '2026-11-01' }).details).toEqual({ field: 'refundedOn' });
      expect(refund({ refundedOn: undefined }).details).toEqual({ field: 'refundedOn' });
    });

    it('a payment cannot be recorded while a refund is due (nothing is owed)', () => {
      const gesture = planCreditNote(paidInFull(), { lines: [line('50', '20')] }, label);
      expect(refusalOf(() => planPayment({ status: 'paid', issuedOn: TODAY, balance: gesture.balance }, { amount: '0.01', receivedOn: TODAY, method: 'cash' }, TODAY)).code).toBe(
        'PAYMENT_EXCEEDS_BALANCE',
      );
    });
  });
});
