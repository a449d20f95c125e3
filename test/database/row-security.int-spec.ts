import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appDatabaseUrl, DatabaseModuleOptions, dataSourceOptions, migrateAsOwner, preparedQuery, RequestContext, siteScopedDataSource } from '@kpa/platform';
import { createTestEnv, databaseAsOwner, destroyTestEnv, OwnerDatabase, TestEnv } from '@kpa/testing';
import { COMMERCE_DATABASE } from '../../apps/commerce/src/commerce.module';
import { MEMBERSHIP_DATABASE } from '../../apps/membership/src/membership.module';
import { REMUNERATION_DATABASE } from '../../apps/remuneration/src/remuneration.module';
import { WORKER_DATABASE } from '../../apps/worker/src/worker.module';

/**
 * Row-level security, the second wall behind the site-scoped queries: the services work as a role
 * that owns nothing, and a query that forgets its `site_id` filter sees the rows of the site the
 * work is for, never another's (libs/platform/src/database/row-security.ts, docs/security.md).
 */
describe('row-level security', () => {
  const SERVICES: DatabaseModuleOptions[] = [MEMBERSHIP_DATABASE, COMMERCE_DATABASE, REMUNERATION_DATABASE, WORKER_DATABASE];
  let env: TestEnv;
  let owner: OwnerDatabase;
  let commerce: DataSource;
  const siteA = randomUUID();
  const siteB = randomUUID();

  const clientRow = (siteId: string, name: string) => [randomUUID(), siteId, name];
  const insertClient = `INSERT INTO commerce.client (id, site_id, kind, name, billing_address, created_at, updated_at) VALUES ($1, $2, 'company', $3, '{}', now(), now())`;
  /** A query that forgets its site filter, as a careless repository would write it. */
  const everyClientName = async () => ((await commerce.query('SELECT name FROM commerce.client ORDER BY name')) as Array<{ name: string }>).map((row) => row.name);

  beforeAll(async () => {
    env = await createTestEnv('row-security');
    for (const service of SERVICES) await migrateAsOwner({ DATABASE_URL: env.databaseUrl }, service);
    owner = databaseAsOwner(env);
    commerce = await siteScopedDataSource(dataSourceOptions({ url: appDatabaseUrl(env.databaseUrl, 'commerce'), ...COMMERCE_DATABASE, poolSize: 2 })).initialize();
    await owner.query(insertClient, clientRow(siteA, 'Boulangerie de A'));
    await owner.query(insertClient, clientRow(siteB, 'Mairie de B'));
  });

  afterAll(async () => {
    try {
      await commerce?.destroy();
      await owner?.close();
    } finally {
      if (env) await destroyTestEnv(env);
    }
  });

  it('every table with a site_id column, in every service schema, keeps its rows to their site', async () => {
    const unguarded = await owner.query<{ table: string }>(
      `SELECT c.table_schema || '.' || c.table_name AS table
         FROM information_schema.columns c
         JOIN pg_class t ON t.relname = c.table_name
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = c.table_schema
        WHERE c.column_name = 'site_id' AND c.table_schema = ANY($1)
          AND NOT (t.relrowsecurity AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = c.table_schema AND p.tablename = c.table_name AND p.policyname = 'site_isolation'))`,
      [SERVICES.map((service) => service.schema)],
    );
    expect(unguarded).toEqual([]);
    const guarded = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = ANY($1) AND rowsecurity`, [SERVICES.map((s) => s.schema)]);
    // 27 of the services (commerce's refunds, e-invoice transmissions and their statuses since issue 15); the worker's outgoing mail (2), dunning (6), reports (2), notifications (2) and digest (2) tables.
    expect(guarded[0].n).toBe(41);
  });

  it('a prepared statement, planned once per connection, takes the scope of the work like any query', async () => {
    const names = async () => (await preparedQuery<{ name: string }>(commerce, 'SELECT name FROM commerce.client ORDER BY name', [])).map((row) => row.name);
    // More calls than the pool has connections, the sites in turn: each connection reuses its statement.
    for (let round = 0; round < 3; round++) {
      expect(await RequestContext.forSite(siteA, names)).toEqual(['Boulangerie de A']);
      expect(await RequestContext.forSite(siteB, names)).toEqual(['Mairie de B']);
    }
    expect(await names()).toEqual([]);
  });

  it('the services work as roles that own nothing and cannot bypass it', async () => {
    const roles = await owner.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; owns: number }>(
      `SELECT r.rolname, r.rolsuper, r.rolbypassrls, (SELECT count(*)::int FROM pg_tables WHERE tableowner = r.rolname) AS owns
         FROM pg_roles r WHERE r.rolname = ANY($1) ORDER BY r.rolname`,
      [['kpa_commerce', 'kpa_membership', 'kpa_remuneration', 'kpa_worker']],
    );
    expect(roles).toEqual(['kpa_commerce', 'kpa_membership', 'kpa_remuneration', 'kpa_worker'].map((rolname) => ({ rolname, rolsuper: false, rolbypassrls: false, owns: 0 })));
    expect(await commerce.query('SELECT current_user AS role')).toEqual([{ role: 'kpa_commerce' }]);
  });

  it('a query forgetting its site filter sees only the site the work is for', async () => {
    expect(await RequestContext.forSite(siteA, everyClientName)).toEqual(['Boulangerie de A']);
    expect(await RequestContext.forSite(siteB, everyClientName)).toEqual(['Mairie de B']);
    // Several sites (an accountant's): theirs, and no other's.
    expect(await RequestContext.run({ requestId: 'r', actor: 'a', sites: [siteA, siteB] }, everyClientName)).toEqual(['Boulangerie de A', 'Mairie de B']);
    expect(await RequestContext.run({ requestId: 'r', actor: 'a', sites: [randomUUID()] }, everyClientName)).toEqual([]);
    // No site named: nothing of any site.
    expect(await everyClientName()).toEqual([]);
    // Regional work says so, and sees both.
    expect(await RequestContext.acrossSites(everyClientName)).toEqual(['Boulangerie de A', 'Mairie de B']);
  });

  it('the scope holds inside a transaction, and across connections reused from the pool', async () => {
    const names = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        RequestContext.forSite(i % 2 ? siteA : siteB, () =>
          commerce.transaction(async (manager) => ((await manager.query('SELECT name FROM commerce.client')) as Array<{ name: string }>).map((row) => row.name)),
        ),
      ),
    );
    names.forEach((seen, i) => expect(seen).toEqual([i % 2 ? 'Boulangerie de A' : 'Mairie de B']));
  });

  it("work for one site can neither write nor change another site's rows", async () => {
    await expect(RequestContext.forSite(siteA, () => commerce.query(insertClient, clientRow(siteB, 'Intrus')))).rejects.toThrow(/row-level security/);
    const changed = await RequestContext.forSite(siteA, () => commerce.query(`UPDATE commerce.client SET name = 'Renommé' WHERE site_id = $1`, [siteB]));
    expect(changed[1]).toBe(0);
    await expect(RequestContext.forSite(siteA, () => commerce.query(`UPDATE commerce.client SET site_id = $1`, [siteB]))).rejects.toThrow(/row-level security/);
    expect(await owner.query('SELECT name FROM commerce.client ORDER BY name')).toEqual([{ name: 'Boulangerie de A' }, { name: 'Mairie de B' }]);
  });

  it("a service's role cannot read another service's schema at all", async () => {
    await expect(RequestContext.acrossSites(() => commerce.query('SELECT * FROM membership.member'))).rejects.toThrow(/permission denied/);
  });
});
