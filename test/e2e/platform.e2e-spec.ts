import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '@kpa/testing';
import { ADMIN, TEST_SIRET, TEST_VAT, usePlatform } from './platform';

/**
 * The end-to-end scenario, over HTTP with all six services running as processes:
 * an admin sets up a host structure, two sites and their coordinators; each coordinator sees
 * their own site and not the other; bad input, idempotent replays, tokens and request ids.
 */
describe('platform over HTTP', () => {
  const platform = usePlatform('e2e_platform');
  let admin: string;
  let hostStructureId: string;
  const sites: Record<'a' | 'b', { id: string; coordinatorToken: string; coordinatorEmail: string }> = {} as never;
  const password = 'coordonner la cape ensemble';

  beforeAll(async () => {
    admin = (await platform.login(ADMIN.email, ADMIN.password)).accessToken;
  });

  it('the gateway is ready and reports every service', async () => {
    const ready = await platform.http('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.services).sort()).toEqual(['commerce', 'membership', 'networking', 'remuneration', 'worker']);
    expect(Object.values(ready.body.services).every((s: any) => s.status === 'up')).toBe(true);
    expect((await platform.http('GET', '/health/live')).status).toBe(200);
    const metrics = await fetch(`${platform.metricsUrl('gateway')}/metrics`);
    expect(await metrics.text()).toContain('kpa_http_request_duration_seconds');
  });

  it('the admin creates a host structure and two sites', async () => {
    const host = await platform.http('POST', '/v1/host-structures', {
      token: admin,
      body: { kind: 'cae', legalName: "Coopérative d'activité et d'emploi Grand Nord", siret: '120 027 016 00357', vatNumber: TEST_VAT, city: 'Lille' },
    });
    expect(host.status).toBe(201);
    expect(host.body).toMatchObject({ siret: TEST_SIRET, vatNumber: TEST_VAT, kind: 'cae' });
    hostStructureId = host.body.id;

    for (const [key, name, code, city] of [
      ['a', 'La Cape', 'lacape', 'Roubaix'],
      ['b', 'Kpa-Moulins', 'MOULINS', 'Lille'],
    ] as const) {
      const site = await platform.http('POST', '/v1/sites', { token: admin, body: { name, code, city, status: 'active', hostStructureId } });
      expect(site.status).toBe(201);
      expect(site.body).toMatchObject({ name, code: code.toUpperCase(), city, status: 'active', hostStructureId });
      expect(site.body.id).toMatch(/^[0-9a-f-]{36}$/);
      sites[key] = { id: site.body.id, coordinatorToken: '', coordinatorEmail: `coordination@${code.toLowerCase()}.kpa.local` };
    }
    const list = await platform.http('GET', '/v1/sites', { token: admin });
    expect(list.body.items.map((s: any) => s.code).sort()).toEqual(['LACAPE', 'MOULINS']);
    expect(list.body.nextCursor).toBeNull();
  });

  it('the admin creates a coordinator on each site, who logs in and reads their site', async () => {
    for (const key of ['a', 'b'] as const) {
      const created = await platform.http('POST', `/v1/sites/${sites[key].id}/users`, {
        token: admin,
        body: { email: sites[key].coordinatorEmail, displayName: `Coordination ${key}`, role: 'coordinator', password },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email: sites[key].coordinatorEmail, role: 'coordinator' });
      sites[key].coordinatorToken = (await platform.login(sites[key].coordinatorEmail, password)).accessToken;
      const own = await platform.http('GET', `/v1/sites/${sites[key].id}`, { token: sites[key].coordinatorToken });
      expect(own.status).toBe(200);
      expect(own.body.id).toBe(sites[key].id);
    }
    const me = await platform.http('GET', '/v1/me', { token: sites.a.coordinatorToken });
    expect(me.body).toMatchObject({ email: sites.a.coordinatorEmail, networkAdmin: false, sites: [{ siteId: sites.a.id, role: 'coordinator', siteCode: 'LACAPE' }] });
  });

  it("coordinator A gets 404 for site B and everything in it, 403 for the admin's routes", async () => {
    const token = sites.a.coordinatorToken;
    for (const [method, path] of [
      ['GET', `/v1/sites/${sites.b.id}`],
      ['PATCH', `/v1/sites/${sites.b.id}`],
      ['GET', `/v1/sites/${sites.b.id}/users`],
      ['POST', `/v1/sites/${sites.b.id}/users`],
    ]) {
      const result = await platform.http(method, path, { token, body: method === 'GET' ? undefined : { name: 'Pris' } });
      expect({ path, method, status: result.status, code: result.body.code }).toEqual({ path, method, status: 404, code: 'SITE_NOT_FOUND' });
      expect(JSON.stringify(result.body)).not.toContain('Kpa-Moulins');
    }
    expect((await platform.http('GET', '/v1/sites', { token })).body.items.map((s: any) => s.id)).toEqual([sites.a.id]);
    const forbidden = await platform.http('POST', '/v1/host-structures', { token, body: {} });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    const appointCoordinator = await platform.http('POST', `/v1/sites/${sites.a.id}/users`, {
      token,
      body: { email: 'autre@lacape.kpa.local', displayName: 'Autre', role: 'coordinator', password },
    });
    expect(appointCoordinator.status).toBe(403);
    const statusChange = await platform.http('PATCH', `/v1/sites/${sites.a.id}`, { token, body: { status: 'closed' } });
    expect(statusChange.status).toBe(403);
    const rename = await platform.http('PATCH', `/v1/sites/${sites.a.id}`, { token, body: { name: 'La Cape Roubaix' } });
    expect(rename.status).toBe(200);
    expect(rename.body.name).toBe('La Cape Roubaix');
  });

  it('bad input answers 4xx with a message that says what to fix', async () => {
    const unknown = await platform.http('POST', '/v1/sites', {
      token: admin,
      body: { name: 'X', code: 'XX', city: 'Y', hostStructureId, colour: 'red' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect(unknown.body.message).toContain('colour');

    const malformed = await platform.http('POST', '/v1/sites', { token: admin, body: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_REQUEST' });

    const taken = await platform.http('POST', '/v1/sites', { token: admin, body: { name: 'Encore', code: 'LaCape', city: 'Roubaix', hostStructureId } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('SITE_CODE_TAKEN');

    const badSiret = await platform.http('POST', '/v1/host-structures', { token: admin, body: { kind: 'cae', legalName: 'CAE', siret: '12002701600358', city: 'Lille' } });
    expect(badSiret.status).toBe(400);
    expect(badSiret.body.details).toMatchObject({ field: 'siret' });

    const sameSiret = await platform.http('POST', '/v1/host-structures', { token: admin, body: { kind: 'cae', legalName: 'Doublon', siret: TEST_SIRET, city: 'Lille' } });
    expect(sameSiret.status).toBe(409);
    expect(sameSiret.body).toMatchObject({ code: 'HOST_STRUCTURE_SIRET_TAKEN', details: { existingId: hostStructureId } });

    const weak = await platform.http('POST', `/v1/sites/${sites.a.id}/users`, {
      token: admin,
      body: { email: 'faible@lacape.kpa.local', displayName: 'Faible', role: 'member', password: 'azerty123456' },
    });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('WEAK_PASSWORD');

    const noToken = await platform.http('GET', `/v1/sites/${sites.a.id}`);
    expect(noToken.status).toBe(401);
    const route = await platform.http('GET', '/v1/nothing-here', { token: admin });
    expect(route.status).toBe(404);
    for (const result of [unknown, malformed, taken, badSiret, weak, noToken, route]) {
      expect(Object.keys(result.body)).toEqual(expect.arrayContaining(['statusCode', 'code', 'message']));
      expect(JSON.stringify(result.body)).not.toMatch(/at .*\.(js|ts):\d+/);
    }
  });

  it('an idempotent POST replayed returns the same response; the key with another body is refused', async () => {
    const key = randomUUID();
    const body = { email: 'compta@lacape.kpa.local', displayName: 'Comptabilité CAE', role: 'accountant', password };
    const first = await platform.http('POST', `/v1/sites/${sites.a.id}/users`, { token: admin, body, headers: { 'idempotency-key': key } });
    const replay = await platform.http('POST', `/v1/sites/${sites.a.id}/users`, { token: admin, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const users = await platform.http('GET', `/v1/sites/${sites.a.id}/users`, { token: admin });
    expect(users.body.items.filter((u: any) => u.email === body.email)).toHaveLength(1);

    const other = await platform.http('POST', `/v1/sites/${sites.a.id}/users`, {
      token: admin,
      body: { ...body, displayName: 'Autre' },
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it("the request id of one call appears in the gateway's and the service's logs", async () => {
    const requestId = `e2e-${randomUUID()}`;
    const result = await platform.http('GET', `/v1/sites/${sites.b.id}`, { token: sites.b.coordinatorToken, headers: { 'x-request-id': requestId } });
    expect(result.status).toBe(200);
    expect(result.headers.get('x-request-id')).toBe(requestId);
    await eventually(async () => platform.logs.gateway.some((l) => l.requestId === requestId) && platform.logs.membership.some((l) => l.requestId === requestId), {
      what: 'the request id in both logs',
    });
  });

  it("domain events reach the other services' own copies (commerce sellers, network directory)", async () => {
    const db = new Client({ connectionString: platform.env.databaseUrl });
    await db.connect();
    try {
      await eventually(async () => (await db.query("SELECT 1 FROM commerce.seller_site WHERE name = 'La Cape Roubaix'")).rowCount === 1, {
        what: 'the renamed site in commerce',
      });
      await eventually(async () => (await db.query('SELECT 1 FROM networking.directory_site')).rowCount === 2, { what: 'two sites in the network directory' });
      const { rows } = await db.query('SELECT legal_name FROM commerce.seller_host_structure');
      expect(rows).toEqual([{ legal_name: "Coopérative d'activité et d'emploi Grand Nord" }]);
    } finally {
      await db.end();
    }
  });

  it("a change of the host structure's legal identity reaches commerce", async () => {
    const changed = await platform.http('PATCH', `/v1/host-structures/${hostStructureId}`, {
      token: admin,
      body: { legalName: 'CAE Grand Nord SCOP', legalForm: 'SCOP SARL à capital variable', shareCapital: '15000', rcsCity: 'Lille Métropole' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ legalName: 'CAE Grand Nord SCOP', shareCapital: '15000.00', siren: '120027016', vatFranchise: false });
    expect((await platform.http('PATCH', `/v1/host-structures/${hostStructureId}`, { token: sites.a.coordinatorToken, body: { legalName: 'X' } })).status).toBe(403);
    const db = new Client({ connectionString: platform.env.databaseUrl });
    await db.connect();
    try {
      await eventually(async () => (await db.query("SELECT 1 FROM commerce.seller_host_structure WHERE legal_name = 'CAE Grand Nord SCOP'")).rowCount === 1, {
        what: 'commerce to print the new legal name',
      });
    } finally {
      await db.end();
    }
  });

  it('refresh tokens rotate; a reused one closes the session; logout ends the access token', async () => {
    const first = await platform.login(sites.b.coordinatorEmail, password);
    const second = await platform.http('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.expiresIn).toBeLessThanOrEqual(900);

    const reuse = await platform.http('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('INVALID_REFRESH_TOKEN');
    // The whole family is revoked: the newest refresh token and its access token stop working.
    expect((await platform.http('POST', '/v1/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).status).toBe(401);
    expect((await platform.http('GET', '/v1/me', { token: second.body.accessToken })).status).toBe(401);

    const session = await platform.login(sites.b.coordinatorEmail, password);
    expect((await platform.http('POST', '/v1/auth/logout', { token: session.accessToken })).status).toBe(204);
    expect((await platform.http('GET', '/v1/me', { token: session.accessToken })).status).toBe(401);
  });

  it("removing a user's role on a site takes the site away from their tokens at once", async () => {
    const email = 'membre@lacape.kpa.local';
    const created = await platform.http('POST', `/v1/sites/${sites.a.id}/users`, {
      token: sites.a.coordinatorToken,
      body: { email, displayName: 'Membre', role: 'member', password },
    });
    expect(created.status).toBe(201);
    const member = await platform.login(email, password);
    expect((await platform.http('GET', `/v1/sites/${sites.a.id}`, { token: member.accessToken })).status).toBe(200);
    expect((await platform.http('GET', `/v1/sites/${sites.a.id}/users`, { token: member.accessToken })).status).toBe(403);

    const removed = await platform.http('DELETE', `/v1/sites/${sites.a.id}/users/${created.body.id}`, { token: sites.a.coordinatorToken });
    expect(removed.status).toBe(204);
    expect((await platform.http('GET', `/v1/sites/${sites.a.id}`, { token: member.accessToken })).status).toBe(401);
    expect((await platform.http('POST', '/v1/auth/refresh', { body: { refreshToken: member.refreshToken } })).status).toBe(401);
  });

  it('repeated login failures are slowed down with 429 and Retry-After', async () => {
    const attempts = [];
    for (let i = 0; i < 7; i++) attempts.push(await platform.http('POST', '/v1/auth/login', { body: { email: sites.b.coordinatorEmail, password: 'pas le bon mot de passe' } }));
    expect(attempts.slice(0, 5).every((a) => a.status === 401)).toBe(true);
    const throttled = attempts[attempts.length - 1];
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits: the account is held back, not just the wrong guesses.
    expect((await platform.http('POST', '/v1/auth/login', { body: { email: sites.b.coordinatorEmail, password } })).status).toBe(429);
  });

  it('serves the OpenAPI document and its browsable docs', async () => {
    const document = await platform.http('GET', '/openapi.json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/v1/auth/login', '/v1/me', '/v1/sites', '/v1/sites/{siteId}', '/v1/sites/{siteId}/users', '/v1/host-structures']),
    );
    expect(JSON.stringify(document.body.components.schemas.ErrorDto)).toContain('VALIDATION_FAILED');
    expect((await platform.http('GET', '/docs')).status).toBe(200);
  });
});
