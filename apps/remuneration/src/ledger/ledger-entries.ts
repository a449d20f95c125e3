import { CreditNoteIssuedV1, ExpenseApprovedV1, isIsoDate, MissionCompletedV1, PaymentRecordedV1, RefundRecordedV1 } from '@kpa/contracts';
import { parseHundredths, parseMoney } from '../units';

/**
 * What commerce's events become in the ledger, exactly: hours to integer hundredths, money to
 * integer cents, never through a float. Pure; an event that does not parse is a bug upstream and
 * throws (the consumer retries, then parks it with an error in the logs) rather than counting
 * something wrong.
 */

export const MONEY_MOVEMENT_KINDS = ['payment', 'credit_note', 'refund', 'expense'] as const;
export type MoneyMovementKind = (typeof MONEY_MOVEMENT_KINDS)[number];

export interface MissionHoursRow {
  missionId: string;
  memberId: string;
  completedOn: string;
  title: string;
  activityPole: string | null;
  hundredths: number;
}

export interface MoneyMovementRow {
  /** The paymentId / creditNoteId / refundId / expenseId: replaying the event finds the row already there. */
  id: string;
  kind: MoneyMovementKind;
  /** receivedOn / issuedOn / refundedOn / approvedOn. */
  occurredOn: string;
  netCents: bigint;
  vatCents: bigint;
  missionId: string | null;
  /** Invoice number / credit note number / invoice number / expense category. */
  reference: string;
}

function date(value: unknown, what: string): string {
  if (!isIsoDate(value)) throw new Error(`${what} is not a date YYYY-MM-DD: ${JSON.stringify(value)}`);
  return value;
}

/**
 * One row per participant with hours, summed if a member were listed twice; zero hours count for
 * nothing and make no row (mission_hours.hundredths > 0).
 */
export function missionHoursRows(data: MissionCompletedV1): MissionHoursRow[] {
  const completedOn = date(data.completedOn, 'completedOn');
  const byMember = new Map<string, number>();
  for (const p of data.participants) {
    const hundredths = parseHundredths(p.hours);
    if (hundredths === undefined) throw new Error(`mission ${data.missionId}: hours of ${p.memberId} are not a decimal string with at most 2 decimals: ${JSON.stringify(p.hours)}`);
    const memberId = p.memberId.toLowerCase();
    byMember.set(memberId, (byMember.get(memberId) ?? 0) + hundredths);
  }
  return [...byMember]
    .filter(([, hundredths]) => hundredths > 0)
    .map(([memberId, hundredths]) => ({ missionId: data.missionId, memberId, completedOn, title: data.title, activityPole: data.activityPole, hundredths }));
}

/** A payment: its net (the part of the invoice's net it settles) and the VAT it carries (amount − net). */
export function paymentMovement(data: PaymentRecordedV1): MoneyMovementRow {
  const amount = parseMoney(data.amount, 'amount', true);
  const netCents = parseMoney(data.netAmount, 'netAmount', true);
  return {
    id: data.paymentId,
    kind: 'payment',
    occurredOn: date(data.receivedOn, 'receivedOn'),
    netCents,
    vatCents: amount - netCents,
    missionId: data.missionId,
    reference: data.invoiceNumber,
  };
}

/**
 * A credit note: what it cancelled of the unpaid part, positive. Recorded as information only: the
 * pot and a mission's margin count the money collected (payments − refunds), and money that was
 * never paid was never counted, so the credit note counts 0 there. The part that cancels money
 * already paid (`refundDue`, since issue 15) is left out here: it leaves the pot when the money is
 * given back, as a refund.
 */
export function creditNoteMovement(data: CreditNoteIssuedV1): MoneyMovementRow {
  const net = parseMoney(data.net, 'net', true);
  const vat = parseMoney(data.vat, 'vat', true);
  const refundDue = data.refundDue === undefined ? 0n : parseMoney(data.refundDue, 'refundDue');
  const refundDueNet = data.refundDueNet === undefined ? 0n : parseMoney(data.refundDueNet, 'refundDueNet');
  if (refundDueNet > net || refundDue < refundDueNet)
    throw new Error(`credit note ${data.number}: refundDue ${data.refundDue} / refundDueNet ${data.refundDueNet} do not fit its net ${data.net}`);
  return {
    id: data.creditNoteId,
    kind: 'credit_note',
    occurredOn: date(data.issuedOn, 'issuedOn'),
    netCents: net - refundDueNet,
    vatCents: vat - (refundDue - refundDueNet),
    missionId: data.missionId,
    reference: data.number,
  };
}

/** Money given back to a client after a credit note on a paid part: positive, the pot subtracts its net. */
export function refundMovement(data: RefundRecordedV1): MoneyMovementRow {
  const amount = parseMoney(data.amount, 'amount');
  const netCents = parseMoney(data.netAmount, 'netAmount');
  return {
    id: data.refundId,
    kind: 'refund',
    occurredOn: date(data.refundedOn, 'refundedOn'),
    netCents,
    vatCents: amount - netCents,
    missionId: data.missionId,
    reference: data.invoiceNumber,
  };
}

/** An approved expense, dated the day it was approved (when the site committed to it). */
export function expenseMovement(data: ExpenseApprovedV1): MoneyMovementRow {
  return {
    id: data.expenseId,
    kind: 'expense',
    occurredOn: date(data.approvedOn, 'approvedOn'),
    netCents: parseMoney(data.net, 'net', true),
    vatCents: parseMoney(data.vat, 'vat', true),
    missionId: null,
    reference: data.category,
  };
}
