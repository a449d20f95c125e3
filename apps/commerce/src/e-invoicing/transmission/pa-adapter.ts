import { EInvoiceDocumentKind } from '@kpa/contracts';
import { ReportedStatus } from './transmission';

/**
 * The port to an approved platform (PA): what the platform needs of one to hand it e-invoices and
 * follow them (docs/e-invoicing.md, "Writing a PA adapter"). An adapter knows one PA's protocol and
 * nothing of the platform's tables; the transmission service (transmissions.service.ts) calls it from
 * its sweep, records what it answers and retries what fails.
 *
 * Every method may be called again for the same document after a crash (the platform cannot know
 * whether a call it did not see the end of reached the PA): an adapter makes `deposit` idempotent on
 * `documentId` (the same reference for the same document) and `reportPayment` harmless to repeat.
 * Errors are thrown as plain errors with a message a coordinator can read; the sweep keeps it and
 * tries again later.
 */
export interface PaAdapter {
  /** Its name, kept on each transmission ("file-drop", "http"). */
  readonly name: string;
  /** Hands one Factur-X to the PA; answers the PA's reference of the deposit. */
  deposit(deposit: EInvoiceDeposit): Promise<{ reference: string }>;
  /** Every lifecycle status the PA knows of a deposit, in any order (the platform keeps each once). */
  statuses(reference: string): Promise<PaStatusReport[]>;
  /** Tells the PA the invoice was paid (status 212, encaissée). */
  reportPayment(reference: string, payment: PaymentReport): Promise<void>;
}

export interface EInvoiceDeposit {
  kind: EInvoiceDocumentKind;
  /** The invoice's or credit note's id: the idempotency key of the deposit. */
  documentId: string;
  number: string;
  /** The seller's SIREN (the host structure's), who deposits. */
  sellerSiren: string;
  /** The buyer's SIREN, its routing address in the directory; null when the client has no SIRET. */
  buyerSiren: string | null;
  filename: string;
  /** The Factur-X, as stored: the same bytes every time. */
  bytes: Buffer;
  sha256: string;
}

export interface PaStatusReport {
  status: ReportedStatus;
  /** When the PA says it happened. */
  occurredAt: Date;
  reason: string | null;
}

export interface PaymentReport {
  /** The day the invoice was paid in full, YYYY-MM-DD. */
  paidOn: string;
  /** The amount received, incl. VAT ("1250.00"). */
  amount: string;
}

/** Injection token of the configured adapter (null when no PA is connected). */
export const PA_ADAPTER = Symbol('PA_ADAPTER');
