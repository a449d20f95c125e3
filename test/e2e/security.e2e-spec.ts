import { SERVICES } from '@kpa/contracts';
import { aMemberFile, setUpRegion, usePlatform } from './platform';

/**
 * What a probe of the running platform found leaking (issue 11) and must not again: forged
 * pagination cursors, metrics on the public port, another user's id in a conflict, missing
 * security headers, and an unknown member's contracts answered as an empty list.
 */
describe('security over HTTP', () => {
  const platform = usePlatform('e2e_security');
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  let admin: string;

  const unsigned = (values: unknown): string => Buffer.from(JSON.stringify(values)).toString('base64url');

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    admin = region.admin;
    Object.assign(site, region.sites);
  });

  describe('pagination cursors are signed', () => {
    it('pages the members of a site with the cursors it gave, and refuses forged or altered ones with 400 INVALID_CURSOR', async () => {
      for (const name of ['Aya', 'Bilal', 'Chloé']) {
        expect(
          (await platform.http('POST', `/v1/sites/${site.a.id}/members`, { token: site.a.coordinator, body: aMemberFile(name, 'Sécurité', '1990-01-01', '2026-09-01') })).status,
        ).toBe(201);
      }
      const first = await platform.http('GET', `/v1/sites/${site.a.id}/members?limit=2`, { token: site.a.coordinator });
      expect(first.body.items).toHaveLength(2);
      const second = await platform.http('GET', `/v1/sites/${site.a.id}/members?limit=2&cursor=${first.body.nextCursor}`, { token: site.a.coordinator });
      expect(second.status).toBe(200);
      expect(second.body.items.map((m: { firstName: string }) => m.firstName)).toEqual(['Chloé']);

      const [, signature] = String(first.body.nextCursor).split('.');
      const forged = `${unsigned(['2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000'])}.${signature}`;
      for (const cursor of [forged, unsigned(['2026-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000']), 'nope']) {
        const refused = await platform.http('GET', `/v1/sites/${site.a.id}/members?cursor=${cursor}`, { token: site.a.coordinator });
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ code: 'INVALID_CURSOR', details: { field: 'cursor' } });
      }
      // A cursor of another list is not one of this list's.
      const users = await platform.http('GET', `/v1/sites/${site.a.id}/users?cursor=${first.body.nextCursor}`, { token: site.a.coordinator });
      expect(users.status).toBe(400);
      expect(users.body.code).toBe('INVALID_CURSOR');
    });

    it('answers 400 INVALID_CURSOR, not 500, for a date the receivables board cannot read', async () => {
      for (const path of [`/v1/sites/${site.a.id}/receivables`, '/v1/receivables']) {
        const refused = await platform.http('GET', `${path}?cursor=${unsigned(['9999-99-99', '00000000-0000-0000-0000-000000000000'])}`, { token: admin });
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
      }
    });
  });

  it("tells a coordinator an e-mail is taken without the other user's id; a network admin gets the id", async () => {
    const body = { email: `coordination@moulins.kpa.local`, displayName: 'Quelqu’un', role: 'member', password: 'coordonner la cape ensemble' };
    const byCoordinator = await platform.http('POST', `/v1/sites/${site.a.id}/users`, { token: site.a.coordinator, body });
    expect(byCoordinator.status).toBe(409);
    expect(byCoordinator.body).toMatchObject({ code: 'USER_EMAIL_TAKEN', details: { field: 'email' } });
    expect(byCoordinator.body.details).not.toHaveProperty('userId');
    const byAdmin = await platform.http('POST', `/v1/sites/${site.a.id}/users`, { token: admin, body });
    expect(byAdmin.status).toBe(409);
    const [coordinatorB] = await platform.query<{ id: string }>('SELECT id FROM gateway.app_user WHERE email = $1', [body.email]);
    expect(byAdmin.body.details).toEqual({ field: 'email', userId: coordinatorB.id });
  });

  it("answers 404 MEMBER_NOT_FOUND for the CAPE contracts of an unknown member or of another site's", async () => {
    const theirs = await platform.http('POST', `/v1/sites/${site.b.id}/members`, { token: site.b.coordinator, body: aMemberFile('Dylan', 'Moulins', '1995-03-02', '2026-09-01') });
    expect(theirs.status).toBe(201);
    for (const memberId of ['01a20098-77c1-700a-b81f-d70c21407268', theirs.body.id]) {
      const listed = await platform.http('GET', `/v1/sites/${site.a.id}/members/${memberId}/cape-contracts`, { token: site.a.coordinator });
      expect(listed.status).toBe(404);
      expect(listed.body.code).toBe('MEMBER_NOT_FOUND');
    }
    const own = await platform.http('GET', `/v1/sites/${site.b.id}/members/${theirs.body.id}/cape-contracts`, { token: site.b.coordinator });
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([]);
  });

  it('sends the security headers on API responses, errors and the Swagger UI', async () => {
    const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' };
    const responses = {
      api: await platform.http('GET', `/v1/sites/${site.a.id}`, { token: site.a.coordinator }),
      error: await platform.http('GET', '/v1/sites', {}),
      docs: await platform.http('GET', '/docs'),
      script: await platform.http('GET', '/docs/swagger-ui-init.js'),
    };
    expect(Object.fromEntries(Object.entries(responses).map(([name, r]) => [name, r.status]))).toEqual({ api: 200, error: 401, docs: 200, script: 200 });
    for (const response of Object.values(responses)) {
      for (const [header, value] of Object.entries(common)) expect(response.headers.get(header)).toBe(value);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    // Swagger UI: its own scripts, its inline <style>, its data: icons; nothing from elsewhere.
    const policy = Object.fromEntries(
      String(responses.docs.headers.get('content-security-policy'))
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(policy).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'connect-src': ["'self'"],
    });
    expect(policy).not.toHaveProperty('upgrade-insecure-requests');
    expect(String(responses.docs.body)).toContain('swagger-ui-init.js');
    expect(String(responses.docs.body)).not.toMatch(/<script>/);
  });

  it("serves /metrics on each service's own metrics listener, never on its HTTP port", async () => {
    for (const service of SERVICES) {
      const onPublicPort = await platform.http('GET', '/metrics', { instance: service });
      expect({ service, status: onPublicPort.status }).toEqual({ service, status: 404 });
      const scraped = await fetch(`${platform.metricsUrl(service)}/metrics`);
      expect({ service, status: scraped.status }).toEqual({ service, status: 200 });
      expect(await scraped.text()).toContain('process_cpu_user_seconds_total');
    }
    const gateway = await fetch(`${platform.metricsUrl('gateway')}/metrics`);
    expect(await gateway.text()).toContain('kpa_http_request_duration_seconds');
    // Nothing of the API on the metrics listener either.
    expect((await fetch(`${platform.metricsUrl('gateway')}/v1/sites`)).status).toBe(404);
  });
});
