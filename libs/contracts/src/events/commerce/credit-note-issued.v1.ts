import { defineEvent } from '../../envelope';

/**
 * A credit note (avoir) was issued against an invoice, numbered in the site's credit-note series.
 * `net`/`vat`/`total` are what it cancels, as positive decimal strings.
 */
export interface CreditNoteIssuedV1 {
  creditNoteId: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  missionId: string | null;
  issuedOn: string;
  net: string;
  vat: string;
  total: string;
  /**
   * The part of `total` that cancels money already paid, due back to the client until refunds
   * (`commerce.refund.recorded`) settle it, and the part of `net` it carries. Added in issue 15;
   * absent from earlier events, which never credited a paid part: read absent as "0.00".
   */
  refundDue?: string;
  refundDueNet?: string;
}

/** Stable: remuneration consumes it. A breaking change is a v2 published beside it. */
export const CREDIT_NOTE_ISSUED_V1 = defineEvent<CreditNoteIssuedV1>('commerce.credit_note.issued', 1);
