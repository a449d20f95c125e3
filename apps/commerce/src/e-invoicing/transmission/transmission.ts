import { ClientKind, TransmissionStatus } from '@kpa/contracts';
import { isB2c } from '../../e-reporting/e-reporting';

/**
 * The transmission of e-invoices to the host structure's approved platform (PA), as rules on values
 * (docs/e-invoicing.md, "Transmission"): which documents go, the reform's lifecycle statuses and
 * their order, and when a failed deposit is tried again.
 */

/** A status the PA (or the platform) reports; `pending` is only ever the platform's own. */
export type ReportedStatus = Exclude<TransmissionStatus, 'pending'>;

/**
 * The reform's lifecycle codes (DGFiP external specifications, "cycle de vie"): 200, 210, 212 and
 * 213 are the mandatory ones; 202 and 205 are the usual steps a buyer's platform reports between.
 */
export const LIFECYCLE_CODES: Readonly<Record<ReportedStatus, number>> = {
  deposited: 200,
  received: 202,
  accepted: 205,
  refused: 210,
  paid: 212,
  rejected: 213,
};

/** The status a lifecycle code stands for, or undefined for a code the platform does not follow. */
export function statusOfCode(code: number): ReportedStatus | undefined {
  return (Object.keys(LIFECYCLE_CODES) as ReportedStatus[]).find((status) => LIFECYCLE_CODES[status] === code);
}

/** French words of each status, as the console and the documentation say them. */
export const STATUS_WORDS: Readonly<Record<TransmissionStatus, string>> = {
  pending: 'en attente de dépôt',
  deposited: 'déposée',
  rejected: 'rejetée par la plateforme',
  received: 'reçue',
  accepted: 'approuvée',
  refused: 'refusée par le client',
  paid: 'encaissée',
};

/**
 * The buyers whose invoices are e-invoiced, hence transmitted: every taxable person in France — a
 * business, a public body (the PA routes it to Chorus Pro), an association with a VAT number. The
 * others are B2C and go to the e-reporting instead (e-reporting.ts), never to a PA.
 */
export function isTransmitted(buyer: { kind: ClientKind; vatNumber: string | null }): boolean {
  return !isB2c(buyer);
}

/** The forward steps of the lifecycle; refused, rejected and paid end it. */
const STEP: Readonly<Record<TransmissionStatus, number>> = { pending: 0, deposited: 1, received: 2, accepted: 3, paid: 4, refused: 4, rejected: 4 };
const FINAL: ReadonlySet<TransmissionStatus> = new Set(['rejected', 'refused', 'paid']);
/** What each ending may follow: a PA rejects what it was handed; a buyer refuses before approving. */
const MAY_FOLLOW: Readonly<Partial<Record<ReportedStatus, ReadonlySet<TransmissionStatus>>>> = {
  rejected: new Set(['pending', 'deposited']),
  refused: new Set(['pending', 'deposited', 'received']),
};

/**
 * The document's status once `reported` is known. Every report is kept in the history; only a step
 * forward moves the status: reports arrive late or out of order (a PA polled after a crash answers
 * its whole history), and an ended lifecycle (rejected, refused, paid) stays ended.
 */
export function statusAfter(current: TransmissionStatus, reported: ReportedStatus): TransmissionStatus {
  if (FINAL.has(current)) return current;
  const allowed = MAY_FOLLOW[reported];
  if (allowed) return allowed.has(current) ? reported : current;
  return STEP[reported] > STEP[current] ? reported : current;
}

/**
 * Whether the platform reports the invoice's payment (status 212, encaissée): an invoice (a credit
 * note is never "paid"), fully paid, handed to the PA and not ended. The reform needs it for services
 * whose VAT is due on receipts; the platform reports it for every paid invoice, which a PA accepts.
 */
export function paymentToReport(kind: 'invoice' | 'credit_note', invoicePaid: boolean, status: TransmissionStatus): boolean {
  return kind === 'invoice' && invoicePaid && (status === 'deposited' || status === 'received' || status === 'accepted');
}

/** The first retry after a minute, then doubling, never more than six hours apart. */
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 3600_000;

/** When a deposit that failed for the `attempts`-th time (1, 2, …) is tried again. */
export function nextAttemptAt(attempts: number, now: Date): Date {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 20);
  return new Date(now.getTime() + Math.min(FIRST_RETRY_MS * 2 ** exponent, LONGEST_RETRY_MS));
}

/** An error as kept on the row and shown to a coordinator: one line, at most 500 characters. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.replace(/\s+/g, ' ').trim() || 'unknown error';
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}
