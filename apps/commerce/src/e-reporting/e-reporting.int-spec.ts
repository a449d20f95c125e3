import { randomUUID } from 'node:crypto';
import { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { ErrorBody, Invoice, InvoiceActor, LineNature, QuoteVatBreakdown, RPC, RpcRequest, RpcResponse, RpcSubject, VatRate } from '@kpa/contracts';
import { createLogger, loadConfig, NamespacedNatsServer, todayInFrance } from '@kpa/platform';
import { createTestEnv, databaseAsOwner, destroyTestEnv, OwnerDatabase, TestEnv } from '@kpa/testing';
import { CommerceConfig } from '../commerce.config';
import { CommerceModule } from '../commerce.module';
import { NO_PAYMENT_DATA } from './e-reporting-csv';

const cents = (value: string) => {
  const negative = value.startsWith('-');
  const [units, decimals] = (negative ? value.slice(1) : value).split('.');
  return (negative ? -1 : 1) * (Number(units) * 100 + Number(decimals));
};

/** Σ of VAT groups per "category|rate", in cents (base and VAT), each taken with its sign (goods and services together). */
function perRate(parts: { breakdown: readonly Pick<QuoteVatBreakdown, 'category' | 'rate' | 'base' | 'vat'>[]; sign: 1 | -1 }[]): Record<string, { base: number; vat: number }> {
  const sums: Record<string, { base: number; vat: number }> = {};
  for (const { breakdown, sign } of parts) {
    for (const group of breakdown) {
      const sum = (sums[`${group.category}|${group.rate}`] ??= { base: 0, vat: 0 });
      sum.base += sign * cents(group.base);
      sum.vat += sign * cents(group.vat);
    }
  }
  return sums;
}

/**
 * A host structure's B2C e-reporting through the real commerce service (RPC over NATS, Postgres
 * under row-level security): invoices, deposits and a final invoice, a credit note, payments and a
 * refund are made with the service's own use cases, then the figures are compared, rate by rate and
 * to the cent, with the documents' own totals as the invoice API gives them. Businesses, associations
 * with a VAT number and another host structure's site stay out.
 */
describe('e-reporting figures in Postgres and NATS', () => {
  let env: TestEnv;
  let commerce: INestMicroservice;
  let db: OwnerDatabase;
  let nc: NatsConnection;
  const today = todayInFrance();
  const actor: InvoiceActor = { userId: randomUUID(), role: 'coordinator' };
  const host = randomUUID();
  const franchiseHost = randomUUID();
  const otherHost = randomUUID();
  const debitsHost = randomUUID();
  const [site1, site2, franchiseSite, otherSite, debitsSite] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const clients = {
    individual: randomUUID(),
    association: randomUUID(),
    vatAssociation: randomUUID(),
    company: randomUUID(),
    franchiseIndividual: randomUUID(),
    otherIndividual: randomUUID(),
    debitsIndividual: randomUUID(),
  };
  const line = (unitPrice: string, vatRate: VatRate, description = 'Jardinage', nature: LineNature = 'service') => ({
    description,
    quantity: '1',
    unit: 'flat_rate' as const,
    unitPrice,
    vatRate,
    nature,
  });

  async function call<S extends RpcSubject>(subject: S, data: RpcRequest<S>): Promise<RpcResponse<S>> {
    const reply = await nc.request(`${env.namespace}.${subject}`, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 60_000 });
    const { err, response } = reply.json<{ err?: ErrorBody; response?: RpcResponse<S> }>();
    if (err) throw Object.assign(new Error(err.message), err);
    return response as RpcResponse<S>;
  }

  async function issued(siteId: string, input: Record<string, unknown>): Promise<Invoice> {
    const draft = await call(RPC.commerce.invoiceCreate, { siteId, actor, invoice: { supplyDate: today, ...input } as never });
    return call(RPC.commerce.invoiceIssue, { siteId, invoiceId: draft.id, actor });
  }

  async function pay(siteId: string, invoiceId: string, amount: string): Promise<Invoice> {
    return (await call(RPC.commerce.paymentRecord, { siteId, invoiceId, actor, payment: { amount, receivedOn: today, method: 'transfer' } })).invoice;
  }

  beforeAll(async () => {
    env = await createTestEnv('e_reporting');
    const config = loadConfig(CommerceConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    commerce = await NestFactory.createMicroservice<MicroserviceOptions>(CommerceModule.register(config, createLogger('commerce', 'silent')), {
      strategy: new NamespacedNatsServer({ servers: env.natsUrl.split(','), queue: 'commerce' }, env.namespace),
      logger: false,
      abortOnError: false,
    });
    await commerce.listen();
    db = databaseAsOwner(env);
    nc = await connect({ servers: env.natsUrl.split(',') });
    const identity = { legalForm: 'SCOP SA', shareCapital: '15000', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' };
    for (const [id, vatNumber, siret, vatOnDebits] of [
      [host, 'FR32120027016', '12002701600357', false],
      [franchiseHost, null, '12002701600365', false],
      [otherHost, 'FR32120027016', '12002701600373', false],
      [debitsHost, 'FR32120027016', '12002701600381', true],
    ]) {
      await db.query(
        `INSERT INTO commerce.seller_host_structure (id, kind, legal_name, siret, vat_number, city, identity, updated_at) VALUES ($1, 'cae', 'CAE Grand Nord', $2, $3, 'Lille', $4, now())`,
        [id, siret, vatNumber, JSON.stringify({ ...identity, vatOnDebits })],
      );
    }
    for (const [id, code, hostId] of [
      [site1, 'LACAPE', host],
      [site2, 'MOULINS', host],
      [franchiseSite, 'COUVEUSE', franchiseHost],
      [otherSite, 'ILLICOOP', otherHost],
      [debitsSite, 'DEBITS', debitsHost],
    ]) {
      await db.query(`INSERT INTO commerce.seller_site (id, code, name, city, status, host_structure_id, updated_at) VALUES ($1, $2, $2, 'Roubaix', 'active', $3, now())`, [
        id,
        code,
        hostId,
      ]);
    }
    for (const [id, siteId, kind, name, siret, vatNumber] of [
      [clients.individual, site1, 'individual', 'Łukasz Dağlı', null, null],
      [clients.association, site2, 'association', 'Les Amis du Jardin', '44306184100047', null],
      [clients.vatAssociation, site1, 'association', 'Centre social', '44306184100054', 'FR83443061841'],
      [clients.company, site1, 'company', 'Boulangerie du Pile', '73282932000074', 'FR44732829320'],
      [clients.franchiseIndividual, franchiseSite, 'individual', 'Mme Durand', null, null],
      [clients.otherIndividual, otherSite, 'individual', 'M. Martin', null, null],
      [clients.debitsIndividual, debitsSite, 'individual', 'Mme Petit', null, null],
    ]) {
      await db.query(
        `INSERT INTO commerce.client (id, site_id, kind, name, siret, vat_number, billing_address, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, '{"line":"8 rue Jules Guesde","postalCode":"59100","city":"Roubaix"}', now(), now())`,
        [id, siteId, kind, name, siret, vatNumber],
      );
    }
  });

  afterAll(async () => {
    await nc?.close();
    await commerce?.close();
    await db?.close();
    if (env) await destroyTestEnv(env);
  });

  it('reports B2C invoices less credit notes and payments less refunds, per rate and nature, equal to the documents to the cent', async () => {
    // B2C of the host: mixed rates to an individual, an association without a VAT number on the other site, a deposit and its final invoice.
    const mixed = await issued(site1, { clientId: clients.individual, lines: [line('123.45', '20'), line('10.01', '5.5'), line('33.33', '10')] });
    const association = await issued(site2, { clientId: clients.association, lines: [line('99.99', '20')] });
    const deposit = await issued(site1, { clientId: clients.individual, kind: 'deposit', lines: [line('300', '20', 'Acompte')] });
    const final = await issued(site1, {
      clientId: clients.individual,
      kind: 'final',
      depositInvoiceIds: [deposit.id],
      lines: [line('1000', '20', 'Buffet'), line('200', '5.5', 'Repas')],
    });
    // Goods and services on one invoice (100.00 of services, 50.00 of goods at 20 %: VAT 20.00 and 10.00), and goods only.
    const bothNatures = await issued(site1, { clientId: clients.individual, lines: [line('100', '20', 'Pose'), line('50', '20', 'Jardinière', 'goods')] });
    const goods = await issued(site2, { clientId: clients.association, lines: [line('200', '5.5', 'Paniers de légumes', 'goods')] });
    expect([bothNatures.operationCategory, goods.operationCategory]).toEqual(['mixed', 'goods']);
    // Not B2C, or not this host's: never counted.
    const company = await issued(site1, { clientId: clients.company, lines: [line('1000', '20')] });
    const vatAssociation = await issued(site1, { clientId: clients.vatAssociation, lines: [line('500', '20')] });
    const other = await issued(otherSite, { clientId: clients.otherIndividual, lines: [line('777', '20')] });
    const franchise = await issued(franchiseSite, { clientId: clients.franchiseIndividual, lines: [line('450', '20')] });

    await pay(site1, mixed.id, mixed.outstanding);
    await pay(site2, association.id, '50.00');
    await pay(site1, deposit.id, deposit.outstanding);
    await pay(site1, final.id, (await call(RPC.commerce.invoiceGet, { siteId: site1, invoiceId: final.id })).outstanding);
    await pay(site1, bothNatures.id, bothNatures.outstanding);
    await pay(site2, goods.id, goods.outstanding);
    for (const [siteId, invoice] of [
      [site1, company],
      [site1, vatAssociation],
      [otherSite, other],
      [franchiseSite, franchise],
    ] as const)
      await pay(siteId, invoice.id, invoice.outstanding);
    // A commercial gesture after payment, refunded.
    const credit = await call(RPC.commerce.creditNoteCreate, {
      siteId: site1,
      invoiceId: mixed.id,
      actor,
      creditNote: { lines: [line('20', '20', 'Geste commercial')], reason: 'Retard' },
    });
    await call(RPC.commerce.refundRecord, { siteId: site1, invoiceId: mixed.id, actor, refund: { amount: credit.totals.total, refundedOn: today, method: 'transfer' } });

    const figures = await call(RPC.commerce.eReportingFigures, { hostStructureId: host, from: today, to: today, frequency: 'whole' });
    expect(figures).toMatchObject({ hostStructureId: host, from: today, to: today, frequency: 'whole', servicesVatDue: 'receipts' });
    expect(figures.periods).toHaveLength(1);
    const [period] = figures.periods;

    // Transaction data: the invoices' own breakdowns, the final one less its deposit's, less the credit note.
    const invoices = await Promise.all(
      [
        [site1, mixed],
        [site2, association],
        [site1, deposit],
        [site1, final],
        [site1, bothNatures],
        [site2, goods],
      ].map(([siteId, invoice]) => call(RPC.commerce.invoiceGet, { siteId: siteId as string, invoiceId: (invoice as Invoice).id })),
    );
    const expected = perRate([
      ...invoices.map((invoice) => ({ breakdown: invoice.totals.vatBreakdown, sign: 1 as const })),
      ...invoices.flatMap((invoice) => invoice.totals.deposits.map((d) => ({ breakdown: d.vatBreakdown, sign: -1 as const }))),
      { breakdown: credit.totals.vatBreakdown, sign: -1 },
    ]);
    const reported = perRate([{ breakdown: period.transactions.rates, sign: 1 }]);
    expect(reported).toEqual(expected);
    expect(Object.keys(reported).sort()).toEqual(['S|10', 'S|20', 'S|5.5']);
    // The goods apart: the goods lines' nets, with their share of the rate's VAT.
    expect(period.transactions.rates.filter((r) => r.nature === 'goods').map((r) => [r.rate, r.base, r.vat])).toEqual([
      ['20', '50.00', '10.00'],
      ['5.5', '200.00', '11.00'],
    ]);
    const documentTotals = invoices.reduce((sum, invoice) => sum + cents(invoice.totals.amountDue), 0) - cents(credit.totals.total);
    expect(cents(period.transactions.total)).toBe(documentTotals);
    expect(period.transactions.rates.reduce((sum, r) => sum + cents(r.total), 0)).toBe(documentTotals);
    expect([period.transactions.invoiceCount, period.transactions.creditNoteCount]).toEqual([6, 1]);

    // Payment data: what the services invoices say was paid less refunded, to the cent, and the services share (120.00) of the mixed one;
    // the fully paid ones give back their own breakdown per rate; nothing of the goods.
    const payments = period.payments!;
    const after = await Promise.all(invoices.slice(0, 4).map((invoice) => call(RPC.commerce.invoiceGet, { siteId: invoice.siteId, invoiceId: invoice.id })));
    expect(cents(payments.amount)).toBe(after.reduce((sum, invoice) => sum + cents(invoice.paid) - cents(invoice.refunded), 0) + 12_000);
    expect([payments.paymentCount, payments.refundCount]).toEqual([5, 1]);
    const fullyPaid = perRate([
      ...[after[0], after[2], after[3]].map((invoice) => ({ breakdown: invoice.totals.vatBreakdown, sign: 1 as const })),
      ...after[3].totals.deposits.map((d) => ({ breakdown: d.vatBreakdown, sign: -1 as const })),
    ]);
    const received = Object.fromEntries(payments.rates.map((r) => [`${r.category}|${r.rate}`, cents(r.received)]));
    expect(received).toEqual({
      'S|20': fullyPaid['S|20'].base + fullyPaid['S|20'].vat + 5_000 + 12_000, // + the association's 50.00, all at 20 %, and the mixed invoice's services
      'S|10': fullyPaid['S|10'].base + fullyPaid['S|10'].vat,
      'S|5.5': fullyPaid['S|5.5'].base + fullyPaid['S|5.5'].vat, // not the goods-only invoice's 211.00
    });
    expect(payments.rates.reduce((sum, r) => sum + cents(r.refunded), 0)).toBe(cents(credit.totals.total));
    expect(payments.rates.every((r) => cents(r.base) + cents(r.vat) === cents(r.amount))).toBe(true);

    // The franchise host: category E at 0 %, no VAT, its one invoice and its payment.
    const couveuse = await call(RPC.commerce.eReportingFigures, { hostStructureId: franchiseHost, from: today, to: today });
    const franchised = couveuse.periods.at(-1)!;
    expect(franchised.transactions.rates).toEqual([expect.objectContaining({ category: 'E', rate: '0', base: '450.00', vat: '0.00', total: '450.00' })]);
    expect(franchised.payments?.rates).toEqual([expect.objectContaining({ category: 'E', rate: '0', amount: '450.00', vat: '0.00' })]);

    // The CSV says the same, French spreadsheet style.
    const file = await call(RPC.commerce.eReportingCsv, { hostStructureId: host, from: today, to: today, frequency: 'whole' });
    expect(file).toMatchObject({ contentType: 'text/csv; charset=utf-8', filename: `e-reporting-${today}-${today}.csv` });
    expect(file.content.startsWith('\ufeffDébut de période;')).toBe(true);
    expect(file.content).toContain(`;Opérations;Services;S;20;;${period.transactions.rates.find((r) => r.rate === '20')!.base.replace('.', ',')};`);
    expect(file.content).toContain(';Opérations;Biens;S;5,5;;200,00;11,00;211,00;211,00;0,00\r\n');
    expect(file.content).not.toMatch(/Łukasz|Amis du Jardin/);
  });

  it('reports no payment data for a host structure that opted for VAT on debits, and says so in the JSON and the CSV', async () => {
    const invoice = await issued(debitsSite, { clientId: clients.debitsIndividual, lines: [line('80', '20')] });
    await pay(debitsSite, invoice.id, invoice.outstanding);
    const figures = await call(RPC.commerce.eReportingFigures, { hostStructureId: debitsHost, from: today, to: today, frequency: 'whole' });
    expect(figures).toMatchObject({ servicesVatDue: 'debits', paymentsNote: expect.stringMatching(/VAT on debits.*no payment data/) });
    expect(figures.periods.map((p) => [p.transactions.total, p.payments])).toEqual([[invoice.totals.total, null]]);
    const file = await call(RPC.commerce.eReportingCsv, { hostStructureId: debitsHost, from: today, to: today, frequency: 'whole' });
    expect(file.content).toContain(`;${NO_PAYMENT_DATA};Services;`);
    expect(file.content).not.toContain(';Encaissements;');
    // The host under receipts, beside it, still has its payment data.
    expect((await call(RPC.commerce.eReportingFigures, { hostStructureId: host, from: today, to: today })).servicesVatDue).toBe('receipts');
  });

  it('refuses bad ranges over the wire with a 400 naming the field, and knows nothing of an unknown host structure', async () => {
    await expect(call(RPC.commerce.eReportingFigures, { hostStructureId: host, from: '2026-02-30', to: today })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'from' },
    });
    await expect(call(RPC.commerce.eReportingFigures, { hostStructureId: host, from: '2024-01-01', to: '2026-01-01' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'to' },
      message: expect.stringContaining('at most 366 days'),
    });
    const unknown = await call(RPC.commerce.eReportingFigures, { hostStructureId: randomUUID(), from: today, to: today });
    expect(unknown.periods.map((p) => [p.transactions.total, p.payments?.amount])).toEqual([['0.00', '0.00']]);
  });
});
