import { createHash, randomUUID } from 'node:crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { dataSourceOptions, idempotencyTableSql, messagingTablesSql, migrate, OutboxRelay, RequestContext, UnitOfWork } from '@kpa/platform';

class IdempotencySchema1766000000001 implements MigrationInterface {
  name = 'IdempotencySchema1766000000001';
  async up(q: QueryRunner) {
    for (const sql of messagingTablesSql('idem')) await q.query(sql);
    for (const sql of idempotencyTableSql('idem')) await q.query(sql);
    await q.query('CREATE TABLE idem.issued (id uuid PRIMARY KEY, n int NOT NULL UNIQUE)');
  }
  async down() {}
}

/**
 * Commands under an idempotency key against a real Postgres, from two "instances" (two pools): the
 * key is recorded with the effect, so a command run again under it (a retry after a lost reply, on
 * any instance, or racing the first) has no second effect and answers the first result.
 */
describe('idempotent commands', () => {
  let env: TestEnv;
  const dataSources: DataSource[] = [];
  const instances: UnitOfWork[] = [];
  let db: DataSource;
  const idle = { kick: () => undefined } as unknown as OutboxRelay;

  /** A command with an effect that is not idempotent by itself: it issues the next number. */
  const issue = (unitOfWork: UnitOfWork) =>
    unitOfWork.run(async ({ manager }) => {
      const [row] = await manager.query('INSERT INTO idem.issued (id, n) SELECT $1, coalesce(max(n), 0) + 1 FROM idem.issued RETURNING id, n', [randomUUID()]);
      return { id: row.id as string, n: row.n as number, issuedAt: new Date('2026-11-21T10:00:00Z') };
    });
  /** Runs as a service handler marked @IdempotentCommand() does, under the key the gateway derived. */
  const keyed = <T>(key: string | undefined, work: () => Promise<T>) => RequestContext.run({ requestId: randomUUID(), actor: 'test', idempotencyKey: key }, work);
  const aKey = () => createHash('sha256').update(randomUUID()).digest('hex');
  const issuedCount = async () => (await db.query('SELECT count(*)::int AS n FROM idem.issued'))[0].n as number;

  beforeAll(async () => {
    env = await createTestEnv('idempotency');
    for (let i = 0; i < 2; i++) {
      const dataSource = await new DataSource(
        dataSourceOptions({ url: env.databaseUrl, schema: 'idem', entities: [], migrations: [IdempotencySchema1766000000001], poolSize: 5 }),
      ).initialize();
      await migrate(dataSource, 'idem');
      dataSources.push(dataSource);
      instances.push(new UnitOfWork(dataSource, idle, { schema: 'idem' }));
      db = dataSource;
    }
  });

  afterAll(async () => {
    for (const dataSource of dataSources) await dataSource.destroy();
    if (env) await destroyTestEnv(env);
  });

  it('run twice with the same key, on two instances: one effect, and the second answers the first result', async () => {
    const before = await issuedCount();
    const key = aKey();
    const first = await keyed(key, () => issue(instances[0]));
    const again = await keyed(key, () => issue(instances[1]));
    expect(await issuedCount()).toBe(before + 1);
    // The replay is the result as it went over the wire (JSON): the same invoice, the same number.
    expect(again).toEqual(JSON.parse(JSON.stringify(first)));
    const [stored] = await db.query('SELECT response FROM idem.idempotency WHERE key = $1', [key]);
    expect(stored.response).toMatchObject({ id: first.id, n: first.n });
  });

  it('different keys, or no key, are different commands: one effect each, nothing recorded without a key', async () => {
    const before = await issuedCount();
    const recordsBefore = (await db.query('SELECT count(*)::int AS n FROM idem.idempotency'))[0].n;
    const a = await keyed(aKey(), () => issue(instances[0]));
    const b = await keyed(aKey(), () => issue(instances[1]));
    const c = await keyed(undefined, () => issue(instances[0]));
    const d = await issue(instances[1]);
    expect(new Set([a.n, b.n, c.n, d.n]).size).toBe(4);
    expect(await issuedCount()).toBe(before + 4);
    expect((await db.query('SELECT count(*)::int AS n FROM idem.idempotency'))[0].n).toBe(recordsBefore + 2);
  });

  it('ten retries racing with one key over two instances: one effect, all answer the same result', async () => {
    const before = await issuedCount();
    const key = aKey();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => keyed(key, () => issue(instances[i % 2]))));
    expect(await issuedCount()).toBe(before + 1);
    expect(new Set(results.map((r) => `${r.id}/${r.n}`)).size).toBe(1);
  });

  it('a command that failed recorded nothing: the retry runs it', async () => {
    const before = await issuedCount();
    const key = aKey();
    await expect(
      keyed(key, () =>
        instances[0].run(async ({ manager }) => {
          await manager.query('INSERT INTO idem.issued (id, n) VALUES ($1, 1000000)', [randomUUID()]);
          throw new Error('refused after its first write');
        }),
      ),
    ).rejects.toThrow('refused after its first write');
    expect(await issuedCount()).toBe(before);
    const retried = await keyed(key, () => issue(instances[1]));
    expect(retried.n).toBe(before + 1);
    expect(await issuedCount()).toBe(before + 1);
  });

  it('a command that returns nothing replays nothing; a second unit of work under one key is refused', async () => {
    const key = aKey();
    const ran: string[] = [];
    const work = () => instances[0].run(async () => void ran.push('ran'));
    expect(await keyed(key, work)).toBeUndefined();
    expect(await keyed(key, work)).toBeUndefined();
    expect(ran).toEqual(['ran']);
    await expect(
      keyed(aKey(), async () => {
        await issue(instances[0]);
        return issue(instances[0]);
      }),
    ).rejects.toThrow('second unit of work');
  });

  it('an expired record is taken over: the key runs the command again', async () => {
    const key = aKey();
    await keyed(key, () => issue(instances[0]));
    await db.query("UPDATE idem.idempotency SET created_at = created_at - interval '25 hours' WHERE key = $1", [key]);
    const before = await issuedCount();
    await keyed(key, () => issue(instances[1]));
    expect(await issuedCount()).toBe(before + 1);
  });
});
