import { createHash } from 'node:crypto';
import { Client, PoolClient, QueryResultRow } from 'pg';
import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface ServiceDatabaseOptions {
  url: string;
  /** The service's own schema: no service reads another's tables. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: Function[];
  /** Pool size; small by default, services are many and Postgres connections are not free. */
  poolSize?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a safe SQL identifier: ${name}`);
  return name;
}

export function dataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  const schema = assertIdentifier(options.schema);
  return {
    type: 'postgres',
    url: options.url,
    schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    // Schema changes go through migrations only.
    synchronize: false,
    poolSize: options.poolSize ?? 10,
    applicationName: `kpa-${schema}`,
    extra: { options: `-c search_path=${schema}` },
  };
}

/**
 * Creates the schema and runs pending migrations while holding a Postgres advisory lock, so
 * several instances starting together never race (TypeORM does not guard against it).
 */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  assertIdentifier(schema);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`kpa.migrations.${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`kpa.migrations.${schema}`]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * For a migration: `CREATE EXTENSION IF NOT EXISTS`, which two services migrating at once would
 * race on (Postgres answers the second with a duplicate key on pg_extension), taken in turn under a
 * lock held until the migration's transaction ends. Extensions go to `public`, shared by the schemas.
 */
export async function ensureExtension(queryRunner: { query(sql: string, params?: unknown[]): Promise<unknown> }, name: string): Promise<void> {
  await queryRunner.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['kpa.extensions']);
  await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS ${assertIdentifier(name)} WITH SCHEMA public`);
}

/**
 * A hot read as a named prepared statement: each pooled connection parses and plans it once, not
 * on every call (on the network's skill search, a tenth of the answer's cost). The name is the
 * text's hash, so two texts never share one. The connection comes from a query runner, so it
 * takes the work's site scope like any other (row-security.ts).
 */
export async function preparedQuery<T extends QueryResultRow>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const client: PoolClient = await runner.connect();
    const name = `kpa_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    return (await client.query<T>({ name, text, values })).rows;
  } finally {
    await runner.release();
  }
}

/** Creates the database named in `url` if it does not exist (local start and tests). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`Unsupported database name in DATABASE_URL: "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        // 42P04: created meanwhile by another process starting at the same time.
        if (error.code !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
}
