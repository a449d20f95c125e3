import { InvoiceStatus } from '@kpa/contracts';
import { CatalogueDefaults } from '../quotes/quote';
import { agreedPaymentTerm, assertClientMayChange, assertEditable, assertIssuable, assertIssued, checkInvoice, checkIssue, invoiceLines, supplyDatesAtIssue } from './invoice';
import { Balance, statusOf } from './invoice-payments';
import { CLIENT, line, QUOTE } from './invoice.test-helpers';
import { refusalOf } from '@kpa/testing/refusal';

describe('invoice content', () => {
  const base = { clientId: CLIENT, kind: 'standard' as const, lines: [line('100')] };

  it('derives the operation category from the lines and keeps a single supply date or a period', () => {
    const data = checkInvoice({ ...base, supplyDate: '2026-11-20' }, 'company');
    expect(data).toMatchObject({
      operationCategory: 'services',
      supplyDate: '2026-11-20',
      deliveryStartsOn: null,
      depositInvoiceIds: [],
      paymentTermDays: null,
      deliveryAddress: null,
    });
    const mixed = [line('100'), { ...line('40'), nature: 'goods' as const }];
    expect(checkInvoice({ ...base, lines: mixed, deliveryStartsOn: '2026-11-01', deliveryEndsOn: '2026-11-15', operationCategory: 'mixed' }, 'company').operationCategory).toBe(
      'mixed',
    );
    expect(checkInvoice({ ...base, lines: mixed }, 'company').operationCategory).toBe('mixed');
    expect(refusalOf(() => checkInvoice({ ...base, deliveryStartsOn: '2026-11-01' }, 'company')).details).toEqual({ field: 'deliveryEndsOn' });
    expect(refusalOf(() => checkInvoice({ ...base, deliveryStartsOn: '2026-11-10', deliveryEndsOn: '2026-11-01' }, 'company')).details).toEqual({ field: 'deliveryEndsOn' });
    expect(refusalOf(() => checkInvoice({ ...base, supplyDate: '2026-11-01', deliveryStartsOn: '2026-11-01', deliveryEndsOn: '2026-11-02' }, 'company')).details).toEqual({
      field: 'supplyDate',
    });
    expect(refusalOf(() => checkInvoice({ ...base, operationCategory: 'food' }, 'company')).details).toEqual({ field: 'operationCategory' });
  });

  it('refuses a stated operation category the lines contradict: a final invoice of goods is not "services"', () => {
    const goods = [{ ...line('100'), nature: 'goods' as const }];
    expect(checkInvoice({ ...base, kind: 'final', lines: goods, depositInvoiceIds: [QUOTE] }, 'company').operationCategory).toBe('goods');
    const refusal = refusalOf(() => checkInvoice({ ...base, lines: goods, operationCategory: 'services' }, 'company'));
    expect(refusal).toMatchObject({ code: 'VALIDATION_FAILED', field: 'operationCategory' });
    expect(refusal.message).toContain('every line supplies goods');
  });

  it('keeps a delivery address for goods only', () => {
    const goods = [{ ...line('100'), nature: 'goods' as const }];
    expect(checkInvoice({ ...base, lines: goods, deliveryAddress: ' 3 quai du Port, 13002 Marseille ' }, 'company').deliveryAddress).toBe('3 quai du Port, 13002 Marseille');
    expect(refusalOf(() => checkInvoice({ ...base, deliveryAddress: '3 quai du Port' }, 'company'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'deliveryAddress' });
  });

  it('keeps the commitment number for public bodies and deposits for final invoices', () => {
    expect(checkInvoice({ ...base, commitmentNumber: 'EJ-2026-001' }, 'public_body').commitmentNumber).toBe('EJ-2026-001');
    expect(refusalOf(() => checkInvoice({ ...base, commitmentNumber: 'EJ-1' }, 'company')).details).toEqual({ field: 'commitmentNumber' });
    expect(refusalOf(() => checkInvoice({ ...base, depositInvoiceIds: [QUOTE] }, 'company')).details).toEqual({ field: 'depositInvoiceIds' });
    expect(refusalOf(() => checkInvoice({ ...base, kind: 'final', depositInvoiceIds: [QUOTE, QUOTE] }, 'company')).message).toContain('twice');
    expect(refusalOf(() => checkInvoice({ ...base, kind: 'final', depositInvoiceIds: ['nope'] }, 'company')).code).toBe('VALIDATION_FAILED');
  });

  it('agreed payment terms: at most 60 days for a business (422), 30 for public bodies, free up to a year for individuals', () => {
    expect(agreedPaymentTerm('company', 60)).toBe(60);
    expect(agreedPaymentTerm('association', undefined)).toBeNull();
    const tooLong = refusalOf(() => agreedPaymentTerm('company', 61));
    expect(tooLong.code).toBe('PAYMENT_TERM_TOO_LONG');
    expect(tooLong.message).toContain('L441-10');
    expect(refusalOf(() => agreedPaymentTerm('association', 90)).code).toBe('PAYMENT_TERM_TOO_LONG');
    expect(refusalOf(() => agreedPaymentTerm('public_body', 45))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'paymentTermDays' } });
    expect(agreedPaymentTerm('public_body', 30)).toBe(30);
    expect(agreedPaymentTerm('individual', 90)).toBe(90);
    expect(refusalOf(() => agreedPaymentTerm('individual', 400)).code).toBe('VALIDATION_FAILED');
    expect(refusalOf(() => agreedPaymentTerm('company', 1.5)).code).toBe('VALIDATION_FAILED');
  });
});

describe('status machine', () => {
  it('an issued invoice is never edited nor issued again; payments and credits need an issued one', () => {
    expect(() => assertEditable('draft', null)).not.toThrow();
    for (const status of ['issued', 'partially_paid', 'paid', 'cancelled'] as InvoiceStatus[]) {
      const edit = refusalOf(() => assertEditable(status, 'LACAPE-F-2026-00001'));
      expect(edit.code).toBe('INVOICE_NOT_EDITABLE');
      expect(edit.message).toContain('credit note');
      expect(refusalOf(() => assertIssuable(status, 'LACAPE-F-2026-00001')).code).toBe('INVOICE_ALREADY_ISSUED');
      expect(() => assertIssued(status)).not.toThrow();
    }
    expect(refusalOf(() => assertIssued('draft')).code).toBe('INVOICE_NOT_ISSUED');
  });

  it('refuses to issue without the commitment number a public body requires, without the seller legal form, a final without deposits', () => {
    const seller = { legalForm: 'SCOP SARL' };
    const data = { kind: 'standard' as const, commitmentNumber: null, depositInvoiceIds: [] };
    const town = { kind: 'public_body' as const, commitmentNumberRequired: true, name: 'Ville de Roubaix' };
    expect(refusalOf(() => checkIssue(data, town, seller))).toMatchObject({ code: 'COMMITMENT_NUMBER_REQUIRED', details: { field: 'commitmentNumber' } });
    expect(() => checkIssue({ ...data, commitmentNumber: 'EJ-1' }, town, seller)).not.toThrow();
    expect(() => checkIssue(data, { ...town, commitmentNumberRequired: false }, seller)).not.toThrow();
    expect(refusalOf(() => checkIssue(data, { ...town, kind: 'company' }, { legalForm: null })).code).toBe('SELLER_IDENTITY_INCOMPLETE');
    expect(refusalOf(() => checkIssue({ ...data, kind: 'final' }, { ...town, kind: 'company' }, seller)).code).toBe('DEPOSIT_INVOICE_INVALID');
  });

  it('derives the status from the balance: issued, partially paid, paid, cancelled by credit notes alone', () => {
    const b: Balance = {
      totalCents: 12000,
      netCents: 10000,
      depositsCents: 0,
      depositsNetCents: 0,
      creditedCents: 0,
      creditedNetCents: 0,
      paidCents: 0,
      paidNetCents: 0,
      refundedCents: 0,
      refundedNetCents: 0,
    };
    expect(statusOf(b)).toBe('issued');
    expect(statusOf({ ...b, paidCents: 100 })).toBe('partially_paid');
    expect(statusOf({ ...b, paidCents: 12000 })).toBe('paid');
    expect(statusOf({ ...b, creditedCents: 12000 })).toBe('cancelled');
    expect(statusOf({ ...b, creditedCents: 2000, paidCents: 10000 })).toBe('paid');
    expect(statusOf({ ...b, depositsCents: 12000 })).toBe('paid');
    // A credit note on a paid part: paid while the refund is due, and after it; cancelled once all is credited and refunded.
    expect(statusOf({ ...b, paidCents: 12000, creditedCents: 3000 })).toBe('paid');
    expect(statusOf({ ...b, paidCents: 12000, creditedCents: 3000, refundedCents: 3000 })).toBe('paid');
    expect(statusOf({ ...b, paidCents: 12000, creditedCents: 12000 })).toBe('paid');
    expect(statusOf({ ...b, paidCents: 12000, creditedCents: 12000, refundedCents: 12000 })).toBe('cancelled');
  });
});

describe('the client of a draft', () => {
  const OTHER = '0190a000-0000-7000-8000-0000000000c2';

  it('changes on a draft of free lines', () => {
    expect(() => assertClientMayChange({ clientId: CLIENT, quoteId: null, missionId: null }, OTHER)).not.toThrow();
  });

  it("stays the quote's or the mission's client; sending the same client or none is no change", () => {
    for (const source of [
      { quoteId: QUOTE, missionId: null },
      { quoteId: null, missionId: '0190a000-0000-7000-8000-0000000000e1' },
    ]) {
      expect(refusalOf(() => assertClientMayChange({ clientId: CLIENT, ...source }, OTHER))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'clientId' } });
      expect(() => assertClientMayChange({ clientId: CLIENT, ...source }, CLIENT)).not.toThrow();
      expect(() => assertClientMayChange({ clientId: CLIENT, ...source }, undefined)).not.toThrow();
    }
  });
});

describe('the date or period of the supply at issue (CGI ann. II 242 nonies A 10°)', () => {
  const none = { supplyDate: null, deliveryStartsOn: null, deliveryEndsOn: null };
  const noSource = { mission: null, quote: null };

  it('keeps what the invoice gives', () => {
    expect(supplyDatesAtIssue({ kind: 'standard', ...none, supplyDate: '2026-11-20' }, { mission: { startsOn: '2026-10-01', endsOn: '2026-10-01' }, quote: null })).toEqual({
      ...none,
      supplyDate: '2026-11-20',
    });
    const period = { supplyDate: null, deliveryStartsOn: '2026-11-01', deliveryEndsOn: '2026-11-15' };
    expect(supplyDatesAtIssue({ kind: 'standard', ...period }, noSource)).toEqual(period);
  });

  it('defaults from the mission (a day or a period), else from the quote’s execution dates', () => {
    const quote = { executionStartsOn: '2026-09-01', executionEndsOn: '2026-09-03' };
    expect(supplyDatesAtIssue({ kind: 'standard', ...none }, { mission: { startsOn: '2026-10-05', endsOn: '2026-10-05' }, quote })).toEqual({ ...none, supplyDate: '2026-10-05' });
    expect(supplyDatesAtIssue({ kind: 'final', ...none }, { mission: { startsOn: '2026-10-05', endsOn: '2026-10-07' }, quote })).toEqual({
      supplyDate: null,
      deliveryStartsOn: '2026-10-05',
      deliveryEndsOn: '2026-10-07',
    });
    expect(supplyDatesAtIssue({ kind: 'standard', ...none }, { mission: null, quote })).toEqual({ supplyDate: null, deliveryStartsOn: '2026-09-01', deliveryEndsOn: '2026-09-03' });
    expect(supplyDatesAtIssue({ kind: 'standard', ...none }, { mission: null, quote: { executionStartsOn: '2026-09-01', executionEndsOn: null } })).toEqual({
      ...none,
      supplyDate: '2026-09-01',
    });
  });

  it('refuses to issue when nothing tells the date, naming supplyDate; a deposit invoice may go without', () => {
    const refusal = refusalOf(() => supplyDatesAtIssue({ kind: 'standard', ...none }, { mission: null, quote: { executionStartsOn: null, executionEndsOn: null } }));
    expect(refusal).toMatchObject({ code: 'SUPPLY_DATE_REQUIRED', field: 'supplyDate' });
    expect(refusal.message).toContain('deliveryStartsOn and deliveryEndsOn');
    expect(supplyDatesAtIssue({ kind: 'deposit', ...none }, noSource)).toEqual(none);
  });
});

describe('invoice lines as sent', () => {
  it('needs at least one line, then fills catalogue lines from the items read for them', () => {
    for (const lines of [undefined, [], 'one line']) expect(refusalOf(() => invoiceLines(lines, new Map())).details).toEqual({ field: 'lines' });
    const item: CatalogueDefaults = { label: 'Tonte', unit: 'hour', unitPrice: '25', vatRate: '20', exemptionReason: null, nature: 'goods', archived: false };
    const itemId = '0190a000-0000-7000-8000-0000000000c1';
    expect(invoiceLines([{ catalogueItemId: itemId, quantity: '2' }], new Map([[itemId, item]]))).toEqual([
      expect.objectContaining({ description: 'Tonte', quantity: '2', unit: 'hour', unitPrice: '25', vatRate: '20', catalogueItemId: itemId, nature: 'goods' }),
    ]);
    // The line's own nature wins over the item's; a free line is a service.
    expect(
      invoiceLines(
        [
          { catalogueItemId: itemId, quantity: '2', nature: 'service' },
          { ...line('10'), nature: undefined },
        ],
        new Map([[itemId, item]]),
      ).map((l) => l.nature),
    ).toEqual(['service', 'service']);
    expect(refusalOf(() => invoiceLines([{ ...line('10'), nature: 'food' }], new Map())).details).toEqual({ field: 'lines[0].nature' });
  });
});
