import { compareDates, DomainError, formatCents, invalidField, InvoiceStatus, isIsoDate, parseCents, PAYMENT_METHODS, PaymentMethod, roundHalfAwayFromZero } from '@kpa/contracts';
import { assertIssued } from './invoice';

/** An issued invoice's balance and the payments that settle it: pure rules. */

/** The money state of an issued invoice, in cents (what the invoice row stores). */
export interface Balance {
  totalCents: number;
  netCents: number;
  /** Final invoices: Σ deposits deducted, and their net. */
  depositsCents: number;
  depositsNetCents: number;
  creditedCents: number;
  creditedNetCents: number;
  paidCents: number;
  paidNetCents: number;
}

/** What the client still owes: total − deposits − credit notes − payments. */
export function outstandingCents(b: Balance): number {
  return b.totalCents - b.depositsCents - b.creditedCents - b.paidCents;
}

/** The part of the net that payments have still to settle. */
export function remainingNetCents(b: Balance): number {
  return b.netCents - b.depositsNetCents - b.creditedNetCents - b.paidNetCents;
}

/**
 * The status an issued invoice's balance implies. Nothing left: `paid`, or `cancelled` when credit
 * notes alone cancelled it (nothing paid, nothing deducted).
 */
export function statusOf(b: Balance): Exclude<InvoiceStatus, 'draft'> {
  if (outstandingCents(b) === 0) return b.paidCents === 0 && b.depositsCents === 0 && b.creditedCents > 0 ? 'cancelled' : 'paid';
  return b.paidCents > 0 ? 'partially_paid' : 'issued';
}

/**
 * The share of the net a payment settles: proportional to what it pays of the outstanding amount,
 * rounded half up to the cent; the payment that settles the invoice takes the exact remainder, so
 * the shares of a paid invoice sum to its net (minus deposits and credit notes) exactly.
 */
export function settledNetCents(b: Balance, amountCents: number): number {
  const outstanding = outstandingCents(b);
  const remaining = remainingNetCents(b);
  if (amountCents >= outstanding) return remaining;
  return Number(roundHalfAwayFromZero(BigInt(amountCents) * BigInt(remaining), BigInt(outstanding)));
}

export interface PaymentPlan {
  amountCents: number;
  netCents: number;
  receivedOn: string;
  method: PaymentMethod;
  balance: Balance;
  status: Exclude<InvoiceStatus, 'draft'>;
  /** The invoice has nothing left to pay after this payment. */
  settles: boolean;
}

/** A payment of an issued invoice: partial payments allowed, never more than what is owed. */
export function planPayment(
  invoice: { status: InvoiceStatus; issuedOn: string | null; balance: Balance },
  input: { amount?: unknown; receivedOn?: unknown; method?: unknown },
  today: string,
): PaymentPlan {
  assertIssued(invoice.status);
  const amountCents = parseCents(input.amount);
  if (typeof input.amount !== 'string' || amountCents === undefined || amountCents <= 0) {
    throw invalidField('amount', 'amount must be an amount above 0 written like "152.05" (at most 2 decimals).');
  }
  if (!PAYMENT_METHODS.includes(input.method as PaymentMethod)) throw invalidField('method', `method must be one of ${PAYMENT_METHODS.join(', ')}.`);
  if (!isIsoDate(input.receivedOn)) throw invalidField('receivedOn', 'receivedOn is required: the day the money was received, written YYYY-MM-DD.');
  if (compareDates(input.receivedOn, today) > 0) throw invalidField('receivedOn', `receivedOn (${input.receivedOn}) is in the future: record a payment once received.`);
  if (invoice.issuedOn !== null && compareDates(input.receivedOn, invoice.issuedOn) < 0) {
    throw invalidField(
      'receivedOn',
      `receivedOn (${input.receivedOn}) is before the invoice's issue date (${invoice.issuedOn}): money received earlier is a deposit, invoiced by a deposit invoice.`,
    );
  }
  const outstanding = outstandingCents(invoice.balance);
  if (amountCents > outstanding) {
    throw new DomainError(
      'PAYMENT_EXCEEDS_BALANCE',
      outstanding === 0
        ? `Nothing is left to pay on this invoice (it is ${invoice.status}).`
        : `This payment (${formatCents(amountCents)}) exceeds what is left to pay (${formatCents(outstanding)}): record at most ${formatCents(outstanding)}.`,
      { field: 'amount', outstanding: formatCents(outstanding) },
    );
  }
  const netCents = settledNetCents(invoice.balance, amountCents);
  const balance = { ...invoice.balance, paidCents: invoice.balance.paidCents + amountCents, paidNetCents: invoice.balance.paidNetCents + netCents };
  return {
    amountCents,
    netCents,
    receivedOn: input.receivedOn,
    method: input.method as PaymentMethod,
    balance,
    status: statusOf(balance),
    settles: outstandingCents(balance) === 0,
  };
}
