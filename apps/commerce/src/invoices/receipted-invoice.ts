import { compareDates, DomainError, formatCents, PaymentMethod } from '@kpa/contracts';
import { PrintableDocument, PrintableReceipt, PrintableReceiptRow } from '../documents/printable';
import { Balance, outstandingCents, refundDueCents, statusOf } from './invoice-payments';

/**
 * The receipted copy of an invoice ("facture acquittée", issue 15 audit item 6): once the client has
 * paid it all, a separate document repeats the invoice's frozen content, marked "FACTURE ACQUITTÉE",
 * with the money received (date, method, amount) and "Acquittée le <day of the last payment>". The
 * invoice itself stays as issued (its PDF, its Factur-X); the copy gets its own stored file and hash.
 *
 * The copy states the settlement as it stands the day it is first read, and is never regenerated:
 * a credit note or a refund recorded after it is its own document (the credit note) and record (the
 * refund), which the copy does not claim to know. Credit notes and refunds already recorded that day
 * are listed with the payments, so the rows always add up to what the client kept paid.
 */

/** As French clients read them on a receipt. */
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  transfer: 'Virement',
  cheque: 'Chèque',
  cash: 'Espèces',
  card: 'Carte bancaire',
};

export interface ReceivedPayment {
  receivedOn: string;
  method: PaymentMethod;
  amountCents: number;
}

export interface RecordedRefund {
  refundedOn: string;
  method: PaymentMethod;
  amountCents: number;
}

export interface RecordedCreditNote {
  number: string;
  issuedOn: string;
  totalCents: number;
}

export interface ReceiptInput {
  /** The invoice's frozen document (null on a draft). */
  printable: PrintableDocument | null;
  balance: Balance;
  payments: readonly ReceivedPayment[];
  creditNotes: readonly RecordedCreditNote[];
  refunds: readonly RecordedRefund[];
}

function notPaid(number: string, message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('INVOICE_NOT_PAID', message, { number, ...details });
}

/**
 * Refuses a receipted copy unless the invoice is issued, fully paid (nothing left to pay, not
 * cancelled) and at least one payment was received: a final invoice whose deposits covered it all
 * has no payment of its own (the deposit invoices' receipted copies are the receipts).
 */
export function assertReceiptable(input: ReceiptInput, invoiceId: string): asserts input is ReceiptInput & { printable: PrintableDocument } {
  const doc = input.printable;
  if (doc === null || doc.number === null) {
    throw new DomainError('DOCUMENT_NOT_ISSUED', `The invoice ${invoiceId} is a draft: only an issued invoice, once fully paid, has a receipted copy.`, { id: invoiceId });
  }
  const status = statusOf(input.balance);
  const outstanding = outstandingCents(input.balance);
  if (outstanding > 0) {
    throw notPaid(
      doc.number,
      `The invoice ${doc.number} is not fully paid: ${formatCents(outstanding)} € of ${doc.totals.amountDue} € are still due. Its receipted copy exists once the rest is recorded as paid.`,
      { outstanding: formatCents(outstanding), amountDue: doc.totals.amountDue, status },
    );
  }
  if (status === 'cancelled') {
    throw notPaid(doc.number, `The invoice ${doc.number} was cancelled by credit notes, not paid: it has no receipted copy.`, { outstanding: '0.00', status });
  }
  if (input.payments.length === 0) {
    throw notPaid(doc.number, `No payment was received on the invoice ${doc.number} (its deposits or credit notes settled it): it has no receipted copy.`, {
      outstanding: '0.00',
      status,
    });
  }
}

/** Settlement rows by date (payments before credit notes and refunds of the same day), as printed. */
function receiptRows(input: ReceiptInput): { rows: (PrintableReceiptRow & { cents: number })[]; lastPaymentOn: string } {
  const rows = [
    ...input.payments.map((p) => ({ date: p.receivedOn, label: `Paiement — ${PAYMENT_METHOD_LABELS[p.method]}`, cents: p.amountCents, order: 0 })),
    ...input.creditNotes.map((c) => ({ date: c.issuedOn, label: `Avoir N° ${c.number}`, cents: c.totalCents, order: 1 })),
    ...input.refunds.map((r) => ({ date: r.refundedOn, label: `Remboursement — ${PAYMENT_METHOD_LABELS[r.method]}`, cents: -r.amountCents, order: 2 })),
  ].sort((a, b) => compareDates(a.date, b.date) || a.order - b.order);
  const lastPaymentOn = input.payments.map((p) => p.receivedOn).reduce((last, day) => (compareDates(day, last) > 0 ? day : last));
  return { rows: rows.map(({ date, label, cents }) => ({ date, label, amount: formatCents(cents), cents })), lastPaymentOn };
}

/**
 * The receipted copy: the invoice's frozen document unchanged (number, seller, client, lines, totals,
 * mentions), with the receipt added. Throws INVOICE_NOT_PAID (or DOCUMENT_NOT_ISSUED) as
 * assertReceiptable does.
 */
export function receiptedDocument(input: ReceiptInput, invoiceId: string): PrintableDocument {
  assertReceiptable(input, invoiceId);
  const { rows, lastPaymentOn } = receiptRows(input);
  const refundDue = refundDueCents(input.balance);
  const receipt: PrintableReceipt = {
    paidOn: lastPaymentOn,
    rows: rows.map(({ date, label, amount }) => ({ date, label, amount })),
    total: formatCents(rows.reduce((sum, row) => sum + row.cents, 0)),
    refundDue: refundDue > 0 ? formatCents(refundDue) : null,
  };
  return { ...input.printable, receipt };
}
