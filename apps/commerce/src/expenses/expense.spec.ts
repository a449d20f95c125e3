import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { ExpenseActor, ExpenseInput, ExpenseStatus, formatCents, parseCents } from '@kpa/contracts';
import {
  allowedActions,
  assertEditable,
  assertPayerRecordable,
  assertSomeChange,
  assertStoredAsUploaded,
  checkExpense,
  checkExpenseFilters,
  checkReceiptUpload,
  checkReimbursement,
  checkRejectionReason,
  expenseAmounts,
  objectStoreDigest,
  receiptOrRefuse,
  resolvePayer,
  transition,
} from './expense';
import { refusalOf } from '@kpa/testing/refusal';

const TODAY = '2026-11-22';
const SITE = '0190a000-0000-7000-8000-0000000000a1';
const EXPENSE = '0190a000-0000-7000-8000-0000000000e1';
const INES = '0190a000-0000-7000-8000-000000000001';
const KARIM = '0190a000-0000-7000-8000-000000000002';
const member: ExpenseActor = { userId: 'u-ines', role: 'member', memberId: INES };
const coordinator: ExpenseActor = { userId: 'u-coord', role: 'coordinator', memberId: null };
const input: ExpenseInput = { spentOn: '2026-11-20', description: 'Farine et beurre pour le buffet', amount: '42.90', vat: '2.24', category: 'supplies' };

describe('who paid', () => {
  it('a member pays for themselves: left out or named', () => {
    expect(resolvePayer(undefined, member)).toBe(INES);
    expect(resolvePayer(INES, member)).toBe(INES);
  });

  it("a member cannot submit another member's expense, nor one the site paid", () => {
    expect(refusalOf(() => resolvePayer(KARIM, member))).toMatchObject({ code: 'FORBIDDEN', details: { field: 'paidByMemberId' } });
    expect(refusalOf(() => resolvePayer(null, member)).code).toBe('FORBIDDEN');
  });

  it('a member user without a member file cannot submit', () => {
    expect(refusalOf(() => resolvePayer(undefined, { ...member, memberId: null })).code).toBe('FORBIDDEN');
  });

  it('a coordinator names the member, or null for the site; leaving it out is refused', () => {
    expect(resolvePayer(KARIM, coordinator)).toBe(KARIM);
    expect(resolvePayer(KARIM.toUpperCase(), coordinator)).toBe(KARIM);
    expect(resolvePayer(null, coordinator)).toBeNull();
    expect(refusalOf(() => resolvePayer(undefined, coordinator))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'paidByMemberId' } });
    expect(refusalOf(() => resolvePayer('karim', coordinator))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'paidByMemberId' } });
  });
});

describe('the fields of an expense', () => {
  it('keeps exact cents; net = amount − vat', () => {
    const data = checkExpense({ ...input, note: '  ticket agrafé  ' }, member, TODAY);
    expect(data).toEqual({
      paidByMemberId: INES,
      spentOn: '2026-11-20',
      description: 'Farine et beurre pour le buffet',
      amountCents: 4290,
      vatCents: 224,
      category: 'supplies',
      note: 'ticket agrafé',
    });
    expect(expenseAmounts(data)).toEqual({ amount: '42.90', vat: '2.24', net: '40.66' });
  });

  it('accepts a VAT of 0 and a VAT equal to the amount, written without decimals', () => {
    expect(checkExpense({ ...input, amount: '15', vat: '0' }, member, TODAY)).toMatchObject({ amountCents: 1500, vatCents: 0 });
    expect(checkExpense({ ...input, amount: '15', vat: '15.0' }, member, TODAY)).toMatchObject({ amountCents: 1500, vatCents: 1500 });
  });

  it.each([
    ['amount', { amount: '0' }],
    ['amount', { amount: '0.00' }],
    ['amount', { amount: '-5' }],
    ['amount', { amount: '12.345' }],
    ['amount', { amount: 12.5 }],
    ['amount', { amount: '1e3' }],
    ['vat', { vat: '-0.01' }],
    ['vat', { vat: '42.91' }],
    ['vat', { vat: undefined }],
    ['spentOn', { spentOn: '2026-11-23' }],
    ['spentOn', { spentOn: '2026-02-30' }],
    ['spentOn', { spentOn: '22/11/2026' }],
    ['description', { description: '   ' }],
    ['description', { description: 'x'.repeat(501) }],
    ['category', { category: 'fuel' }],
    ['note', { note: 'x'.repeat(2001) }],
  ])('refuses a wrong %s (case %#)', (field, change) => {
    expect(refusalOf(() => checkExpense({ ...input, ...(change as Partial<ExpenseInput>) }, member, TODAY))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
  });

  it('accepts an expense of today', () => {
    expect(checkExpense({ ...input, spentOn: TODAY }, member, TODAY).spentOn).toBe(TODAY);
  });

  it('property: any amount and any VAT up to it are kept to the cent, and net + vat = amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999_999 }), fc.integer({ min: 0, max: 100 }), fc.boolean(), (amount, percent, trim) => {
        const vat = Math.floor((amount * percent) / 100);
        // "12.50" or "12.5", "3.00" or "3": both are exact cents.
        const write = (cents: number) =>
          trim
            ? formatCents(cents)
                .replace(/\.00$/, '')
                .replace(/(\.\d)0$/, '$1')
            : formatCents(cents);
        const data = checkExpense({ ...input, amount: write(amount), vat: write(vat) }, member, TODAY);
        expect(data.amountCents).toBe(amount);
        expect(data.vatCents).toBe(vat);
        const amounts = expenseAmounts(data);
        expect(amounts.amount).toBe(formatCents(amount));
        expect((parseCents(amounts.net) as number) + (parseCents(amounts.vat) as number)).toBe(amount);
      }),
    );
  });
});

describe('who may change an expense, and when', () => {
  const own = { status: 'submitted' as ExpenseStatus, paidByMemberId: INES };

  it('its member or a coordinator, while submitted', () => {
    expect(() => assertEditable(own, member)).not.toThrow();
    expect(() => assertEditable(own, coordinator)).not.toThrow();
    expect(() => assertEditable({ ...own, paidByMemberId: null }, coordinator)).not.toThrow();
  });

  it("never another member's, nor the site's", () => {
    expect(refusalOf(() => assertEditable({ ...own, paidByMemberId: KARIM }, member)).code).toBe('FORBIDDEN');
    expect(refusalOf(() => assertEditable({ ...own, paidByMemberId: null }, member)).code).toBe('FORBIDDEN');
  });

  it.each(['approved', 'rejected', 'reimbursed'] as ExpenseStatus[])('not once %s (409 EXPENSE_NOT_EDITABLE)', (status) => {
    expect(refusalOf(() => assertEditable({ ...own, status }, coordinator))).toMatchObject({ code: 'EXPENSE_NOT_EDITABLE', details: { status } });
  });
});

describe('decisions', () => {
  const submitted = { status: 'submitted' as ExpenseStatus, paidByMemberId: INES };

  it('submitted → approved or rejected; approved → reimbursed; nothing after', () => {
    expect(allowedActions(submitted)).toEqual(['approve', 'reject']);
    expect(transition(submitted, 'approve', coordinator)).toBe('approved');
    expect(transition(submitted, 'reject', coordinator)).toBe('rejected');
    expect(allowedActions({ ...submitted, status: 'approved' })).toEqual(['reimburse']);
    expect(transition({ ...submitted, status: 'approved' }, 'reimburse', coordinator)).toBe('reimbursed');
    expect(allowedActions({ ...submitted, status: 'rejected' })).toEqual([]);
    expect(allowedActions({ ...submitted, status: 'reimbursed' })).toEqual([]);
  });

  it('reimbursing a submitted expense is refused with what is allowed (409)', () => {
    expect(refusalOf(() => transition(submitted, 'reimburse', coordinator))).toMatchObject({
      code: 'EXPENSE_TRANSITION_REFUSED',
      details: { status: 'submitted', action: 'reimburse', allowed: ['approve', 'reject'] },
    });
    expect(refusalOf(() => transition({ ...submitted, status: 'rejected' }, 'approve', coordinator)).message).toContain('The expense is rejected');
  });

  it('an expense the site paid is approved but never reimbursed', () => {
    const bySite = { status: 'approved' as ExpenseStatus, paidByMemberId: null };
    expect(allowedActions(bySite)).toEqual([]);
    expect(refusalOf(() => transition(bySite, 'reimburse', coordinator)).message).toContain('paid by the site itself');
  });

  it('only a coordinator decides', () => {
    expect(refusalOf(() => transition(submitted, 'approve', member)).code).toBe('FORBIDDEN');
  });

  it('a rejection needs a reason', () => {
    expect(checkRejectionReason('  pas de justificatif  ')).toBe('pas de justificatif');
    expect(refusalOf(() => checkRejectionReason(undefined))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reason' } });
    expect(refusalOf(() => checkRejectionReason(' ')).code).toBe('VALIDATION_FAILED');
  });

  it('a reimbursement has a method and a day between the approval and today (today by default)', () => {
    expect(checkReimbursement({ method: 'bank_transfer' }, '2026-11-20', TODAY)).toEqual({ reimbursedOn: TODAY, method: 'bank_transfer' });
    expect(checkReimbursement({ method: 'payroll', reimbursedOn: '2026-11-20' }, '2026-11-20', TODAY).reimbursedOn).toBe('2026-11-20');
    expect(refusalOf(() => checkReimbursement({ method: 'paypal' }, '2026-11-20', TODAY))).toMatchObject({ details: { field: 'method' } });
    expect(refusalOf(() => checkReimbursement({ method: 'cash', reimbursedOn: '2026-11-19' }, '2026-11-20', TODAY))).toMatchObject({ details: { field: 'reimbursedOn' } });
    expect(refusalOf(() => checkReimbursement({ method: 'cash', reimbursedOn: '2026-11-23' }, '2026-11-20', TODAY))).toMatchObject({ details: { field: 'reimbursedOn' } });
  });
});

describe('receipts', () => {
  const sha256 = createHash('sha256').update('receipt').digest('hex');
  const upload = { objectName: `${SITE}/${EXPENSE}/0190a000-0000-7000-8000-0000000000f1`, sha256, size: 1234, contentType: 'image/png' as const };

  it('records an object of this expense with its type, size and SHA-256', () => {
    expect(checkReceiptUpload(upload, SITE, EXPENSE)).toEqual(upload);
  });

  it("refuses another expense's object, an unknown type, a wrong size or digest", () => {
    expect(refusalOf(() => checkReceiptUpload({ ...upload, objectName: `${SITE}/${KARIM}/x` }, SITE, EXPENSE)).details).toMatchObject({ field: 'objectName' });
    expect(refusalOf(() => checkReceiptUpload({ ...upload, contentType: 'application/x-msdownload' as never }, SITE, EXPENSE)).code).toBe('RECEIPT_TYPE_NOT_ALLOWED');
    expect(refusalOf(() => checkReceiptUpload({ ...upload, size: 0 }, SITE, EXPENSE)).details).toMatchObject({ field: 'size' });
    expect(refusalOf(() => checkReceiptUpload({ ...upload, sha256: sha256.toUpperCase() }, SITE, EXPENSE)).details).toMatchObject({ field: 'sha256' });
  });

  it("writes the SHA-256 as the object store's digest (base64url with padding)", () => {
    const digest = createHash('sha256').update('receipt').digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
    expect(objectStoreDigest(sha256)).toBe(`SHA-256=${digest}`);
    expect(objectStoreDigest(sha256)).toMatch(/^SHA-256=[A-Za-z0-9_-]{43}=$/);
  });
});

describe('what the service checks before it reads or writes', () => {
  it('a change names at least one field', () => {
    expect(refusalOf(() => assertSomeChange({})).code).toBe('VALIDATION_FAILED');
    expect(refusalOf(() => assertSomeChange(undefined)).code).toBe('VALIDATION_FAILED');
    expect(() => assertSomeChange({ note: null })).not.toThrow();
  });

  it('an erased member cannot be recorded as the payer', () => {
    expect(refusalOf(() => assertPayerRecordable({ id: INES, erased: true }))).toMatchObject({ code: 'MEMBER_ERASED', details: { memberId: INES } });
    expect(() => assertPayerRecordable({ id: INES, erased: false })).not.toThrow();
  });

  it("the list's filters: known status and category, a member id, dates in order", () => {
    const all = { status: 'approved', category: 'supplies', memberId: INES, from: '2026-11-01', to: '2026-11-30' };
    expect(checkExpenseFilters(all)).toEqual(all);
    expect(checkExpenseFilters({})).toEqual({});
    expect(refusalOf(() => checkExpenseFilters({ status: 'lost' })).details).toMatchObject({ field: 'status' });
    expect(refusalOf(() => checkExpenseFilters({ category: 'yachts' })).details).toMatchObject({ field: 'category' });
    expect(refusalOf(() => checkExpenseFilters({ memberId: 'ines' })).details).toMatchObject({ field: 'memberId' });
    expect(refusalOf(() => checkExpenseFilters({ from: '2026-13-01' })).details).toMatchObject({ field: 'from' });
    expect(refusalOf(() => checkExpenseFilters({ to: '22/11/2026' })).details).toMatchObject({ field: 'to' });
    expect(refusalOf(() => checkExpenseFilters({ from: '2026-11-30', to: '2026-11-01' })).details).toMatchObject({ field: 'to' });
  });

  it('a receipt is recorded only when the store holds that very file', () => {
    const sha256 = createHash('sha256').update('receipt').digest('hex');
    const upload = { objectName: `${SITE}/${EXPENSE}/0190a000-0000-7000-8000-0000000000f1`, sha256, size: 1234, contentType: 'image/png' as const };
    const stored = { size: 1234, digest: objectStoreDigest(sha256) };
    expect(() => assertStoredAsUploaded(stored, upload)).not.toThrow();
    for (const wrong of [null, { ...stored, deleted: true }, { ...stored, size: 1235 }, { ...stored, digest: objectStoreDigest(sha256.replace(/^./, 'f')) }]) {
      expect(refusalOf(() => assertStoredAsUploaded(wrong, upload))).toMatchObject({ code: 'RECEIPT_NOT_FOUND', details: { objectName: upload.objectName } });
    }
  });

  it('an expense without a receipt has none to read', () => {
    expect(refusalOf(() => receiptOrRefuse(null, EXPENSE))).toMatchObject({ code: 'RECEIPT_NOT_FOUND', details: { expenseId: EXPENSE } });
    expect(receiptOrRefuse({ objectName: 'x' }, EXPENSE)).toEqual({ objectName: 'x' });
  });
});
