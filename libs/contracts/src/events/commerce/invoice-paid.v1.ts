import { defineEvent } from '../../envelope';

/** An invoice has nothing left to pay (payments, possibly with credit notes, settle it); `paidOn` is the day of the last payment. */
export interface InvoicePaidV1 {
  invoiceId: string;
  number: string;
  paidOn: string;
}

/** Stable: remuneration consumes it. A breaking change is a v2 published beside it. */
export const INVOICE_PAID_V1 = defineEvent<InvoicePaidV1>('commerce.invoice.paid', 1);
