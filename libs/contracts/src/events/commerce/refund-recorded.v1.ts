import { defineEvent } from '../../envelope';
import { PaymentMethod } from '../../rpc/commerce/invoices';

/**
 * Money was given back to a client after a credit note cancelled a part of an invoice already paid.
 * `netAmount` is the part of the net (excluding VAT) it gives back: proportional to what it refunds of
 * the amount due back, the refund that settles it taking the exact remainder. Money as positive
 * decimal strings: the consumers subtract it (the remuneration pot counts it as a negative movement).
 */
export interface RefundRecordedV1 {
  refundId: string;
  invoiceId: string;
  invoiceNumber: string;
  missionId: string | null;
  amount: string;
  netAmount: string;
  refundedOn: string;
  method: PaymentMethod;
}

/** Stable: remuneration consumes it. A breaking change is a v2 published beside it. */
export const REFUND_RECORDED_V1 = defineEvent<RefundRecordedV1>('commerce.refund.recorded', 1);
