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
  /** Money given back to the client after a credit note on a paid part, and the net it carries. */
  refundedCents: number;
  refundedNetCents: number;
}

/**
 * What the client owes, signed: total − deposits − credit notes − payments + refunds. Negative when a
 * credit note cancelled a part already paid and that money has not been given back yet.
 */
export function owedCents(b: Balance): number {
  return b.totalCents - b.depositsCents - b.creditedCents - b.paidCents + b.refundedCents;
}

/** What the client still owes (never negative). */
export function outstandingCents(b: Balance): number {
  return Math.max(0, owedCents(b));
}

/** What the seller owes the client back: a credit note on a paid part, not refunded yet (never negative). */
export function refundDueCents(b: Balance): number {
  return Math.max(0, -owedCents(b));
}

/** The net (excluding VAT) still to settle, signed like owedCents: negative when a refund is due. */
export function owedNetCents(b: Balance): number {
  return b.netCents - b.depositsNetCents - b.creditedNetCents - b.paidNetCents + b.refundedNetCents;
}

/** The part of the net that payments have still to settle. */
export function remainingNetCents(b: Balance): number {
  return Math.max(0, owedNetCents(b));
}

/** The net the refund still due carries. */
export function refundDueNetCents(b: Balance): number {
  return Math.max(0, -owedNetCents(b));
}

/** What credit notes may still cancel: the invoice less its deposits and earlier credit notes, paid or not. */
export function creditableCents(b: Balance): number {
  return b.totalCents - b.depositsCents - b.creditedCents;
}

export function creditableNetCents(b: Balance): number {
  return b.netCents - b.depositsNetCents - b.creditedNetCents;
}

/**
 * The status an issued invoice's balance implies. Nothing left to pay: `paid`, or `cancelled` when
 * credit notes cancelled it and the client kept nothing paid (nothing paid, or all of it refunded;
 * nothing deducted). A refund still due leaves it `paid`: the client owes nothing, the seller does.
 */
export function statusOf(b: Balance): Exclude<InvoiceStatus, 'draft'> {
  const kept = b.paidCents - b.refundedCents;
  if (outstandingCents(b) === 0) return kept === 0 && b.depositsCents === 0 && b.creditedCents > 0 && refundDueCents(b) === 0 ? 'cancelled' : 'paid';
  return kept > 0 ? 'partially_paid' : 'issued';
}

/**
 * The share of `totalNetCents` that `amountCents` of `totalCents` carries: proportional, rounded half
 * up to the cent; the whole amount takes the exact remainder, so the shares sum to the net exactly.
 */
function proportionalNet(amountCents: number, totalCents: number, totalNetCents: number): number {
  if (amountCents >= totalCents) return totalNetCents;
  return Number(roundHalfAwayFromZero(BigInt(amountCents) * BigInt(totalNetCents), BigInt(totalCents)));
}

/**
 * The share of the net a payment settles: proportional to what it pays of the outstanding amount,
 * rounded half up to the cent; the payment that settles the invoice takes the exact remainder, so
 * the shares of a paid invoice sum to its net (minus deposits and credit notes) exactly.
 */
export function settledNetCents(b: Balance, amountCents: number): number {
  return proportionalNet(amountCents, outstandingCents(b), remainingNetCents(b));
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
  invoice: {
    status: InvoiceStatus;
    issuedOn: string | null;
    balance: Balance;
    /** Off-premises contracts: the first day a payment may be received (C. consom. L221-10); null otherwise. */
    firstPaymentOn?: string | null;
  },
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
  const firstPaymentOn = invoice.firstPaymentOn ?? null;
  if (firstPaymentOn !== null && compareDates(input.receivedOn, firstPaymentOn) < 0) {
    throw new DomainError(
      'PAYMENT_BEFORE_WITHDRAWAL_DELAY',
      `This invoice comes from a contract concluded at the client's home (off-premises): no payment may be received before the 7-day period after the contract has expired (C. consom. L221-10, a criminal offence under L242-7). A payment received on ${input.receivedOn} is too early: the first allowed date is ${firstPaymentOn}. Give back any money already taken and record it from then on.`,
      { field: 'receivedOn', firstAllowedOn: firstPaymentOn },
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

export interface RefundPlan {
  amountCents: number;
  /** The share of the net (excluding VAT) the refund gives back: the refund of all that is due takes the exact remainder. */
  netCents: number;
  refundedOn: string;
  method: PaymentMethod;
  balance: Balance;
  status: Exclude<InvoiceStatus, 'draft'>;
}

/**
 * Money given back to the client after a credit note cancelled a part already paid: within what is
 * due back (422 REFUND_EXCEEDS_AMOUNT_DUE), dated neither in the future nor before the invoice's
 * issue, with the same methods as payments. Partial refunds allowed.
 */
export function planRefund(
  invoice: { status: InvoiceStatus; issuedOn: string | null; balance: Balance },
  input: { amount?: unknown; refundedOn?: unknown; method?: unknown },
  today: string,
): RefundPlan {
  assertIssued(invoice.status);
  const amountCents = parseCents(input.amount);
  if (typeof input.amount !== 'string' || amountCents === undefined || amountCents <= 0) {
    throw invalidField('amount', 'amount must be an amount above 0 written like "152.05" (at most 2 decimals).');
  }
  if (!PAYMENT_METHODS.includes(input.method as PaymentMethod)) throw invalidField('method', `method must be one of ${PAYMENT_METHODS.join(', ')}.`);
  if (!isIsoDate(input.refundedOn)) throw invalidField('refundedOn', 'refundedOn is required: the day the money was given back, written YYYY-MM-DD.');
  if (compareDates(input.refundedOn, today) > 0) throw invalidField('refundedOn', `refundedOn (${input.refundedOn}) is in the future: record a refund once made.`);
  if (invoice.issuedOn !== null && compareDates(input.refundedOn, invoice.issuedOn) < 0) {
    throw invalidField('refundedOn', `refundedOn (${input.refundedOn}) is before the invoice's issue date (${invoice.issuedOn}).`);
  }
  const due = refundDueCents(invoice.balance);
  if (amountCents > due) {
    throw new DomainError(
      'REFUND_EXCEEDS_AMOUNT_DUE',
      due === 0
        ? 'Nothing is due back to the client on this invoice: issue a credit note on the paid part first, then record its refund.'
        : `This refund (${formatCents(amountCents)}) exceeds what is due back to the client (${formatCents(due)}): record at most ${formatCents(due)}.`,
      { field: 'amount', refundDue: formatCents(due) },
    );
  }
  const netCents = proportionalNet(amountCents, due, refundDueNetCents(invoice.balance));
  const balance = { ...invoice.balance, refundedCents: invoice.balance.refundedCents + amountCents, refundedNetCents: invoice.balance.refundedNetCents + netCents };
  return { amountCents, netCents, refundedOn: input.refundedOn, method: input.method as PaymentMethod, balance, status: statusOf(balance) };
}
