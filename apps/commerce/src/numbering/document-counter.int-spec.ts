import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '@kpa/contracts';
import { dataSourceOptions, migrate } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { DocumentCounters1764900000000 } from '../migrations/1764900000000-document-counters';
import { allocateDocumentNumber } from './document-counter';
import { formatDocumentNumber } from './document-number';

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
    for (const c of committed) expect(c.number).toBe(formatDocumentNumber('LACAPE', 'invoice', '2026-11-21', c.sequence));
  });

  it('formats numbers in SQL as formatDocumentNumber does, past five digits too', async () => {
    const credit = { ...series, siteId: randomUUID(), kind: 'credit_note' as const };
    await instances[0].transaction((manager) => allocateDocumentNumber(manager, credit, '2026-11-21'));
    await instances[0].query(`UPDATE commerce.document_counter SET next_sequence = 99999 WHERE site_id = $1`, [credit.siteId]);
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) numbers.push((await instances[i].transaction((manager) => allocateDocumentNumber(manager, credit, '2026-11-21'))).number);
    expect(numbers).toEqual(['LACAPE-A-2026-99999', 'LACAPE-A-2026-100000']);
    expect(numbers).toEqual([99999, 100000].map((n) => formatDocumentNumber('LACAPE', 'credit_note', '2026-11-21', n)));
  });

  it('runs the writes that need the number in the statement that takes it, on the first number of a series too; a rollback leaves none', async () => {
    await instances[0].query('CREATE TABLE commerce.numbered_probe (number text NOT NULL, note text NOT NULL)');
    const probe = { ...series, siteId: randomUUID() };
    const write = (note: string) => (param: (value: unknown) => string) =>
      `INSERT INTO commerce.numbered_probe (number, note) SELECT numbered.number, ${param(note)} FROM numbered`;
    const first = await instances[0].transaction((manager) => allocateDocumentNumber(manager, probe, '2026-11-21', [write('first'), write('first again')]));
    const second = await instances[1].transaction((manager) => allocateDocumentNumber(manager, probe, '2026-11-21', [write('second')]));
    await expect(
      instances[0].transaction(async (manager) => {
        await allocateDocumentNumber(manager, probe, '2026-11-21', [write('rolled back')]);
        throw new Error('the issue failed after taking its number');
      }),
    ).rejects.toThrow('failed');
    expect([first.number, second.number]).toEqual(['LACAPE-F-2026-00001', 'LACAPE-F-2026-00002']);
    const rows = await instances[0].query('SELECT number, note FROM commerce.numbered_probe ORDER BY number, note');
    expect(rows).toEqual([
      { number: 'LACAPE-F-2026-00001', note: 'first' },
      { number: 'LACAPE-F-2026-00001', note: 'first again' },
      { number: 'LACAPE-F-2026-00002', note: 'second' },
    ]);
  });

  it('refuses a number dated before the last one of the series, and other series count on their own', async () => {
    await expect(instances[0].transaction((manager) => allocateDocumentNumber(manager, series, '2026-11-20'))).rejects.toThrow(DomainError);
    const quote = await instances[1].transaction((manager) => allocateDocumentNumber(manager, { ...series, kind: 'quote' }, '2026-11-20'));
    expect(quote).toEqual({ number: 'LACAPE-D-2026-00001', sequence: 1 });
    const next = await instances[0].transaction((manager) => allocateDocumentNumber(manager, series, '2026-12-01'));
    expect(next.sequence).toBe(208);
  });
});
