import fc from 'fast-check';
import { addDays, formatCents, InvoiceStatus } from '@kpa/contracts';
import { InvoiceLineData, invoiceTotals } from './invoice';
import { Balance, outstandingCents, planPayment, remainingNetCents } from './invoice-payments';
import { balanceOf, line, TODAY } from './invoice.test-helpers';
import { refusalOf } from '@kpa/testing/refusal';

describe('payments', () => {
  const totals = invoiceTotals([line('100', '20'), line('33.33', '5.5')], false).totals; // net 133.33, VAT 20.00 + 1.83, total 155.16
  const issued: { status: InvoiceStatus; issuedOn: string | null; balance: Balance } = { status: 'issued', issuedOn: '2026-11-02', balance: balanceOf(totals) };

  it('40 % then the rest: partially paid, then paid; the net shares add up to the net', () => {
    expect(totals.total).toBe('155.16');
    const first = planPayment(issued, { amount: '62.06', receivedOn: '2026-11-10', method: 'transfer' }, TODAY);
    expect(first).toMatchObject({ amountCents: 6206, netCents: 5333, status: 'partially_paid', settles: false });
    expect(outstandingCents(first.balance)).toBe(9310);
    const over = refusalOf(() => planPayment({ ...issued, status: first.status, balance: first.balance }, { amount: '93.11', receivedOn: TODAY, method: 'cheque' }, TODAY));
    expect(over).toMatchObject({ code: 'PAYMENT_EXCEEDS_BALANCE', details: { outstanding: '93.10' } });
    const rest = planPayment({ ...issued, status: first.status, balance: first.balance }, { amount: '93.10', receivedOn: TODAY, method: 'card' }, TODAY);
    expect(rest).toMatchObject({ status: 'paid', settles: true, netCents: 13333 - 5333 });
    expect(refusalOf(() => planPayment({ ...issued, status: 'paid', balance: rest.balance }, { amount: '0.01', receivedOn: TODAY, method: 'cash' }, TODAY)).code).toBe(
      'PAYMENT_EXCEEDS_BALANCE',
    );
  });

  it('refuses a draft (409), a zero or malformed amount, an unknown method, a date in the future or before the issue', () => {
    const pay = (input: Record<string, unknown>, invoice = issued) => refusalOf(() => planPayment(invoice, { amount: '10', receivedOn: TODAY, method: 'cash', ...input }, TODAY));
    expect(pay({}, { ...issued, status: 'draft', issuedOn: null }).code).toBe('INVOICE_NOT_ISSUED');
    expect(pay({ amount: '0' }).details).toEqual({ field: 'amount' });
    expect(pay({ amount: '1.234' }).details).toEqual({ field: 'amount' });
    expect(pay({ amount: 10 }).details).toEqual({ field: 'amount' });
    expect(pay({ method: 'bitcoin' }).details).toEqual({ field: 'method' });
    expect(pay({ receivedOn: addDays(TODAY, 1) }).details).toEqual({ field: 'receivedOn' });
    expect(pay({ receivedOn: '2026-11-01' }).details).toEqual({ field: 'receivedOn' });
    expect(pay({ receivedOn: '2026-13-01' }).details).toEqual({ field: 'receivedOn' });
  });

  it('property: accepted payments never exceed the balance, and the net they settle sums exactly to the net once paid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cents: fc.integer({ min: 1, max: 5_000_000 }), rate: fc.constantFrom('20', '10', '5.5', '2.1', '0') as fc.Arbitrary<InvoiceLineData['vatRate']> }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.integer({ min: 1, max: 3_000_000 }), { minLength: 1, maxLength: 12 }),
        (lines, attempts) => {
          const t = invoiceTotals(
            lines.map((l) => line(formatCents(l.cents), l.rate)),
            false,
          ).totals;
          let state = { status: 'issued' as InvoiceStatus, issuedOn: TODAY, balance: balanceOf(t) };
          const nets: number[] = [];
          const pay = (cents: number) => {
            const before = outstandingCents(state.balance);
            if (cents > before) {
              expect(refusalOf(() => planPayment(state, { amount: formatCents(cents), receivedOn: TODAY, method: 'transfer' }, TODAY)).code).toBe('PAYMENT_EXCEEDS_BALANCE');
              return;
            }
            const plan = planPayment(state, { amount: formatCents(cents), receivedOn: TODAY, method: 'transfer' }, TODAY);
            expect(plan.netCents).toBeGreaterThanOrEqual(0);
            expect(outstandingCents(plan.balance)).toBeGreaterThanOrEqual(0);
            expect(remainingNetCents(plan.balance)).toBeGreaterThanOrEqual(0);
            nets.push(plan.netCents);
            state = { ...state, status: plan.status, balance: plan.balance };
          };
          for (const cents of attempts) if (outstandingCents(state.balance) > 0) pay(cents);
          if (outstandingCents(state.balance) > 0) pay(outstandingCents(state.balance));
          expect(state.status).toBe('paid');
          expect(nets.reduce((s, n) => s + n, 0)).toBe(state.balance.netCents);
          expect(state.balance.paidCents).toBe(state.balance.totalCents);
        },
      ),
    );
  });
});

describe('payments under an off-premises contract (C. consom. L221-10)', () => {
  const totals = invoiceTotals([line('100', '20')], false).totals;
  // Contract concluded 2026-11-02 (the invoice's issue day): a payment is allowed from 2026-11-10.
  const invoice = { status: 'issued' as InvoiceStatus, issuedOn: '2026-11-02', balance: balanceOf(totals), firstPaymentOn: '2026-11-10' };

  it('refuses a payment received before the first allowed day with 422 and that day, from day 0 to day 7', () => {
    for (const receivedOn of ['2026-11-02', '2026-11-05', '2026-11-09']) {
      const refusal = refusalOf(() => planPayment(invoice, { amount: '10', receivedOn, method: 'cash' }, TODAY));
      expect(refusal).toMatchObject({ code: 'PAYMENT_BEFORE_WITHDRAWAL_DELAY', details: { field: 'receivedOn', firstAllowedOn: '2026-11-10' } });
      expect(refusal.message).toContain('L221-10');
      expect(refusal.message).toContain('2026-11-10');
    }
  });

  it('accepts it on the first allowed day and after; no limit without an off-premises contract', () => {
    expect(planPayment(invoice, { amount: '10', receivedOn: '2026-11-10', method: 'cash' }, TODAY).amountCents).toBe(1000);
    expect(planPayment(invoice, { amount: '10', receivedOn: '2026-11-11', method: 'card' }, TODAY).amountCents).toBe(1000);
    expect(planPayment({ ...invoice, firstPaymentOn: null }, { amount: '10', receivedOn: '2026-11-02', method: 'cash' }, TODAY).amountCents).toBe(1000);
  });
});
