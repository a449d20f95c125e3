import { CreditNoteIssuedV1, ExpenseApprovedV1, MissionCompletedV1, PaymentRecordedV1, RefundRecordedV1 } from '@kpa/contracts';
import { creditNoteMovement, expenseMovement, missionHoursRows, paymentMovement, refundMovement } from './ledger-entries';

const KARIM = '0190a0b0-0000-7000-8000-00000000000a';
const INES = '0190a0b0-0000-7000-8000-00000000000b';

const mission: MissionCompletedV1 = {
  missionId: '0190a0b0-0000-7000-8000-000000000001',
  title: 'Cantine partagée',
  activityPole: 'restauration',
  clientId: null,
  quoteId: null,
  startsOn: '2026-12-01',
  endsOn: '2026-12-03',
  completedOn: '2026-12-04',
  participants: [
    { memberId: KARIM, hours: '7.50' },
    { memberId: INES, hours: '0.10' },
  ],
};

describe('ledger entries from commerce events', () => {
  it('mission hours: exact hundredths per participant, dated on completion', () => {
    expect(missionHoursRows(mission)).toEqual([
      { missionId: mission.missionId, memberId: KARIM, completedOn: '2026-12-04', title: 'Cantine partagée', activityPole: 'restauration', hundredths: 750 },
      { missionId: mission.missionId, memberId: INES, completedOn: '2026-12-04', title: 'Cantine partagée', activityPole: 'restauration', hundredths: 10 },
    ]);
  });

  it('hours that a float would round (0.1 + 0.2, 33.33 × 3) stay exact', () => {
    const rows = missionHoursRows({
      ...mission,
      participants: [
        { memberId: KARIM, hours: '0.29' },
        { memberId: INES, hours: '33.33' },
      ],
    });
    expect(rows.map((r) => r.hundredths)).toEqual([29, 3333]);
  });

  it('a member listed twice is summed; zero hours make no row', () => {
    const rows = missionHoursRows({
      ...mission,
      participants: [
        { memberId: KARIM, hours: '1.25' },
        { memberId: KARIM.toUpperCase(), hours: '2' },
        { memberId: INES, hours: '0.00' },
      ],
    });
    expect(rows).toEqual([expect.objectContaining({ memberId: KARIM, hundredths: 325 })]);
  });

  it('hours that are not a decimal with at most 2 decimals are a bug upstream: thrown, not rounded', () => {
    expect(() => missionHoursRows({ ...mission, participants: [{ memberId: KARIM, hours: '7.555' }] })).toThrow(/hours/);
    expect(() => missionHoursRows({ ...mission, participants: [{ memberId: KARIM, hours: 7.5 as unknown as string }] })).toThrow(/hours/);
    expect(() => missionHoursRows({ ...mission, completedOn: 'hier' })).toThrow(/completedOn/);
  });

  it('a payment: net as given, VAT = amount − net', () => {
    const payment: PaymentRecordedV1 = {
      paymentId: '0190a0b0-0000-7000-8000-000000000002',
      invoiceId: '0190a0b0-0000-7000-8000-000000000003',
      invoiceNumber: 'LACAPE-F-2026-0007',
      missionId: mission.missionId,
      amount: '1200.00',
      netAmount: '1000.00',
      receivedOn: '2026-12-10',
      method: 'transfer',
    };
    expect(paymentMovement(payment)).toEqual({
      id: payment.paymentId,
      kind: 'payment',
      occurredOn: '2026-12-10',
      netCents: 100_000n,
      vatCents: 20_000n,
      missionId: mission.missionId,
      reference: 'LACAPE-F-2026-0007',
    });
    expect(paymentMovement({ ...payment, amount: '0.03', netAmount: '0.01' })).toMatchObject({ netCents: 1n, vatCents: 2n });
  });

  it('a credit note: its net and VAT, positive, with its own number', () => {
    const note: CreditNoteIssuedV1 = {
      creditNoteId: '0190a0b0-0000-7000-8000-000000000004',
      number: 'LACAPE-A-2026-0001',
      invoiceId: '0190a0b0-0000-7000-8000-000000000003',
      invoiceNumber: 'LACAPE-F-2026-0007',
      missionId: null,
      issuedOn: '2026-12-12',
      net: '100.00',
      vat: '20.00',
      total: '120.00',
    };
    expect(creditNoteMovement(note)).toEqual({
      id: note.creditNoteId,
      kind: 'credit_note',
      occurredOn: '2026-12-12',
      netCents: 10_000n,
      vatCents: 2_000n,
      missionId: null,
      reference: 'LACAPE-A-2026-0001',
    });
  });

  it('a credit note on a paid part counts only its unpaid part; its refund counts when the money is given back (never twice)', () => {
    const note: CreditNoteIssuedV1 = {
      creditNoteId: '0190a0b0-0000-7000-8000-000000000014',
      number: 'LACAPE-A-2026-0002',
      invoiceId: '0190a0b0-0000-7000-8000-000000000003',
      invoiceNumber: 'LACAPE-F-2026-0007',
      missionId: '0190a0b0-0000-7000-8000-000000000009',
      issuedOn: '2026-12-12',
      net: '100.00',
      vat: '20.00',
      total: '120.00',
      refundDue: '90.00',
      refundDueNet: '75.00',
    };
    expect(creditNoteMovement(note)).toMatchObject({ kind: 'credit_note', netCents: 2_500n, vatCents: 500n });
    expect(creditNoteMovement({ ...note, refundDue: '120.00', refundDueNet: '100.00' })).toMatchObject({ netCents: 0n, vatCents: 0n });
    expect(() => creditNoteMovement({ ...note, refundDueNet: '100.01' })).toThrow(/do not fit/);
    const refund: RefundRecordedV1 = {
      refundId: '0190a0b0-0000-7000-8000-000000000015',
      invoiceId: note.invoiceId,
      invoiceNumber: note.invoiceNumber,
      missionId: note.missionId,
      amount: '90.00',
      netAmount: '75.00',
      refundedOn: '2026-12-20',
      method: 'transfer',
    };
    expect(refundMovement(refund)).toEqual({
      id: refund.refundId,
      kind: 'refund',
      occurredOn: '2026-12-20',
      netCents: 7_500n,
      vatCents: 1_500n,
      missionId: note.missionId,
      reference: 'LACAPE-F-2026-0007',
    });
    expect(() => refundMovement({ ...refund, netAmount: '-1.00' })).toThrow();
    expect(() => refundMovement({ ...refund, refundedOn: '20/12/2026' })).toThrow(/refundedOn/);
  });

  it('an expense: dated when approved, referenced by its category', () => {
    const expense: ExpenseApprovedV1 = {
      expenseId: '0190a0b0-0000-7000-8000-000000000005',
      paidByMemberId: KARIM,
      spentOn: '2026-12-01',
      approvedOn: '2026-12-03',
      category: 'supplies',
      amount: '42.90',
      vat: '7.15',
      net: '35.75',
    };
    expect(expenseMovement(expense)).toEqual({
      id: expense.expenseId,
      kind: 'expense',
      occurredOn: '2026-12-03',
      netCents: 3_575n,
      vatCents: 715n,
      missionId: null,
      reference: 'supplies',
    });
    expect(() => expenseMovement({ ...expense, net: '35,75' })).toThrow();
  });
});
