import { defineEvent } from '../../envelope';
import { EInvoiceDocumentKind } from '../../rpc/commerce/e-invoices';

/**
 * An e-invoice's lifecycle ended badly at the PA (docs/e-invoicing.md, "Transmission"): the buyer
 * refused it (210, refusée) or the PA rejected it (213, rejetée). Published once per document, in the
 * sweep's transaction that records the status, so the site's coordinators are told: the invoice must
 * be corrected by a credit note and a new invoice. The client's name only for an organisation (only
 * organisations' invoices are transmitted).
 */
export interface EInvoiceRefusedV1 {
  siteId: string;
  kind: EInvoiceDocumentKind;
  /** The invoice's or credit note's id. */
  documentId: string;
  number: string;
  status: 'refused' | 'rejected';
  /** The reason the buyer or the PA gave, or null. */
  reason: string | null;
  /** When the PA dated it (ISO timestamp). */
  occurredAt: string;
}

/** Stable: the worker consumes it to tell the site's coordinators. A breaking change is a v2 published beside it. */
export const E_INVOICE_REFUSED_V1 = defineEvent<EInvoiceRefusedV1>('commerce.einvoice.refused', 1);
