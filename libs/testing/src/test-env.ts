import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { ensureDatabase } from '@kpa/platform';

/**
 * Where a test file runs: its own Postgres database and its own NATS namespace (subjects,
 * stream, Redis keys), so test files run in parallel without seeing each other.
 * The servers come from DATABASE_URL, REDIS_URL and NATS_URL (set by the global setup).
 */
export interface TestEnv {
  databaseUrl: string;
  natsUrl: string;
  redisUrl: string;
  namespace: string;
  /** Environment variables for a service started in this test environment. */
  serviceEnv: Record<string, string>;
}

export async function createTestEnv(label: string): Promise<TestEnv> {
  const base = process.env.DATABASE_URL;
  const natsUrl = process.env.NATS_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!base || !natsUrl || !redisUrl) throw new Error('DATABASE_URL, NATS_URL and REDIS_URL must be set (the jest global setup does it)');
  const suffix = randomBytes(4).toString('hex');
  const url = new URL(base);
  url.pathname = `/kpa_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${suffix}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  const namespace = `t${suffix}`;
  return {
    databaseUrl,
    natsUrl,
    redisUrl,
    namespace,
    serviceEnv: { DATABASE_URL: databaseUrl, NATS_URL: natsUrl, REDIS_URL: redisUrl, KPA_NATS_NAMESPACE: namespace, NODE_ENV: 'test' },
  };
}

/** The test database as its owner, for a test to look at what is stored: row-level security hides nothing from the owner. */
export interface OwnerDatabase {
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function databaseAsOwner(env: TestEnv): OwnerDatabase {
  const pool = new Pool({ connectionString: env.databaseUrl, max: 2 });
  // An idle connection ended by the test database's drop (DROP … WITH (FORCE)) is expected at the
  // end of a file, not an error of the file that runs next in the same process.
  pool.on('error', () => undefined);
  return { query: async (sql, params) => (await pool.query(sql, params)).rows, close: () => pool.end() };
}

/** Drops the test database and the namespace's JetStream streams (events, object stores). */
export async function destroyTestEnv(env: TestEnv): Promise<void> {
  const name = new URL(env.databaseUrl).pathname.slice(1);
  const admin = new URL(env.databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: env.natsUrl.split(',') });
  try {
    const jsm = await jetstreamManager(nc);
    // Stream names carry the namespace: `T1A2B3C4D_EVENTS`, `OBJ_t1a2b3c4d_receipts`.
    const ours = new RegExp(`(^|_)${env.namespace}_`, 'i');
    for await (const name of jsm.streams.names()) {
      if (ours.test(name)) await jsm.streams.delete(name).catch(() => undefined);
    }
  } finally {
    await nc.close();
  }
}

/** Polls until `probe` returns a truthy value or the time is up. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, { timeoutMs = 20000, intervalMs = 100, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
