import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { addDays, QUEUES } from '@kpa/contracts';
import { createLogger, loadConfig } from '@kpa/platform';
import { createTestEnv, databaseAsOwner, destroyTestEnv, OwnerDatabase, TestEnv } from '@kpa/testing';
import { WorkerConfig } from '../worker.config';
import { WorkerModule } from '../worker.module';
import { DunningService, sendJobId } from './dunning.service';

/**
 * The dunning sweep as it runs, against real Postgres and Redis: two worker instances sweeping at
 * once, a sweep run again (a stalled job retried), and the namespace's Redis keys wiped (FLUSHALL of
 * this test's namespace only: the Redis is shared with other test files): each reminder is recorded
 * once under invoice × level, and each pending reminder has exactly one send job.
 */
describe('dunning sweep in Postgres and Redis', () => {
  let env: TestEnv;
  const apps: INestApplicationContext[] = [];
  let db: OwnerDatabase;
  let redis: Redis;
  // Tuesday 10 March 2026, 10:00 in Paris (CET): a working day inside the default window.
  const now = new Date('2026-03-10T09:00:00Z');
  const today = '2026-03-10';
  const sites = [randomUUID(), randomUUID(), randomUUID()];
  let expected: { level1: number; level2: number; level3: number };

  async function seed(): Promise<void> {
    const rows: unknown[][] = [];
    const payments: unknown[][] = [];
    expected = { level1: 0, level2: 0, level3: 0 };
    for (let i = 0; i < 300; i++) {
      const siteId = sites[i % 3];
      // Due from 60 days ago to 20 days ahead.
      const overdue = (i % 80) - 20;
      const dueOn = addDays(today, -overdue);
      const invoiceId = randomUUID();
      const paid = i % 7 === 0;
      rows.push([invoiceId, siteId, `S${i % 3}-F-2026-${String(i).padStart(5, '0')}`, randomUUID(), addDays(dueOn, -30), dueOn, 100_00, paid ? dueOn : null]);
      if (i % 11 === 0 && !paid) payments.push([randomUUID(), invoiceId, siteId, 40_00, dueOn]);
      if (paid) continue;
      if (overdue >= 45) expected.level3++;
      else if (overdue >= 21) expected.level2++;
      else if (overdue >= 7) expected.level1++;
    }
    for (const row of rows) {
      await db.query(
        `INSERT INTO worker.dunning_invoice (invoice_id, site_id, number, client_id, issued_on, due_on, total_cents, settled_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        row,
      );
    }
    for (const row of payments) await db.query(`INSERT INTO worker.dunning_payment (payment_id, invoice_id, site_id, cents, on_date) VALUES ($1, $2, $3, $4, $5)`, row);
  }

  const levels = async () =>
    Object.fromEntries(
      (await db.query<{ level: number; status: string; n: string }>(`SELECT level, status, count(*) AS n FROM worker.dunning_reminder GROUP BY level, status`)).map((r) => [
        `${r.level}:${r.status}`,
        Number(r.n),
      ]),
    );

  beforeAll(async () => {
    env = await createTestEnv('dunning');
    const config = loadConfig(WorkerConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    for (let i = 0; i < 2; i++) {
      const app = await NestFactory.createApplicationContext(WorkerModule.register(config, createLogger('worker', 'silent')), { logger: false, abortOnError: false });
      await app.init();
      apps.push(app);
    }
    // The send jobs would call commerce, which this test does not run: keep them waiting to count them.
    await apps[0].get<Queue>(getQueueToken(QUEUES.dunning)).pause();
    db = databaseAsOwner(env);
    redis = new Redis(env.redisUrl);
    await seed();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.close();
    redis?.disconnect();
    if (env) await destroyTestEnv(env);
  });

  async function sendJobs(): Promise<string[]> {
    const queue = apps[0].get<Queue>(getQueueToken(QUEUES.dunning));
    const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
    return jobs.filter((job) => job.name === 'dunning.send').map((job) => String(job.id));
  }

  it('two instances sweeping at once record each due reminder once, the highest level only, and level 3 as a draft', async () => {
    const outcomes = await Promise.all([apps[0].get(DunningService).sweep(now), apps[1].get(DunningService).sweep(now), apps[0].get(DunningService).sweep(now)]);
    const recorded = outcomes.reduce((sum, o) => sum + o.recorded, 0);
    const drafts = outcomes.reduce((sum, o) => sum + o.drafts, 0);
    expect(recorded).toBe(expected.level1 + expected.level2);
    expect(drafts).toBe(expected.level3);
    expect(await levels()).toEqual({ '1:pending': expected.level1, '2:pending': expected.level2, '3:draft': expected.level3 });
    const ids = await sendJobs();
    expect(ids.length).toBe(expected.level1 + expected.level2);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a sweep run again (a stalled job retried) records nothing and adds no second send job', async () => {
    const before = await sendJobs();
    const outcome = await apps[1].get(DunningService).sweep(new Date(now.getTime() + 60_000));
    expect(outcome).toMatchObject({ recorded: 0, drafts: 0 });
    expect((await sendJobs()).sort()).toEqual(before.sort());
  });

  it('after the namespace is flushed from Redis, the next sweep re-creates each send job once and records nothing twice', async () => {
    const before = await levels();
    const keys = await redis.keys(`${env.namespace}:bull:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    expect(await sendJobs()).toEqual([]);
    await apps[0].get<Queue>(getQueueToken(QUEUES.dunning)).pause();
    const outcome = await apps[0].get(DunningService).sweep(new Date(now.getTime() + 120_000));
    expect(outcome.recorded).toBe(0);
    expect(outcome.enqueued).toBe(expected.level1 + expected.level2);
    const ids = await sendJobs();
    expect(ids.length).toBe(expected.level1 + expected.level2);
    const [pendingOne] = await db.query<{ invoice_id: string; level: number }>(`SELECT invoice_id, level FROM worker.dunning_reminder WHERE status = 'pending' LIMIT 1`);
    expect(ids).toContain(sendJobId(pendingOne.invoice_id, pendingOne.level as 1));
    expect(await levels()).toEqual(before);
  });

  it('records nothing on a Sunday, nor outside the send window, and the next level on the next working day', async () => {
    const before = await levels();
    expect((await apps[0].get(DunningService).sweep(new Date('2026-03-22T10:00:00Z'))).recorded).toBe(0); // Sunday 22 March
    expect((await apps[0].get(DunningService).sweep(new Date('2026-03-23T17:30:00Z'))).recorded).toBe(0); // Monday, 18:30 in Paris
    expect(await levels()).toEqual(before);
    const monday = await apps[0].get(DunningService).sweep(new Date('2026-03-23T09:00:00Z'));
    expect(monday.recorded).toBeGreaterThan(0);
  });
});
