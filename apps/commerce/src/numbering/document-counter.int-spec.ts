import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '@kpa/contracts';
import { dataSourceOptions, migrate } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { DocumentCounters1764900000000 } from '../migrations/1764900000000-document-counters';
import { allocateDocumentNumber } from './document-counter';

/**
 * The numbering of a series against a real Postgres, from two "instances" (two connection pools)
 * issuing at once: the numbers are exactly 1…n, whatever the concurrency and the rollbacks.
 */
describe('document numbers under concurrency', () => {
  let env: TestEnv;
  const instances: DataSource[] = [];
  const siteId = randomUUID();
  const series = { siteId, siteCode: 'LACAPE', kind: 'invoice' as const };

  beforeAll(async () => {
    env = await createTestEnv('numbering');
    for (let i = 0; i < 2; i++) {
      const dataSource = await new DataSource(
        dataSourceOptions({ url: env.databaseUrl, schema: 'commerce', entities: [], migrations: [DocumentCounters1764900000000], poolSize: 10 }),
      ).initialize();
      await migrate(dataSource, 'commerce');
      instances.push(dataSource);
    }
  });

  afterAll(async () => {
    for (const dataSource of instances) await dataSource.destroy();
    if (env) await destroyTestEnv(env);
  });

  it('200 concurrent issues over two instances, some rolled back, give exactly 1…n with no gap', async () => {
    const attempts = Array.from({ length: 230 }, (_, i) => ({ instance: instances[i % 2], rollBack: i % 10 === 3 }));
    const results = await Promise.allSettled(
      attempts.map(({ instance, rollBack }) =>
        instance.transaction(async (manager) => {
          const allocated = await allocateDocumentNumber(manager, series, '2026-11-21');
          if (rollBack) throw new Error('the issue failed after taking its number');
          return allocated;
        }),
      ),
    );
    const committed = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ sequence: number; number: string }>).value);
    expect(committed).toHaveLength(207);
    expect(committed.map((c) => c.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 207 }, (_, i) => i + 1));
    expect(new Set(committed.map((c) => c.number)).size).toBe(207);
    expect(committed.find((c) => c.sequence === 42)?.number).toBe('LACAPE-F-2026-00042');
  });

  it('refuses a number dated before the last one of the series, and other series count on their own', async () => {
    await expect(instances[0].transaction((manager) => allocateDocumentNumber(manager, series, '2026-11-20'))).rejects.toThrow(DomainError);
    const quote = await instances[1].transaction((manager) => allocateDocumentNumber(manager, { ...series, kind: 'quote' }, '2026-11-20'));
    expect(quote).toEqual({ number: 'LACAPE-D-2026-00001', sequence: 1 });
    const next = await instances[0].transaction((manager) => allocateDocumentNumber(manager, series, '2026-12-01'));
    expect(next.sequence).toBe(208);
  });
});
