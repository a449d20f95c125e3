import { defineEvent } from '../../envelope';
import { PaymentMethod } from '../../rpc/commerce/invoices';

/**
 * A payment of an invoice was recorded. `netAmount` is the part of the invoice's net (excluding VAT)
 * it settles: each payment takes its proportional share, the one that settles the invoice takes the
 * exact remainder, so the `netAmount`s of an invoice sum to its net (minus deposits deducted by a
 * final invoice and minus credit notes) to the cent. Money as decimal strings.
 */
export interface PaymentRecordedV1 {
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string;
  missionId: string | null;
  amount: string;
  netAmount: string;
  receivedOn: string;
  method: PaymentMethod;
}

/** Stable: remuneration consumes it. A breaking change is a v2 published beside it. */
export const PAYMENT_RECORDED_V1 = defineEvent<PaymentRecordedV1>('commerce.payment.recorded', 1);
