import { createHash, randomUUID } from 'node:crypto';
import { InvoiceActor, RPC } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { OwnerDatabase } from '@kpa/testing';
import { pdfText } from '@kpa/testing/pdf-text';
import { CommerceUnderTest, seedClient, seedSeller, startCommerce } from '../commerce-service.test-helpers';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The receipted copy ("facture acquittée") through the real commerce service (RPC over NATS,
 * Postgres under row-level security): refused until the invoice is fully paid, then generated once at
 * its first read and stored in document_file under its own kind with its own SHA-256, beside the
 * invoice's PDF which stays as issued; never regenerated, even after a later credit note and refund.
 */
describe('the receipted copy of a paid invoice, stored once', () => {
  let commerce: CommerceUnderTest;
  let db: OwnerDatabase;
  const today = todayInFrance();
  const siteId = randomUUID();
  const clientId = randomUUID();
  const actor: InvoiceActor = { userId: randomUUID(), role: 'coordinator' };

  const call: CommerceUnderTest['call'] = (subject, data) => commerce.call(subject, data);

  const flat = (text: string) => text.replace(/\s+/g, ' ');

  beforeAll(async () => {
    commerce = await startCommerce('receipted_invoice');
    db = commerce.db;
    await seedSeller(db, { hostId: randomUUID(), siteId, siteCode: 'LACAPE' });
    await seedClient(db, { id: clientId, siteId, kind: 'individual', name: 'Mme Durand' });
  });

  afterAll(() => commerce?.close());

  it('is refused until fully paid, then stored once with its own hash beside the unchanged invoice PDF, and never regenerated', async () => {
    const draft = await call(RPC.commerce.invoiceCreate, {
      siteId,
      actor,
      invoice: { clientId, supplyDate: today, lines: [{ description: 'Taille de haie', quantity: '4', unit: 'hour', unitPrice: '25', vatRate: '20' }] } as never,
    });
    // A draft has none.
    await expect(call(RPC.commerce.documentReceiptedInvoice, { siteId, invoiceId: draft.id })).rejects.toMatchObject({ code: 'DOCUMENT_NOT_ISSUED' });
    const invoice = await call(RPC.commerce.invoiceIssue, { siteId, invoiceId: draft.id, actor }); // 100.00 + 20.00 VAT
    const original = await call(RPC.commerce.documentPdf, { siteId, kind: 'invoice', id: invoice.id });

    await call(RPC.commerce.paymentRecord, { siteId, invoiceId: invoice.id, actor, payment: { amount: '50.00', receivedOn: today, method: 'cheque' } });
    await expect(call(RPC.commerce.documentReceiptedInvoice, { siteId, invoiceId: invoice.id })).rejects.toMatchObject({
      code: 'INVOICE_NOT_PAID',
      message: expect.stringContaining('70.00 € of 120.00 € are still due'),
      details: { outstanding: '70.00' },
    });
    // Another site's invoice is not found.
    await expect(call(RPC.commerce.documentReceiptedInvoice, { siteId: randomUUID(), invoiceId: invoice.id })).rejects.toMatchObject({ code: 'INVOICE_NOT_FOUND' });

    await call(RPC.commerce.paymentRecord, { siteId, invoiceId: invoice.id, actor, payment: { amount: '70.00', receivedOn: today, method: 'transfer' } });
    const [a, b] = await Promise.all([0, 1].map(() => call(RPC.commerce.documentReceiptedInvoice, { siteId, invoiceId: invoice.id })));
    expect(a.contentBase64).toBe(b.contentBase64);
    const bytes = Buffer.from(a.contentBase64, 'base64');
    expect(a).toMatchObject({ filename: `${invoice.number}_acquittee.pdf`, sha256: sha256(bytes), frozen: true });
    const words = flat((await pdfText(bytes)).text);
    expect(words).toContain('FACTURE ACQUITTÉE');
    expect(words).toContain(`N° ${invoice.number}`);
    expect(words).toContain('Paiement — Chèque 50,00 €');
    expect(words).toContain('Paiement — Virement 70,00 €');
    expect(words).toContain('Total des règlements 120,00 €');

    const rows: { kind: string; sha256: string; bytes: Buffer }[] = await db.query('SELECT kind, sha256, bytes FROM commerce.document_file WHERE document_id = $1 ORDER BY kind', [
      invoice.id,
    ]);
    expect(rows.map((r) => r.kind)).toEqual(['invoice', 'invoice_receipted']);
    expect(rows[1].sha256).toBe(a.sha256);
    expect(rows[1].bytes.equals(bytes)).toBe(true);
    // The invoice's own PDF is the one it had before the payments.
    expect(rows[0].sha256).toBe(original.sha256);
    expect(rows[0].sha256).not.toBe(a.sha256);
    await expect(db.query("UPDATE commerce.document_file SET filename = 'x.pdf' WHERE kind = 'invoice_receipted' AND document_id = $1", [invoice.id])).rejects.toThrow(
      /append-only/,
    );

    // A commercial gesture after payment, refunded: the copy states the payments as of its date and is not regenerated.
    await call(RPC.commerce.creditNoteCreate, {
      siteId,
      invoiceId: invoice.id,
      actor,
      creditNote: { lines: [{ description: 'Geste commercial', quantity: '1', unit: 'flat_rate', unitPrice: '10', vatRate: '20' }], reason: 'Retard' },
    });
    await call(RPC.commerce.refundRecord, { siteId, invoiceId: invoice.id, actor, refund: { amount: '12.00', refundedOn: today, method: 'transfer' } });
    const later = await call(RPC.commerce.documentReceiptedInvoice, { siteId, invoiceId: invoice.id });
    expect(later.sha256).toBe(a.sha256);
    expect(later.contentBase64).toBe(a.contentBase64);
  });
});
