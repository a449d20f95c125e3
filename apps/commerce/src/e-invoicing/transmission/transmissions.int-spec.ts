import { createHash, randomUUID } from 'node:crypto';
import { Invoice, InvoiceActor, RPC, VatRate } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { facturXParts } from '@kpa/testing/factur-x';
import { SandboxPa } from '@kpa/testing/sandbox-pa';
import { CommerceUnderTest, seedClient, seedSeller, startCommerce } from '../../commerce-service.test-helpers';

/**
 * The transmission flow through the real commerce service (RPC over NATS, Postgres under row-level
 * security) and a sandbox PA on a real HTTP port: a business's invoice is queued when issued,
 * deposited by a sweep as its stored Factur-X, follows the statuses the PA reports, and its payment
 * is reported; a PA that is down is retried later with the error kept; two sweeps at once deposit
 * each document once.
 */
describe('e-invoice transmission to a PA', () => {
  let commerce: CommerceUnderTest;
  const sandbox = new SandboxPa('pa-token');
  const today = todayInFrance();
  const actor: InvoiceActor = { userId: randomUUID(), role: 'coordinator' };
  const [hostId, siteId] = [randomUUID(), randomUUID()];
  const clients = { company: randomUUID(), publicBody: randomUUID(), individual: randomUUID() };
  const line = (unitPrice: string, vatRate: VatRate = '20') => ({ description: 'Entretien des espaces verts', quantity: '1', unit: 'flat_rate' as const, unitPrice, vatRate });

  const issued = async (clientId: string, unitPrice = '1000.00'): Promise<Invoice> => {
    const draft = await commerce.call(RPC.commerce.invoiceCreate, { siteId, actor, invoice: { clientId, supplyDate: today, lines: [line(unitPrice)] } as never });
    return commerce.call(RPC.commerce.invoiceIssue, { siteId, invoiceId: draft.id, actor });
  };
  const transmission = (id: string, kind: 'invoice' | 'credit_note' = 'invoice') => commerce.call(RPC.commerce.einvoiceTransmission, { siteId, kind, id });
  const sweep = () => commerce.call(RPC.commerce.einvoiceTransmitDue, {});

  beforeAll(async () => {
    await sandbox.start();
    commerce = await startCommerce('transmissions', { EINVOICE_PA: 'http', EINVOICE_PA_URL: sandbox.url, EINVOICE_PA_TOKEN: 'pa-token' });
    await seedSeller(commerce.db, { hostId, siteId, siteCode: 'LACAPE' });
    await seedClient(commerce.db, { id: clients.company, siteId, kind: 'company', name: 'Boulangerie du Pile', siret: '73282932000074', vatNumber: 'FR44732829320' });
    await seedClient(commerce.db, { id: clients.publicBody, siteId, kind: 'public_body', name: 'Mairie de Roubaix', siret: '21590510000008' });
    await seedClient(commerce.db, { id: clients.individual, siteId, kind: 'individual', name: 'Mme Durand' });
  });

  afterAll(async () => {
    await commerce?.close();
    await sandbox.stop();
  });

  beforeEach(() => {
    sandbox.failWith = null;
  });

  it('queues a business’s invoice at issue, deposits its stored Factur-X, follows the PA’s statuses and reports the payment', async () => {
    const invoice = await issued(clients.company);
    expect(await transmission(invoice.id)).toMatchObject({ kind: 'invoice', number: invoice.number, status: 'pending', pa: 'http', paReference: null, attempts: 0, history: [] });

    expect(await sweep()).toMatchObject({ deposited: 1, failed: 0 });
    const deposit = sandbox.byNumber(invoice.number as string);
    expect(deposit).toMatchObject({ kind: 'invoice', sellerSiren: '120027016', buyerSiren: '732829320', idempotencyKey: invoice.id });
    // What the PA got is the Factur-X the API serves, byte for byte, with its XML inside.
    const file = await commerce.call(RPC.commerce.documentEInvoice, { siteId, kind: 'invoice', id: invoice.id, format: 'factur-x' });
    expect(
      createHash('sha256')
        .update(deposit?.bytes as Buffer)
        .digest('hex'),
    ).toBe(file.sha256);
    expect((await facturXParts(deposit?.bytes as Buffer)).xml).toContain(`<ram:ID>${invoice.number}</ram:ID>`);
    const deposited = await transmission(invoice.id);
    expect(deposited).toMatchObject({ status: 'deposited', paReference: deposit?.reference, nextAttemptAt: null });
    expect(deposited.history).toEqual([expect.objectContaining({ status: 'deposited', code: 200, source: 'pa' })]);

    // The buyer's platform receives then approves it; the PA answers its whole history every time.
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    sandbox.report(invoice.number as string, 202, null, later(1));
    sandbox.report(invoice.number as string, 203, null, later(2));
    sandbox.report(invoice.number as string, 205, null, later(3));
    expect(await sweep()).toMatchObject({ statusesRecorded: 2, paymentsReported: 0 });
    expect(await sweep()).toMatchObject({ statusesRecorded: 0 });
    expect((await transmission(invoice.id)).history.map((h) => [h.status, h.code])).toEqual([
      ['deposited', 200],
      ['received', 202],
      ['accepted', 205],
    ]);
    expect((await transmission(invoice.id)).status).toBe('accepted');

    await commerce.call(RPC.commerce.paymentRecord, { siteId, invoiceId: invoice.id, actor, payment: { amount: invoice.totals.amountDue, receivedOn: today, method: 'transfer' } });
    expect(await sweep()).toMatchObject({ paymentsReported: 1 });
    expect(sandbox.byNumber(invoice.number as string)?.payment).toEqual({ code: 212, paidOn: today, amount: invoice.totals.amountDue });
    const paid = await transmission(invoice.id);
    expect(paid.status).toBe('paid');
    expect(paid.history.find((h) => h.status === 'paid')).toMatchObject({ code: 212, source: 'platform' });
    // Ended: not asked again.
    const before = sandbox.requests;
    expect(await sweep()).toEqual({ deposited: 0, failed: 0, statusesRecorded: 0, paymentsReported: 0 });
    expect(sandbox.requests).toBe(before);
  });

  it('transmits a public body’s invoice and the credit note of a transmitted invoice; never an individual’s', async () => {
    const publicInvoice = await issued(clients.publicBody, '300.00');
    const individual = await issued(clients.individual, '80.00');
    const creditNote = await commerce.call(RPC.commerce.creditNoteCreate, {
      siteId,
      invoiceId: publicInvoice.id,
      actor,
      creditNote: { full: true, reason: 'Erreur de destinataire' },
    });
    await sweep();
    expect(await transmission(publicInvoice.id)).toMatchObject({ status: 'deposited' });
    expect(await transmission(creditNote.id, 'credit_note')).toMatchObject({ kind: 'credit_note', number: creditNote.number, status: 'deposited' });
    expect(sandbox.byNumber(creditNote.number)).toMatchObject({ kind: 'credit_note', buyerSiren: '215905100' });
    await expect(transmission(individual.id)).rejects.toMatchObject({ code: 'TRANSMISSION_NOT_FOUND' });
    expect(sandbox.byNumber(individual.number as string)).toBeUndefined();
  });

  it('keeps a PA’s refusal with its reason and stops there', async () => {
    const invoice = await issued(clients.company, '45.00');
    await sweep();
    sandbox.report(invoice.number as string, 210, 'Prestation non commandée');
    await sweep();
    await commerce.call(RPC.commerce.paymentRecord, { siteId, invoiceId: invoice.id, actor, payment: { amount: invoice.totals.amountDue, receivedOn: today, method: 'cash' } });
    await sweep();
    const refused = await transmission(invoice.id);
    expect(refused.status).toBe('refused');
    expect(refused.history.find((h) => h.status === 'refused')).toMatchObject({ code: 210, reason: 'Prestation non commandée' });
    expect(sandbox.byNumber(invoice.number as string)?.payment).toBeNull();
  });

  it('retries a deposit the PA could not take, with the error kept, and deposits it once it answers', async () => {
    sandbox.failWith = 503;
    const invoice = await issued(clients.company, '99.00');
    expect(await sweep()).toMatchObject({ deposited: 0, failed: 1 });
    const pending = await transmission(invoice.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.lastError).toMatch(/answered 503/);
    expect(new Date(pending.nextAttemptAt as string).getTime()).toBeGreaterThan(Date.now() + 50_000);
    // Not due yet: the next sweep leaves it.
    sandbox.failWith = null;
    expect(await sweep()).toMatchObject({ deposited: 0, failed: 0 });
    await commerce.db.query(`UPDATE commerce.einvoice_transmission SET next_attempt_at = now() WHERE document_id = $1`, [invoice.id]);
    expect(await sweep()).toMatchObject({ deposited: 1 });
    expect(await transmission(invoice.id)).toMatchObject({ status: 'deposited', attempts: 1, lastError: null });
  });

  it('deposits each document once when two sweeps run at once', async () => {
    const invoices = await Promise.all([0, 1, 2, 3, 4].map((i) => issued(clients.company, `${10 + i}.00`)));
    const calls = sandbox.depositCalls;
    const outcomes = await Promise.all([sweep(), sweep()]);
    expect(outcomes.reduce((n, o) => n + o.deposited, 0)).toBe(5);
    expect(sandbox.depositCalls - calls).toBe(5);
    for (const invoice of invoices) expect((await transmission(invoice.id)).status).toBe('deposited');
  });

  it('keeps every reported status once and unchanged (the database refuses to rewrite the history)', async () => {
    const [row] = await commerce.db.query(`SELECT transmission_id FROM commerce.einvoice_transmission_status LIMIT 1`);
    await expect(commerce.db.query(`UPDATE commerce.einvoice_transmission_status SET reason = 'x' WHERE transmission_id = $1`, [row.transmission_id])).rejects.toThrow();
    await expect(commerce.db.query(`DELETE FROM commerce.einvoice_transmission_status WHERE transmission_id = $1`, [row.transmission_id])).rejects.toThrow();
  });
});
