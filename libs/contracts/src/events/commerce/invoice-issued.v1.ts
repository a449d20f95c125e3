import { defineEvent } from '../../envelope';
import { InvoiceKind } from '../../rpc/commerce/invoices';

/**
 * An invoice was issued: numbered in its site's invoice series and frozen. Money as decimal strings
 * ("152.05"). For a final invoice `net`/`vat`/`total` are the whole invoice's: its deposit
 * invoices were issued (and are paid) on their own, so revenue is counted from
 * `commerce.payment.recorded` (`netAmount`), never from this event. Nothing of the client's person.
 */
export interface InvoiceIssuedV1 {
  invoiceId: string;
  number: string;
  kind: InvoiceKind;
  clientId: string;
  quoteId: string | null;
  missionId: string | null;
  issuedOn: string;
  dueOn: string;
  net: string;
  vat: string;
  total: string;
}

/** Stable: remuneration consumes it. A breaking change is a v2 published beside it. */
export const INVOICE_ISSUED_V1 = defineEvent<InvoiceIssuedV1>('commerce.invoice.issued', 1);
