import fc from 'fast-check';
import { addDays, AGING_BUCKETS, compareDates, DomainError, formatCents, InvoiceStatus, InvoiceTotals } from '@kpa/contracts';
import {
  aging,
  agreedPaymentTerm,
  assertEditable,
  assertIssuable,
  assertIssued,
  Balance,
  checkDeposits,
  checkDepositsFit,
  checkInvoice,
  checkIssue,
  CreditState,
  DepositCandidate,
  depositLines,
  dueRange,
  InvoiceLineData,
  invoiceTotals,
  outstandingCents,
  planCreditNote,
  planPayment,
  remainingNetCents,
  splitProportionally,
  statusOf,
  toRateAmounts,
} from './invoice';

const TODAY = '2026-11-22';
const CLIENT = '0190a000-0000-7000-8000-0000000000c1';
const QUOTE = '0190a000-0000-7000-8000-0000000000d1';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function line(unitPrice: string, vatRate: InvoiceLineData['vatRate'] = '20', quantity = '1', description = 'Prestation'): InvoiceLineData {
  return { description, quantity, unit: 'flat_rate', unitPrice, vatRate, exemptionReason: vatRate === '0' ? 'VATEX-EU-132' : null, catalogueItemId: null };
}

function balanceOf(totals: InvoiceTotals): Balance {
  const c = (v: string) => Math.round(Number(v) * 100);
  return {
    totalCents: c(totals.total),
    netCents: c(totals.net),
    depositsCents: c(totals.depositsDeducted),
    depositsNetCents: totals.deposits.reduce((s, d) => s + c(d.net), 0),
    creditedCents: 0,
    creditedNetCents: 0,
    paidCents: 0,
    paidNetCents: 0,
  };
}

describe('invoice content', () => {
  const base = { clientId: CLIENT, kind: 'standard' as const, lines: [line('100')] };

  it('defaults the operation category to services and keeps a single supply date or a period', () => {
    const data = checkInvoice({ ...base, supplyDate: '2026-11-20' }, 'company');
    expect(data).toMatchObject({ operationCategory: 'services', supplyDate: '2026-11-20', deliveryStartsOn: null, depositInvoiceIds: [], paymentTermDays: null });
    expect(checkInvoice({ ...base, deliveryStartsOn: '2026-11-01', deliveryEndsOn: '2026-11-15', operationCategory: 'mixed' }, 'company').operationCategory).toBe('mixed');
    expect(refusal(() => checkInvoice({ ...base, deliveryStartsOn: '2026-11-01' }, 'company')).details).toEqual({ field: 'deliveryEndsOn' });
    expect(refusal(() => checkInvoice({ ...base, deliveryStartsOn: '2026-11-10', deliveryEndsOn: '2026-11-01' }, 'company')).details).toEqual({ field: 'deliveryEndsOn' });
    expect(refusal(() => checkInvoice({ ...base, supplyDate: '2026-11-01', deliveryStartsOn: '2026-11-01', deliveryEndsOn: '2026-11-02' }, 'company')).details).toEqual({ field: 'supplyDate' });
    expect(refusal(() => checkInvoice({ ...base, operationCategory: 'food' }, 'company')).details).toEqual({ field: 'operationCategory' });
  });

  it('keeps the commitment number for public bodies and deposits for final invoices', () => {
    expect(checkInvoice({ ...base, commitmentNumber: 'EJ-2026-001' }, 'public_body').commitmentNumber).toBe('EJ-2026-001');
    expect(refusal(() => checkInvoice({ ...base, commitmentNumber: 'EJ-1' }, 'company')).details).toEqual({ field: 'commitmentNumber' });
    expect(refusal(() => checkInvoice({ ...base, depositInvoiceIds: [QUOTE] }, 'company')).details).toEqual({ field: 'depositInvoiceIds' });
    expect(refusal(() => checkInvoice({ ...base, kind: 'final', depositInvoiceIds: [QUOTE, QUOTE] }, 'company')).message).toContain('twice');
    expect(refusal(() => checkInvoice({ ...base, kind: 'final', depositInvoiceIds: ['nope'] }, 'company')).code).toBe('VALIDATION_FAILED');
  });

  it('agreed payment terms: at most 60 days for a business (422), 30 for public bodies, free up to a year for individuals', () => {
    expect(agreedPaymentTerm('company', 60)).toBe(60);
    expect(agreedPaymentTerm('association', undefined)).toBeNull();
    const tooLong = refusal(() => agreedPaymentTerm('company', 61));
    expect(tooLong.code).toBe('PAYMENT_TERM_TOO_LONG');
    expect(tooLong.message).toContain('L441-10');
    expect(refusal(() => agreedPaymentTerm('association', 90)).code).toBe('PAYMENT_TERM_TOO_LONG');
    expect(refusal(() => agreedPaymentTerm('public_body', 45))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'paymentTermDays' } });
    expect(agreedPaymentTerm('public_body', 30)).toBe(30);
    expect(agreedPaymentTerm('individual', 90)).toBe(90);
    expect(refusal(() => agreedPaymentTerm('individual', 400)).code).toBe('VALIDATION_FAILED');
    expect(refusal(() => agreedPaymentTerm('company', 1.5)).code).toBe('VALIDATION_FAILED');
  });
});

describe('status machine', () => {
  it('an issued invoice is never edited nor issued again; payments and credits need an issued one', () => {
    expect(() => assertEditable('draft', null)).not.toThrow();
    for (const status of ['issued', 'partially_paid', 'paid', 'cancelled'] as InvoiceStatus[]) {
      const edit = refusal(() => assertEditable(status, 'LACAPE-F-2026-00001'));
      expect(edit.code).toBe('INVOICE_NOT_EDITABLE');
      expect(edit.message).toContain('credit note');
      expect(refusal(() => assertIssuable(status, 'LACAPE-F-2026-00001')).code).toBe('INVOICE_ALREADY_ISSUED');
      expect(() => assertIssued(status)).not.toThrow();
    }
    expect(refusal(() => assertIssued('draft')).code).toBe('INVOICE_NOT_ISSUED');
  });

  it('refuses to issue without the commitment number a public body requires, without the seller legal form, a final without deposits', () => {
    const seller = { legalForm: 'SCOP SARL' };
    const data = { kind: 'standard' as const, commitmentNumber: null, depositInvoiceIds: [] };
    const town = { kind: 'public_body' as const, commitmentNumberRequired: true, name: 'Ville de Roubaix' };
    expect(refusal(() => checkIssue(data, town, seller))).toMatchObject({ code: 'COMMITMENT_NUMBER_REQUIRED', details: { field: 'commitmentNumber' } });
    expect(() => checkIssue({ ...data, commitmentNumber: 'EJ-1' }, town, seller)).not.toThrow();
    expect(() => checkIssue(data, { ...town, commitmentNumberRequired: false }, seller)).not.toThrow();
    expect(refusal(() => checkIssue(data, { ...town, kind: 'company' }, { legalForm: null })).code).toBe('SELLER_IDENTITY_INCOMPLETE');
    expect(refusal(() => checkIssue({ ...data, kind: 'final' }, { ...town, kind: 'company' }, seller)).code).toBe('DEPOSIT_INVOICE_INVALID');
  });

  it('derives the status from the balance: issued, partially paid, paid, cancelled by credit notes alone', () => {
    const b: Balance = { totalCents: 12000, netCents: 10000, depositsCents: 0, depositsNetCents: 0, creditedCents: 0, creditedNetCents: 0, paidCents: 0, paidNetCents: 0 };
    expect(statusOf(b)).toBe('issued');
    expect(statusOf({ ...b, paidCents: 100 })).toBe('partially_paid');
    expect(statusOf({ ...b, paidCents: 12000 })).toBe('paid');
    expect(statusOf({ ...b, creditedCents: 12000 })).toBe('cancelled');
    expect(statusOf({ ...b, creditedCents: 2000, paidCents: 10000 })).toBe('paid');
    expect(statusOf({ ...b, depositsCents: 12000 })).toBe('paid');
  });
});

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

  it('a deposit of an amount excluding VAT, and the refusals', () => {
    const lines = depositLines({ number: null, lines: [line('100', '20')] }, { depositAmount: '40' });
    expect(lines).toEqual([{ description: 'Acompte', quantity: '1', unit: 'flat_rate', unitPrice: '40.00', vatRate: '20', exemptionReason: null, catalogueItemId: null }]);
    expect(depositLines({ number: null, lines: [line('100', '20')] }, { depositPercent: '12.5' })[0].description).toBe('Acompte de 12,5 %');
    expect(refusal(() => depositLines(quote, {})).details).toEqual({ field: 'depositPercent' });
    expect(refusal(() => depositLines(quote, { depositPercent: '30', depositAmount: '10' })).code).toBe('VALIDATION_FAILED');
    expect(refusal(() => depositLines(quote, { depositPercent: '0' })).code).toBe('VALIDATION_FAILED');
    expect(refusal(() => depositLines(quote, { depositPercent: '100.01' })).code).toBe('VALIDATION_FAILED');
    expect(refusal(() => depositLines(quote, { depositAmount: '1000' })).details).toEqual({ field: 'depositAmount' });
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
    expect(deposits).toEqual([{ invoiceId: deposit.id, number: deposit.number, issuedOn: '2026-11-01', net: '300.00', vat: '60.00', total: '360.00', vatBreakdown: depositTotals.vatBreakdown }]);
    const { totals } = invoiceTotals([line('1000', '20')], false, deposits);
    expect(totals).toMatchObject({ total: '1200.00', depositsDeducted: '360.00', amountDue: '840.00' });
    expect(() => checkDepositsFit(totals.vatBreakdown, deposits)).not.toThrow();
    expect(refusal(() => checkDepositsFit(invoiceTotals([line('1000', '10')], false).totals.vatBreakdown, deposits)).code).toBe('DEPOSIT_INVOICE_INVALID');
    expect(refusal(() => invoiceTotals([line('100', '20')], false, deposits)).code).toBe('DEPOSIT_INVOICE_INVALID');
  });

  it('refuses deposits that are not issued deposit invoices of the same client and quote, or already deducted', () => {
    const code = (candidate: Partial<DepositCandidate>) => refusal(() => checkDeposits(final, [deposit.id], [{ ...deposit, ...candidate }])).code;
    expect(refusal(() => checkDeposits(final, [], [])).code).toBe('DEPOSIT_INVOICE_INVALID');
    expect(refusal(() => checkDeposits(final, [deposit.id], [])).code).toBe('DEPOSIT_INVOICE_INVALID');
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

describe('payments', () => {
  const totals = invoiceTotals([line('100', '20'), line('33.33', '5.5')], false).totals; // net 133.33, VAT 20.00 + 1.83, total 155.16
  const issued: { status: InvoiceStatus; issuedOn: string | null; balance: Balance } = { status: 'issued', issuedOn: '2026-11-02', balance: balanceOf(totals) };

  it('40 % then the rest: partially paid, then paid; the net shares add up to the net', () => {
    expect(totals.total).toBe('155.16');
    const first = planPayment(issued, { amount: '62.06', receivedOn: '2026-11-10', method: 'transfer' }, TODAY);
    expect(first).toMatchObject({ amountCents: 6206, netCents: 5333, status: 'partially_paid', settles: false });
    expect(outstandingCents(first.balance)).toBe(9310);
    const over = refusal(() => planPayment({ ...issued, status: first.status, balance: first.balance }, { amount: '93.11', receivedOn: TODAY, method: 'cheque' }, TODAY));
    expect(over).toMatchObject({ code: 'PAYMENT_EXCEEDS_BALANCE', details: { outstanding: '93.10' } });
    const rest = planPayment({ ...issued, status: first.status, balance: first.balance }, { amount: '93.10', receivedOn: TODAY, method: 'card' }, TODAY);
    expect(rest).toMatchObject({ status: 'paid', settles: true, netCents: 13333 - 5333 });
    expect(refusal(() => planPayment({ ...issued, status: 'paid', balance: rest.balance }, { amount: '0.01', receivedOn: TODAY, method: 'cash' }, TODAY)).code).toBe('PAYMENT_EXCEEDS_BALANCE');
  });

  it('refuses a draft (409), a zero or malformed amount, an unknown method, a date in the future or before the issue', () => {
    const pay = (input: Record<string, unknown>, invoice = issued) => refusal(() => planPayment(invoice, { amount: '10', receivedOn: TODAY, method: 'cash', ...input }, TODAY));
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
        fc.array(fc.record({ cents: fc.integer({ min: 1, max: 5_000_000 }), rate: fc.constantFrom('20', '10', '5.5', '2.1', '0') as fc.Arbitrary<InvoiceLineData['vatRate']> }), { minLength: 1, maxLength: 6 }),
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
              expect(refusal(() => planPayment(state, { amount: formatCents(cents), receivedOn: TODAY, method: 'transfer' }, TODAY)).code).toBe('PAYMENT_EXCEEDS_BALANCE');
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
    expect(refusal(() => planCreditNote({ ...after, balance: full.balance, status: 'cancelled' }, { full: true, lines: null }, label)).code).toBe('CREDIT_EXCEEDS_INVOICE');
  });

  it('refuses more than remains at a rate, a rate the invoice does not have, a full credit of a partly paid invoice, a draft, a deducted deposit', () => {
    expect(refusal(() => planCreditNote(state, { lines: [line('200.01', '20')] }, label))).toMatchObject({ code: 'CREDIT_EXCEEDS_INVOICE', details: { rate: '20', creditable: '200.00' } });
    expect(refusal(() => planCreditNote(state, { lines: [line('1', '5.5')] }, label)).code).toBe('CREDIT_EXCEEDS_INVOICE');
    const paid = planPayment({ status: 'issued', issuedOn: TODAY, balance: state.balance }, { amount: '100', receivedOn: TODAY, method: 'cash' }, TODAY);
    const partlyPaid = { ...state, status: paid.status, balance: paid.balance };
    expect(refusal(() => planCreditNote(partlyPaid, { full: true, lines: null }, label)).code).toBe('CREDIT_EXCEEDS_INVOICE');
    expect(refusal(() => planCreditNote(partlyPaid, { lines: [line('200', '20')] }, label)).message).toContain('exceeds what is left');
    expect(planCreditNote(partlyPaid, { lines: [line('100', '20')] }, label).status).toBe('partially_paid');
    expect(refusal(() => planCreditNote({ ...state, status: 'draft' }, { full: true, lines: null }, label)).code).toBe('INVOICE_NOT_ISSUED');
    expect(refusal(() => planCreditNote({ ...state, deductedByNumber: 'LACAPE-F-2026-00009' }, { full: true, lines: null }, label)).code).toBe('DEPOSIT_ALREADY_DEDUCTED');
    expect(refusal(() => planCreditNote(state, { lines: null }, label)).details).toEqual({ field: 'lines' });
    expect(refusal(() => planCreditNote(state, { full: true, lines: [line('1')] }, label)).details).toEqual({ field: 'lines' });
    expect(refusal(() => planCreditNote(state, { lines: [line('0')] }, label)).details).toEqual({ field: 'lines' });
  });

  it('property: credit notes then payments never go below zero, and payments settle exactly the net that was not credited', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.integer({ min: 1, max: 500_000 }), { maxLength: 4 }), fc.integer({ min: 1, max: 600_000 }), (a, b, credits, payment) => {
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
      }),
    );
  });
});

describe('aging', () => {
  it('buckets from the due date: not due, 1–30, 31–60, 61–90, over 90 days', () => {
    const due = '2026-08-01';
    const on = (days: number) => aging(due, addDays(due, days));
    expect(on(-5)).toEqual({ daysOverdue: 0, bucket: 'not_due' });
    expect(on(0)).toEqual({ daysOverdue: 0, bucket: 'not_due' });
    expect(on(1)).toEqual({ daysOverdue: 1, bucket: '1_30' });
    expect(on(30)).toEqual({ daysOverdue: 30, bucket: '1_30' });
    expect(on(31)).toEqual({ daysOverdue: 31, bucket: '31_60' });
    expect(on(60)).toEqual({ daysOverdue: 60, bucket: '31_60' });
    expect(on(61)).toEqual({ daysOverdue: 61, bucket: '61_90' });
    expect(on(90)).toEqual({ daysOverdue: 90, bucket: '61_90' });
    expect(on(91)).toEqual({ daysOverdue: 91, bucket: 'over_90' });
    expect(on(400)).toEqual({ daysOverdue: 400, bucket: 'over_90' });
  });

  it('property: a due date lies in its bucket’s range of due dates and in no other', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (offset) => {
        const dueOn = addDays(TODAY, offset);
        const { bucket } = aging(dueOn, TODAY);
        for (const candidate of AGING_BUCKETS) {
          const { from, to } = dueRange(candidate, TODAY);
          const inside = (from === null || compareDates(dueOn, from) >= 0) && (to === null || compareDates(dueOn, to) <= 0);
          expect(inside).toBe(candidate === bucket);
        }
      }),
    );
  });
});
