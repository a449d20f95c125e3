import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '@kpa/testing';
import { ADMIN, TEST_VAT, usePlatform } from './platform';

/**
 * Faults with real processes: a consumer stopped while 500 events are published, a publisher
 * killed between its commit and the publish, a service down during a request, two gateway
 * instances sharing one rate limit, and a gateway stopped under load.
 */
describe('platform under faults', () => {
  const platform = usePlatform('e2e_faults', { RATE_LIMIT_PER_MINUTE: '100000' });
  let admin: string;
  let db: Client;
  let hostStructureId: string;

  async function createSite(code: string) {
    return platform.http('POST', '/v1/sites', { token: admin, body: { name: `Site ${code}`, code, city: 'Lille', hostStructureId } });
  }

  beforeAll(async () => {
    admin = (await platform.login(ADMIN.email, ADMIN.password)).accessToken;
    db = await platform.database();
    const host = await platform.http('POST', '/v1/host-structures', {
      token: admin,
      body: { kind: 'cae', legalName: 'CAE des tests', siret: '12002701600357', vatNumber: TEST_VAT, city: 'Lille' },
    });
    hostStructureId = host.body.id;
  });

  it('a consuming service stopped while 500 events are published applies all 500, each once, when it comes back', async () => {
    expect(await platform.stop('commerce')).toBe('graceful');
    for (let i = 0; i < 500; i += 25) {
      const results = await Promise.all(Array.from({ length: 25 }, (_, j) => createSite(`BULK${i + j}`)));
      expect(results.map((r) => r.status)).toEqual(Array(25).fill(201));
    }
    await eventually(async () => (await db.query('SELECT 1 FROM membership.outbox WHERE published_at IS NULL')).rowCount === 0, {
      what: 'membership to publish the 500 events',
    });
    expect((await db.query("SELECT 1 FROM commerce.seller_site WHERE code LIKE 'BULK%'")).rowCount).toBe(0);

    await platform.start('commerce');
    await eventually(async () => (await db.query("SELECT 1 FROM commerce.seller_site WHERE code LIKE 'BULK%'")).rowCount === 500, {
      what: 'commerce to catch up',
      timeoutMs: 60000,
    });
    const { rows } = await db.query(
      `SELECT count(*)::int AS handled, count(DISTINCT event_id)::int AS distinct_events FROM commerce.inbox WHERE event_type = 'membership.site.created.v1'`,
    );
    expect(rows[0]).toEqual({ handled: 500, distinct_events: 500 });
  });

  it('a publishing service killed between commit and publish sends the event after its restart', async () => {
    await platform.stop('membership');
    await platform.start('membership', { KPA_FAULT_INJECTION: 'exit_before_outbox_publish' });
    const code = `CRASH${Date.now() % 100000}`;
    const response = createSite(code);
    await platform.exited('membership'); // SIGKILLed by the fault injection, after the commit, before the publish
    await response;
    const committed = await db.query("SELECT s.id, o.published_at FROM membership.site s JOIN membership.outbox o ON o.envelope->>'siteId' = s.id::text WHERE s.code = $1", [code]);
    expect(committed.rows).toHaveLength(1);
    expect(committed.rows[0].published_at).toBeNull();
    expect((await db.query('SELECT 1 FROM commerce.seller_site WHERE code = $1', [code])).rowCount).toBe(0);

    await platform.start('membership');
    await eventually(async () => (await db.query('SELECT 1 FROM commerce.seller_site WHERE code = $1', [code])).rowCount === 1, {
      what: 'the event of the killed publisher to reach commerce',
    });
  });

  it('a service that is down answers 503 with a message, not a 500 or a hang', async () => {
    const site = await createSite(`DOWN${Date.now() % 100000}`);
    await platform.kill('membership');
    const started = Date.now();
    const result = await platform.http('GET', `/v1/sites/${site.body.id}`, { token: admin });
    expect(result.status).toBe(503);
    expect(result.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(result.body.message).toContain('membership');
    expect(Date.now() - started).toBeLessThan(10000);
    const ready = await platform.http('GET', '/health/ready');
    expect(ready.body.services.membership.status).toBe('down');
    await platform.start('membership');
    expect((await platform.http('GET', `/v1/sites/${site.body.id}`, { token: admin })).status).toBe(200);
  });

  it('two gateway instances share one rate limit through Redis: 429 with Retry-After', async () => {
    const limited = { RATE_LIMIT_PER_MINUTE: '10', KPA_NATS_NAMESPACE: platform.env.namespace };
    await platform.start('gateway#limited-1', limited);
    await platform.start('gateway#limited-2', limited);
    const token = (await platform.http('POST', '/v1/auth/login', { body: ADMIN, instance: 'gateway#limited-1' })).body.accessToken;
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 14; i++) {
      last = await platform.http('GET', '/v1/me', { token, instance: i % 2 === 0 ? 'gateway#limited-1' : 'gateway#limited-2' });
      statuses.push(last.status);
    }
    // The shared budget was already partly used by the other instances' requests of this user: at most 10 pass.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(10);
    expect(statuses.slice(-4)).toEqual([429, 429, 429, 429]);
    expect(last!.body.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    await platform.stop('gateway#limited-1');
    await platform.stop('gateway#limited-2');
  });

  it('a role removed through one gateway instance is gone at once through another', async () => {
    await platform.start('gateway#second');
    const site = await createSite(`TWO${Date.now() % 100000}`);
    const member = { email: `membre-${site.body.code.toLowerCase()}@kpa.local`, password: 'deux passerelles valent mieux' };
    const created = await platform.http('POST', `/v1/sites/${site.body.id}/users`, { token: admin, body: { ...member, displayName: 'Membre', role: 'member' } });
    const token = (await platform.login(member.email, member.password)).accessToken;
    // The second instance has cached the member's roles...
    expect((await platform.http('GET', `/v1/sites/${site.body.id}`, { token, instance: 'gateway#second' })).status).toBe(200);
    expect((await platform.http('DELETE', `/v1/sites/${site.body.id}/users/${created.body.id}`, { token: admin })).status).toBe(204);
    // ...and drops them on the first instance's broadcast, well before they would expire.
    await eventually(async () => (await platform.http('GET', `/v1/sites/${site.body.id}`, { token, instance: 'gateway#second' })).status === 401, {
      what: 'the second gateway to forget the removed role',
      timeoutMs: 1500,
      intervalMs: 50,
    });
    await platform.stop('gateway#second');
  });

  it('a gateway stopped with SIGTERM under load finishes what it took: no 5xx', async () => {
    const site = await createSite(`TERM${Date.now() % 100000}`);
    const statuses: number[] = [];
    let running = true;
    const load = (async () => {
      while (running) {
        const batch = await Promise.all(
          Array.from(
            { length: 10 },
            () =>
              platform
                .http('GET', `/v1/sites/${site.body.id}`, { token: admin })
                .then((r) => r.status)
                .catch(() => 0), // connection refused once it has closed: never a 5xx
          ),
        );
        statuses.push(...batch);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ended = await platform.stop('gateway');
    running = false;
    await load;
    expect(ended).toBe('graceful');
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    await platform.start('gateway');
  });

  it('idempotent POSTs racing with one key: one runs, the other is told it is in progress or replayed', async () => {
    const key = randomUUID();
    const body = { name: 'Course', code: `RACE${Date.now() % 100000}`, city: 'Lille', hostStructureId };
    const [a, b] = await Promise.all([
      platform.http('POST', '/v1/sites', { token: admin, body, headers: { 'idempotency-key': key } }),
      platform.http('POST', '/v1/sites', { token: admin, body, headers: { 'idempotency-key': key } }),
    ]);
    expect([a.status, b.status].sort()).toEqual(expect.arrayContaining([201]));
    for (const r of [a, b]) expect([201, 409]).toContain(r.status);
    expect((await db.query('SELECT 1 FROM membership.site WHERE code = $1', [body.code])).rowCount).toBe(1);
  });
});
