#!/usr/bin/env node
/**
 * Benchmark of the dunning sweep (issue 13, speed): 100,000 issued invoices seeded straight into the
 * worker's read model (worker.dunning_invoice), of which 10,000 are overdue past level 1, 2 or 3 and
 * the rest paid or not yet due; the sweep runs in a real worker (Postgres + Redis, its own database
 * and namespace) and must finish in under 30 s, recording each reminder once (invoice × level) with
 * exactly one send job each. A second sweep must record nothing.
 *
 *   node bench/dunning.js [--invoices 100000] [--overdue 10000]
 *   env: DATABASE_URL, REDIS_URL, NATS_URL (defaults: the local services)
 *
 * The send jobs (which call commerce for the client's address and the invoice PDF) are counted, not
 * run: the queue is paused. Loads the TypeScript sources through SWC, like the tests.
 */
'use strict';
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { transformSync } = require('@swc/core');
const { option } = require('./lib');

const ROOT = path.join(__dirname, '..');
require('tsconfig-paths').register({ baseUrl: ROOT, paths: require(path.join(ROOT, 'tsconfig.json')).compilerOptions.paths });
require.extensions['.ts'] = (module, filename) => {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  });
  module._compile(code, filename);
};

const invoices = option('invoices', 100_000);
const overdue = option('overdue', 10_000);

async function main() {
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/kpa';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.NATS_URL ??= 'nats://127.0.0.1:4222';
  const { NestFactory } = require('@nestjs/core');
  const { getQueueToken } = require('@nestjs/bullmq');
  const { Pool } = require('pg');
  const { createLogger, loadConfig, ensureDatabase } = require(path.join(ROOT, 'libs/platform/src'));
  const { QUEUES } = require(path.join(ROOT, 'libs/contracts/src'));
  const { WorkerConfig } = require(path.join(ROOT, 'apps/worker/src/worker.config'));
  const { WorkerModule } = require(path.join(ROOT, 'apps/worker/src/worker.module'));
  const { DunningService } = require(path.join(ROOT, 'apps/worker/src/dunning/dunning.service'));

  const suffix = randomBytes(4).toString('hex');
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/kpa_bench_dunning_${suffix}`;
  await ensureDatabase(url.toString());
  const env = { DATABASE_URL: url.toString(), REDIS_URL: process.env.REDIS_URL, NATS_URL: process.env.NATS_URL, KPA_NATS_NAMESPACE: `b${suffix}`, NODE_ENV: 'test' };
  const config = loadConfig(WorkerConfig, env, { HTTP_PORT: 1 });
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, createLogger('worker', 'silent')), { logger: false });
  await app.init();
  const queue = app.get(getQueueToken(QUEUES.dunning));
  await queue.pause();
  const owner = new Pool({ connectionString: url.toString(), max: 2 });
  try {
    // Tuesday 10 March 2026, 10:00 in Paris. Sites: 15. Overdue invoices spread over 7–80 days past due.
    const now = new Date('2026-03-10T09:00:00Z');
    const seeded = Date.now();
    // n ≤ overdue: 7 to 80 days past due (levels 1, 2 or 3 due); the others: paid (even n) or unpaid
    // and not yet at level 1 (due from 6 days ago to 33 days ahead).
    await owner.query(
      `INSERT INTO worker.dunning_invoice (invoice_id, site_id, number, client_id, issued_on, due_on, total_cents, settled_on)
       SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad((n % 15)::text, 12, '0'))::uuid, 'B-F-2026-' || n, gen_random_uuid(),
              due - 30, due, 10000 + n % 5000, CASE WHEN n > $1 AND n % 2 = 0 THEN due + 3 END
       FROM (SELECT n, CASE WHEN n <= $1 THEN DATE '2026-03-10' - (7 + n % 74)
                            WHEN n % 2 = 0 THEN DATE '2026-03-10' - n % 60
                            ELSE DATE '2026-03-10' + n % 40 - 6 END AS due
             FROM generate_series(1, $2) AS n) s`,
      [overdue, invoices],
    );
    await owner.query('ANALYZE worker.dunning_invoice');
    console.log(`seeded ${invoices} invoices (${overdue} overdue) in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

    const service = app.get(DunningService);
    const started = process.hrtime.bigint();
    const first = await service.sweep(now);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const againStarted = process.hrtime.bigint();
    const second = await service.sweep(new Date(now.getTime() + 60_000));
    const againSeconds = Number(process.hrtime.bigint() - againStarted) / 1e9;
    const [{ reminders, distinct }] = (await owner.query(`SELECT count(*)::int AS reminders, count(DISTINCT (invoice_id, level))::int AS distinct FROM worker.dunning_reminder`))
      .rows;
    const jobs = (await queue.getJobs(['waiting'])).filter((job) => job.name === 'dunning.send');
    const jobIds = new Set(jobs.map((job) => job.id));
    console.log(`first sweep: ${seconds.toFixed(2)} s, recorded ${first.recorded} reminders + ${first.drafts} level-3 drafts, enqueued ${first.enqueued} send jobs`);
    console.log(`second sweep: ${againSeconds.toFixed(2)} s, recorded ${second.recorded} + ${second.drafts} drafts`);
    console.log(`reminder rows: ${reminders} (${distinct} distinct invoice × level); send jobs: ${jobs.length} (${jobIds.size} distinct ids)`);
    const ok =
      seconds < 30 &&
      reminders === overdue &&
      distinct === reminders &&
      first.recorded + first.drafts === overdue &&
      second.recorded + second.drafts === 0 &&
      jobIds.size === jobs.length &&
      jobs.length === first.recorded;
    console.log(ok ? 'OK: under 30 s, each reminder once' : 'FAILED');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await owner.end();
    await queue.obliterate({ force: true });
    await app.close();
    const admin = new URL(url.toString());
    admin.pathname = '/postgres';
    const pool = new Pool({ connectionString: admin.toString(), max: 1 });
    await pool.query(`DROP DATABASE IF EXISTS "kpa_bench_dunning_${suffix}" WITH (FORCE)`);
    await pool.end();
  }
}

main().then(
  () => process.exit(),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
