import { DomainError } from '@kpa/contracts';
import { pdfText } from '@kpa/testing/pdf-text';
import { renderPdf } from '../documents/pdf/render-pdf';
import { aPrintableInvoice } from '../documents/printable.test-helpers';
import { Balance } from './invoice-payments';
import { ReceiptInput, receiptedDocument } from './receipted-invoice';

const INVOICE_ID = '0190a000-0000-7000-8000-0000000000f1';

/** The 1 529.27 € invoice of aPrintableInvoice, with this much paid, credited and refunded (cents). */
function balance(paidCents: number, creditedCents = 0, refundedCents = 0): Balance {
  return {
    totalCents: 152927,
    netCents: 127987,
    depositsCents: 0,
    depositsNetCents: 0,
    creditedCents,
    creditedNetCents: 0,
    paidCents,
    paidNetCents: 0,
    refundedCents,
    refundedNetCents: 0,
  };
}

function paidInTwo(): ReceiptInput {
  return {
    printable: aPrintableInvoice(),
    balance: balance(152927),
    payments: [
      { receivedOn: '2026-12-10', method: 'cheque', amountCents: 52927 },
      { receivedOn: '2026-11-30', method: 'transfer', amountCents: 100000 },
    ],
    creditNotes: [],
    refunds: [],
  };
}

function refusal(input: ReceiptInput): DomainError {
  try {
    receiptedDocument(input, INVOICE_ID);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The text with every run of white space as one space, as a person reads it. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('receiptedDocument', () => {
  it('keeps the frozen invoice as it is and adds the payments by date, paid on the day of the last one', () => {
    const input = paidInTwo();
    const copy = receiptedDocument(input, INVOICE_ID);
    const { receipt, ...invoice } = copy;
    expect(invoice).toEqual(aPrintableInvoice());
    expect(receipt).toEqual({
      paidOn: '2026-12-10',
      rows: [
        { date: '2026-11-30', label: 'Paiement — Virement', amount: '1000.00' },
        { date: '2026-12-10', label: 'Paiement — Chèque', amount: '529.27' },
      ],
      total: '1529.27',
      refundDue: null,
    });
    // The invoice given is not changed.
    expect(input.printable).not.toHaveProperty('receipt');
  });

  it('lists the credit notes and refunds known on its date, so the rows add up to what the client kept paid', () => {
    // 1 529.27 paid; then a 100.00 credit note on the paid part, 60.00 refunded: 40.00 still due back.
    const copy = receiptedDocument(
      {
        ...paidInTwo(),
        balance: balance(152927, 10000, 6000),
        creditNotes: [{ number: 'LACAPE-A-2026-00003', issuedOn: '2026-12-12', totalCents: 10000 }],
        refunds: [{ refundedOn: '2026-12-12', method: 'cash', amountCents: 6000 }],
      },
      INVOICE_ID,
    );
    expect(copy.receipt?.rows.map((r) => `${r.date} ${r.label} ${r.amount}`)).toEqual([
      '2026-11-30 Paiement — Virement 1000.00',
      '2026-12-10 Paiement — Chèque 529.27',
      '2026-12-12 Avoir N° LACAPE-A-2026-00003 100.00',
      '2026-12-12 Remboursement — Espèces -60.00',
    ]);
    // 1000.00 + 529.27 + 100.00 − 60.00 = 1569.27 = the amount due (1529.27) + the 40.00 still due back.
    expect(copy.receipt?.total).toBe('1569.27');
    expect(copy.receipt?.refundDue).toBe('40.00');
    expect(copy.receipt?.paidOn).toBe('2026-12-10');
  });

  it('refuses an invoice not fully paid with INVOICE_NOT_PAID, saying what is still due', () => {
    const error = refusal({ ...paidInTwo(), balance: balance(100000), payments: [paidInTwo().payments[1]] });
    expect(error.code).toBe('INVOICE_NOT_PAID');
    expect(error.message).toContain('529.27 € of 1529.27 € are still due');
    expect(error.details).toMatchObject({ number: 'LACAPE-F-2026-00042', outstanding: '529.27', amountDue: '1529.27', status: 'partially_paid' });
  });

  it('refuses an invoice with no payment: unpaid, cancelled by a credit note, or settled without a payment of its own', () => {
    expect(refusal({ ...paidInTwo(), balance: balance(0), payments: [] }).details).toMatchObject({ outstanding: '1529.27', status: 'issued' });
    const cancelled = refusal({ ...paidInTwo(), balance: balance(0, 152927), payments: [] });
    expect(cancelled.code).toBe('INVOICE_NOT_PAID');
    expect(cancelled.details).toMatchObject({ status: 'cancelled' });
    const byCreditNote = refusal({ ...paidInTwo(), balance: balance(100000, 52927), payments: [] });
    expect(byCreditNote.message).toContain('No payment was received');
  });

  it('refuses a draft: DOCUMENT_NOT_ISSUED', () => {
    expect(refusal({ ...paidInTwo(), printable: null }).code).toBe('DOCUMENT_NOT_ISSUED');
    expect(refusal({ ...paidInTwo(), printable: aPrintableInvoice({ number: null }) }).code).toBe('DOCUMENT_NOT_ISSUED');
  });

  it('prints "FACTURE ACQUITTÉE", the payments (date, method, amount), their total and the day it was paid; the invoice itself prints none of it', async () => {
    const copy = receiptedDocument(paidInTwo(), INVOICE_ID);
    const { text, info } = await pdfText(await renderPdf(copy));
    const words = flat(text);
    for (const expected of [
      'FACTURE ACQUITTÉE',
      'Acquittée le 10/12/2026',
      'Règlements reçus',
      '30/11/2026 Paiement — Virement 1 000,00 €',
      '10/12/2026 Paiement — Chèque 529,27 €',
      'Total des règlements 1 529,27 €',
      // The invoice's own content, as frozen.
      'N° LACAPE-F-2026-00042',
      'Boulangerie du Pile',
      'Total TTC 1 529,27 €',
    ]) {
      expect(words).toContain(expected);
    }
    expect(words).not.toContain('Reste à rembourser');
    expect(info.Title).toBe('Facture LACAPE-F-2026-00042 (acquittée)');

    const original = flat((await pdfText(await renderPdf(aPrintableInvoice()))).text);
    expect(original).not.toContain('ACQUITTÉE');
    expect(original).not.toContain('Règlements reçus');
  });
});
