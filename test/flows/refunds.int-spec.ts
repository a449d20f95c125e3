import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplicationContext, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { addDays, ErrorBody, InvoiceActor, RPC, RpcRequest, RpcResponse, RpcSubject } from '@kpa/contracts';
import { createLogger, loadConfig, NamespacedNatsServer, PlatformModule, ServiceConfig, todayInFrance } from '@kpa/platform';
import { createTestEnv, databaseAsOwner, destroyTestEnv, eventually, OwnerDatabase, TestEnv } from '@kpa/testing';
import { CommerceConfig } from '../../apps/commerce/src/commerce.config';
import { CommerceModule } from '../../apps/commerce/src/commerce.module';
// The consumer side of the flow: remuneration's ledger, as it runs, on the same stream.
import { REMUNERATION_DATABASE, RemunerationRepositoriesModule } from '../../apps/remuneration/src/remuneration.module';
import { LedgerSubscription } from '../../apps/remuneration/src/ledger/ledger.subscription';
import { missionMargin } from '../../apps/remuneration/src/periods/period-figures';

/**
 * Credit notes on a paid part and refunds (issue 15), end to end through the real commerce service
 * (RPC over NATS, Postgres under row-level security, the outbox relay) and remuneration's real
 * ledger consumer: a paid invoice is credited, the money becomes due back to the client, a refund
 * settles it; the invoice's balance and status, the receivables board and the ledger's money
 * movements follow. Also the off-premises rule: no payment during the 7 days after a quote signed
 * at the client's home was accepted (C. consom. L221-10).
 */
describe('credit notes on a paid part and refunds, in Postgres and NATS', () => {
  let env: TestEnv;
  let commerce: INestMicroservice;
  let remuneration: INestApplicationContext;
  let db: OwnerDatabase;
  let nc: NatsConnection;
  const today = todayInFrance();
  const siteId = randomUUID();
  const clientId = randomUUID();
  const actor: InvoiceActor = { userId: randomUUID(), role: 'coordinator' };
  const LINE = { description: 'Taille de haie', quantity: '4', unit: 'hour', unitPrice: '25', vatRate: '20' };

  async function call<S extends RpcSubject>(subject: S, data: RpcRequest<S>): Promise<RpcResponse<S>> {
    const reply = await nc.request(`${env.namespace}.${subject}`, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 60_000 });
    const { err, response } = reply.json<{ err?: ErrorBody; response?: RpcResponse<S> }>();
    if (err) throw Object.assign(new Error(err.message), err);
    return response as RpcResponse<S>;
  }

  function ledgerModule(config: ServiceConfig): DynamicModule {
    @Module({})
    class LedgerOnlyModule {}
    return {
      module: LedgerOnlyModule,
      imports: [
        PlatformModule.forService({
          service: 'remuneration',
          config,
          logger: createLogger('remuneration', 'silent'),
          database: REMUNERATION_DATABASE,
          subscriptions: [LedgerSubscription],
        }),
        RemunerationRepositoriesModule,
      ],
    };
  }

  async function issuedInvoice(input: Record<string, unknown>) {
    const draft = await call(RPC.commerce.invoiceCreate, { siteId, actor, invoice: { supplyDate: today, ...input } as never });
    return call(RPC.commerce.invoiceIssue, { siteId, invoiceId: draft.id, actor });
  }

  async function movements(reference: string): Promise<{ kind: string; net_cents: string; vat_cents: string }[]> {
    return db.query(
      `SELECT kind, net_cents::text AS net_cents, vat_cents::text AS vat_cents FROM remuneration.money_movement
        WHERE site_id = $1 AND reference = ANY($2::text[]) ORDER BY recorded_at, kind`,
      [siteId, [reference]],
    );
  }

  /** What the ledger's rows of these documents bring to the pot (and a mission's margin): the money collected, net. */
  async function collected(...references: string[]): Promise<bigint> {
    const rows = (await Promise.all(references.map(movements))).flat();
    return missionMargin(
      rows.map((r) => ({ kind: r.kind as 'payment' | 'credit_note' | 'refund' | 'expense', netCents: BigInt(r.net_cents), vatCents: BigInt(r.vat_cents) })),
      false,
    );
  }

  beforeAll(async () => {
    env = await createTestEnv('refunds');
    const commerceConfig = loadConfig(CommerceConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    commerce = await NestFactory.createMicroservice<MicroserviceOptions>(CommerceModule.register(commerceConfig, createLogger('commerce', 'silent')), {
      strategy: new NamespacedNatsServer({ servers: env.natsUrl.split(','), queue: 'commerce' }, env.namespace),
      logger: false,
      abortOnError: false,
    });
    await commerce.listen();
    const remunerationConfig = loadConfig(ServiceConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    remuneration = await NestFactory.createApplicationContext(ledgerModule(remunerationConfig), { logger: false, abortOnError: false });
    await remuneration.init();
    db = databaseAsOwner(env);
    nc = await connect({ servers: env.natsUrl.split(',') });

    const hostId = randomUUID();
    await db.query(
      `INSERT INTO commerce.seller_host_structure (id, kind, legal_name, siret, vat_number, city, identity, updated_at)
       VALUES ($1, 'cae', 'CAE Grand Nord', '12002701600357', 'FR32120027016', 'Lille', $2, now())`,
      [hostId, JSON.stringify({ legalForm: 'SCOP SA', shareCapital: '15000', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' })],
    );
    await db.query(
      `INSERT INTO commerce.seller_site (id, code, name, city, status, host_structure_id, updated_at) VALUES ($1, 'LACAPE', 'La Cape', 'Roubaix', 'active', $2, now())`,
      [siteId, hostId],
    );
    await db.query(
      `INSERT INTO commerce.client (id, site_id, kind, name, billing_address, created_at, updated_at)
       VALUES ($1, $2, 'individual', 'Mme Durand', '{"line":"8 rue Jules Guesde","postalCode":"59100","city":"Roubaix"}', now(), now())`,
      [clientId, siteId],
    );
  });

  afterAll(async () => {
    await nc?.close();
    await commerce?.close();
    await remuneration?.close();
    await db?.close();
    if (env) await destroyTestEnv(env);
  });

  it('a paid invoice is credited: the paid part is due back, a refund settles it; balance, receivables and the pot follow', async () => {
    const invoice = await issuedInvoice({ clientId, lines: [LINE] }); // 100.00 + 20.00 VAT
    expect(invoice).toMatchObject({ status: 'issued', outstanding: '120.00', refundDue: '0.00', refunded: '0.00' });
    const paid = await call(RPC.commerce.paymentRecord, { siteId, invoiceId: invoice.id, actor, payment: { amount: '120.00', receivedOn: today, method: 'transfer' } });
    expect(paid.invoice).toMatchObject({ status: 'paid', outstanding: '0.00' });

    // Before issue 15: 422 CREDIT_EXCEEDS_INVOICE. Now a commercial gesture after payment.
    const credit = await call(RPC.commerce.creditNoteCreate, {
      siteId,
      invoiceId: invoice.id,
      actor,
      creditNote: { lines: [{ description: 'Geste commercial', quantity: '1', unit: 'flat_rate', unitPrice: '25', vatRate: '20' }], reason: 'Retard de chantier' },
    });
    expect(credit.totals).toMatchObject({ net: '25.00', vat: '5.00', total: '30.00' });
    const nature = { label: "Nature de l'opération", value: 'Prestations de services' };
    const printable = await db.query('SELECT printable FROM commerce.credit_note WHERE id = $1', [credit.id]);
    expect(printable[0].printable.facts).toContainEqual(nature);

    const credited = await call(RPC.commerce.invoiceGet, { siteId, invoiceId: invoice.id });
    expect(credited).toMatchObject({ status: 'paid', credited: '30.00', paid: '120.00', outstanding: '0.00', refundDue: '30.00', refunded: '0.00' });
    let board = await call(RPC.commerce.receivablesBoard, { siteIds: [siteId] });
    expect(board).toMatchObject({ count: 0, outstanding: '0.00', refundsDue: { count: 1, amount: '30.00' } });

    // More than is due back: refused with the amount due; a payment now: nothing is owed.
    await expect(
      call(RPC.commerce.refundRecord, { siteId, invoiceId: invoice.id, actor, refund: { amount: '30.01', refundedOn: today, method: 'transfer' } }),
    ).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_AMOUNT_DUE', details: { field: 'amount', refundDue: '30.00' } });
    await expect(call(RPC.commerce.paymentRecord, { siteId, invoiceId: invoice.id, actor, payment: { amount: '0.01', receivedOn: today, method: 'cash' } })).rejects.toMatchObject({
      code: 'PAYMENT_EXCEEDS_BALANCE',
    });

    const refund = await call(RPC.commerce.refundRecord, { siteId, invoiceId: invoice.id, actor, refund: { amount: '30.00', refundedOn: today, method: 'transfer' } });
    expect(refund).toMatchObject({ amount: '30.00', netAmount: '25.00', refundedOn: today, method: 'transfer' });
    expect(refund.invoice).toMatchObject({ status: 'paid', outstanding: '0.00', refundDue: '0.00', refunded: '30.00' });
    const listed = await call(RPC.commerce.refundList, { siteId, invoiceId: invoice.id });
    expect(listed.items.map((r) => r.id)).toEqual([refund.id]);
    board = await call(RPC.commerce.receivablesBoard, { siteIds: [siteId] });
    expect(board.refundsDue).toEqual({ count: 0, amount: '0.00' });

    // The pot: +100.00 received, the credit note's paid part left out (0), −25.00 when refunded: 75.00 net kept.
    await eventually(async () => (await movements(invoice.number as string)).length === 2, { what: 'the payment and the refund in the ledger' });
    await eventually(async () => (await movements(credit.number)).length === 1, { what: 'the credit note in the ledger' });
    expect(await movements(invoice.number as string)).toEqual(
      expect.arrayContaining([
        { kind: 'payment', net_cents: '10000', vat_cents: '2000' },
        { kind: 'refund', net_cents: '2500', vat_cents: '500' },
      ]),
    );
    expect(await movements(credit.number)).toEqual([{ kind: 'credit_note', net_cents: '0', vat_cents: '0' }]);
    expect(await collected(invoice.number as string, credit.number)).toBe(7_500n);
  });

  it('a partly paid invoice credited in full: the unpaid part is cancelled, the paid part refunded; then it is cancelled', async () => {
    const invoice = await issuedInvoice({ clientId, lines: [LINE] });
    await call(RPC.commerce.paymentRecord, { siteId, invoiceId: invoice.id, actor, payment: { amount: '48.00', receivedOn: today, method: 'cheque' } });
    const credit = await call(RPC.commerce.creditNoteCreate, { siteId, invoiceId: invoice.id, actor, creditNote: { full: true } });
    expect(credit.totals.total).toBe('120.00');
    expect(await call(RPC.commerce.invoiceGet, { siteId, invoiceId: invoice.id })).toMatchObject({ status: 'paid', outstanding: '0.00', refundDue: '48.00' });
    const refund = await call(RPC.commerce.refundRecord, { siteId, invoiceId: invoice.id, actor, refund: { amount: '48.00', refundedOn: today, method: 'cheque' } });
    expect(refund.invoice).toMatchObject({ status: 'cancelled', outstanding: '0.00', refundDue: '0.00', paidOn: null });
    // The credit note's row records its unpaid part (60.00 net of 100.00), as information: money that never arrived.
    await eventually(async () => (await movements(credit.number)).length === 1, { what: 'the credit note in the ledger' });
    expect(await movements(credit.number)).toEqual([{ kind: 'credit_note', net_cents: '6000', vat_cents: '1200' }]);
    await eventually(async () => (await movements(invoice.number as string)).some((m) => m.kind === 'refund'), { what: 'the refund in the ledger' });
    expect((await movements(invoice.number as string)).find((m) => m.kind === 'refund')).toEqual({ kind: 'refund', net_cents: '4000', vat_cents: '800' });
    // The pot counts the money collected: 40.00 received − 40.00 given back = 0 (not −60.00 more for the credit note).
    await eventually(async () => (await movements(invoice.number as string)).length === 2, { what: 'the payment and the refund in the ledger' });
    expect(await collected(invoice.number as string, credit.number)).toBe(0n);
  });

  it('off-premises: no payment during the 7 days after the quote signed at home was accepted (422 with the first allowed day); the invoice says so', async () => {
    const quoteId = randomUUID();
    await db.query(
      `INSERT INTO commerce.quote (id, site_id, client_id, status, number, sent_on, answered_on, valid_until, signed_at_client_home, lines, totals, created_by, created_by_role, created_at, updated_at)
       VALUES ($1, $2, $3, 'accepted', 'LACAPE-D-2026-00001', $4, $4, $5, true, $6, $7, $8, 'coordinator', now(), now())`,
      [
        quoteId,
        siteId,
        clientId,
        today,
        addDays(today, 30),
        JSON.stringify([{ ...LINE, exemptionReason: null, catalogueItemId: null }]),
        JSON.stringify({ net: '100.00', vat: '20.00', total: '120.00', vatBreakdown: [], vatFranchise: false, vatExemptionNote: null }),
        actor.userId,
      ],
    );
    const firstAllowedOn = addDays(today, 8);
    const invoice = await issuedInvoice({ fromQuoteId: quoteId });
    expect(invoice.dueOn).toBe(firstAllowedOn);
    expect(invoice.mentions?.some((m) => m.includes('aucun paiement ne peut être reçu avant') && m.includes('L221-10'))).toBe(true);
    await expect(
      call(RPC.commerce.paymentRecord, { siteId, invoiceId: invoice.id, actor, payment: { amount: '120.00', receivedOn: today, method: 'cash' } }),
    ).rejects.toMatchObject({ code: 'PAYMENT_BEFORE_WITHDRAWAL_DELAY', details: { field: 'receivedOn', firstAllowedOn } });
    expect(await call(RPC.commerce.invoiceGet, { siteId, invoiceId: invoice.id })).toMatchObject({ status: 'issued', paid: '0.00' });
  });
});
