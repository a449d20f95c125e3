import { ADMIN, TEST_VAT, usePlatform } from './platform';

/**
 * A service that dies: the gateway keeps answering, with 503 and Retry-After for that service's
 * routes, and without waiting the RPC timeout (5 s here) when no instance of it is left.
 */
describe('a service that dies', () => {
  const RPC_TIMEOUT_MS = 5000;
  // Far below the timeout, loose enough for a loaded 2-core machine.
  const FAST_MS = 2500;
  const platform = usePlatform('e2e_service_loss', { RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS), RATE_LIMIT_PER_MINUTE: '100000' });
  let admin: string;
  let siteId: string;

  beforeAll(async () => {
    admin = (await platform.login(ADMIN.email, ADMIN.password)).accessToken;
    const host = await platform.http('POST', '/v1/host-structures', {
      token: admin,
      body: { kind: 'cae', legalName: 'CAE des pannes', siret: '12002701600357', vatNumber: TEST_VAT, city: 'Lille' },
    });
    const site = await platform.http('POST', '/v1/sites', { token: admin, body: { name: 'Site LOSS', code: 'LOSS', city: 'Lille', hostStructureId: host.body.id } });
    siteId = site.body.id;
  });

  async function timedGet() {
    const started = Date.now();
    const result = await platform.http('GET', `/v1/sites/${siteId}`, { token: admin });
    return { ...result, elapsedMs: Date.now() - started };
  }

  it('with no instance left, its routes answer 503 with Retry-After at once, not after the RPC timeout', async () => {
    await platform.kill('membership');
    const result = await timedGet();
    expect(result.status).toBe(503);
    expect(result.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(result.body.message).toContain('membership');
    expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(result.elapsedMs).toBeLessThan(FAST_MS);
    // The other services' routes still answer.
    expect((await platform.http('GET', '/v1/me', { token: admin })).status).toBe(200);

    await platform.start('membership');
    expect((await timedGet()).status).toBe(200);
  });

  it('a call already taken by the instance that dies fails soon after, not after the RPC timeout', async () => {
    platform.pause('membership'); // takes the request and never answers…
    const call = timedGet();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await platform.kill('membership'); // …then dies with it
    const result = await call;
    expect(result.status).toBe(503);
    expect(result.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(result.headers.get('retry-after')).not.toBeNull();
    expect(result.elapsedMs).toBeLessThan(FAST_MS);

    await platform.start('membership');
    expect((await timedGet()).status).toBe(200);
  });
});
