import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SiteId, siteIdOf } from '@kpa/contracts';
import { dataSourceOptions, migrate } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { DocumentFiles1765400000000 } from '../../migrations/1765400000000-document-files';
import { DocumentFileRepository } from './document-file.repository';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface StoredFilesBench {
  /** Two "instances" of commerce (two connection pools) on one database: they race for the first store. */
  instances: DataSource[];
  files: DocumentFileRepository;
  siteId: SiteId;
}

/**
 * The stored files (document_file) of one test file against a real Postgres, as usePlatform does for
 * e2e: its own database with the document_file migration and `migrations` (those adding kinds),
 * two instances on it, made in a beforeAll and closed in an afterAll. Call it inside the describe.
 */
export function useStoredFiles(label: string, migrations: Function[] = []): StoredFilesBench {
  let env: TestEnv | undefined;
  const bench: StoredFilesBench = { instances: [], files: new DocumentFileRepository(), siteId: siteIdOf(randomUUID()) };
  beforeAll(async () => {
    env = await createTestEnv(label);
    for (let i = 0; i < 2; i++) {
      const dataSource = await new DataSource(
        dataSourceOptions({ url: env.databaseUrl, schema: 'commerce', entities: [], migrations: [DocumentFiles1765400000000, ...migrations], poolSize: 5 }),
      ).initialize();
      await migrate(dataSource, 'commerce');
      bench.instances.push(dataSource);
    }
  });
  afterAll(async () => {
    for (const dataSource of bench.instances) await dataSource.destroy();
    if (env) await destroyTestEnv(env);
  });
  return bench;
}
