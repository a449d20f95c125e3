import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { Init1764000000000 } from './1764000000000-init';
import { ClientsCatalogue1764800000000 } from './1764800000000-clients-catalogue';
import { DocumentCounters1764900000000 } from './1764900000000-document-counters';
import { Quotes1765000000000 } from './1765000000000-quotes';
import { KnownMembers1765100000000 } from './1765100000000-known-members';
import { Missions1765200000000 } from './1765200000000-missions';
import { Invoices1765300000000 } from './1765300000000-invoices';
import { LineNature1768600000000 } from './1768600000000-line-nature';

const BEFORE = [
  Init1764000000000,
  ClientsCatalogue1764800000000,
  DocumentCounters1764900000000,
  Quotes1765000000000,
  KnownMembers1765100000000,
  Missions1765200000000,
  Invoices1765300000000,
];
const LINE = '{"description":"Jardinage","quantity":"4","unit":"hour","unitPrice":"25","vatRate":"20","exemptionReason":null,"catalogueItemId":null}';
const TOTALS = '{"net":"100.00","vat":"20.00","total":"120.00","vatBreakdown":[],"deposits":[],"depositsDeducted":"0.00","amountDue":"120.00"}';

/**
 * Migration 1768600000000 on rows written before it, against a real Postgres: items, quote lines and
 * draft invoice lines get a nature (goods for a draft typed `goods`), in their order; issued
 * invoices stay untouched (their trigger would refuse it, and they are frozen anyway); down undoes it.
 */
describe('migration: the nature of lines', () => {
  let env: TestEnv;
  let dataSource: DataSource;
  const siteId = randomUUID();
  const clientId = randomUUID();
  const ids = { item: randomUUID(), quote: randomUUID(), services: randomUUID(), goods: randomUUID(), issued: randomUUID() };

  const open = (migrations: (typeof BEFORE)[number][] | (typeof LineNature1768600000000)[]) =>
    new DataSource(dataSourceOptions({ url: env.databaseUrl, schema: 'commerce', entities: [], migrations: migrations as never })).initialize();

  async function insertInvoice(id: string, category: string, issued: boolean): Promise<void> {
    await dataSource.query(
      `INSERT INTO commerce.invoice (id, site_id, client_id, kind, status, number, issued_on, due_on, operation_category, lines, totals, printable,
                                    total_cents, net_cents, created_by, created_by_role, created_at, updated_at)
       VALUES ($1, $2, $3, 'standard', $4, $5, $6, $6, $7, $8, $9, $10, 12000, 10000, $1, 'coordinator', now(), now())`,
      [
        id,
        siteId,
        clientId,
        issued ? 'issued' : 'draft',
        issued ? 'LACAPE-F-2026-000001' : null,
        issued ? '2026-11-02' : null,
        category,
        `[${LINE},${LINE}]`,
        TOTALS,
        issued ? '{"kind":"invoice","title":"Facture","mentions":[]}' : null,
      ],
    );
  }

  const linesOf = async (table: string, id: string) =>
    ((await dataSource.query(`SELECT lines FROM commerce.${table} WHERE id = $1`, [id])) as { lines: { nature?: string }[] }[])[0].lines;

  beforeAll(async () => {
    env = await createTestEnv('line-nature');
    dataSource = await open(BEFORE);
    await migrate(dataSource, 'commerce');
    await dataSource.query(
      `INSERT INTO commerce.client (id, site_id, kind, name, billing_address, created_at, updated_at) VALUES ($1, $2, 'company', 'Boulangerie du Pile', '{"line":"1 rue","postalCode":"59100","city":"Roubaix"}', now(), now())`,
      [clientId, siteId],
    );
    await dataSource.query(
      `INSERT INTO commerce.catalogue_item (id, site_id, label, unit, unit_price_ten_thousandths, vat_rate, created_at, updated_at) VALUES ($1, $2, 'Tonte', 'hour', 250000, '20', now(), now())`,
      [ids.item, siteId],
    );
    await dataSource.query(
      `INSERT INTO commerce.quote (id, site_id, client_id, status, valid_until, lines, totals, created_by, created_by_role, created_at, updated_at)
       VALUES ($1, $2, $3, 'draft', '2099-12-31', $4, $5, $1, 'member', now(), now())`,
      [ids.quote, siteId, clientId, `[${LINE},${LINE.replace('Jardinage', 'Tonte')}]`, TOTALS],
    );
    await insertInvoice(ids.services, 'services', false);
    await insertInvoice(ids.goods, 'goods', false);
    await insertInvoice(ids.issued, 'goods', true);
    await dataSource.destroy();
    dataSource = await open([...BEFORE, LineNature1768600000000]);
    await migrate(dataSource, 'commerce');
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    if (env) await destroyTestEnv(env);
  });

  it('gives items, quote lines and draft invoice lines a nature, in their order', async () => {
    expect(await dataSource.query('SELECT nature FROM commerce.catalogue_item WHERE id = $1', [ids.item])).toEqual([{ nature: 'service' }]);
    const quoteLines = await linesOf('quote', ids.quote);
    expect(quoteLines.map((l) => [(l as { description?: string }).description, l.nature])).toEqual([
      ['Jardinage', 'service'],
      ['Tonte', 'service'],
    ]);
    expect((await linesOf('invoice', ids.services)).map((l) => l.nature)).toEqual(['service', 'service']);
    expect((await linesOf('invoice', ids.goods)).map((l) => l.nature)).toEqual(['goods', 'goods']);
    await expect(
      dataSource.query(
        "INSERT INTO commerce.catalogue_item (id, site_id, label, unit, unit_price_ten_thousandths, vat_rate, nature, created_at, updated_at) VALUES ($1, $2, 'x', 'hour', 1, '20', 'food', now(), now())",
        [randomUUID(), siteId],
      ),
    ).rejects.toThrow(/check/i);
  });

  it('leaves issued invoices as they were issued', async () => {
    expect((await linesOf('invoice', ids.issued)).map((l) => l.nature)).toEqual([undefined, undefined]);
  });

  it('goes down cleanly', async () => {
    await dataSource.undoLastMigration();
    expect((await linesOf('quote', ids.quote)).map((l) => l.nature)).toEqual([undefined, undefined]);
    expect((await linesOf('invoice', ids.goods)).map((l) => l.nature)).toEqual([undefined, undefined]);
    const columns: { column_name: string }[] = await dataSource.query(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'commerce' AND table_name IN ('catalogue_item', 'invoice') AND column_name IN ('nature', 'delivery_address')",
    );
    expect(columns).toEqual([]);
  });
});
