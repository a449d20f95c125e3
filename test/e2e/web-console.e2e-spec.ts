import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, HttpResult, usePlatform } from './platform';

/**
 * The gateway serves the built web console at `/` (one origin with the API) and gives it a cookie
 * session: a tiny stand-in build (index.html and one hashed asset) in a temporary WEB_DIST_DIR,
 * and the refresh cookie's life over HTTP as a browser lives it.
 */
const dist = mkdtempSync(join(tmpdir(), 'kpa-web-'));
const INDEX = '<!doctype html><html lang="fr"><head><script type="module" src="/assets/index-3f2a1b.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'document.getElementById("root").textContent = "Aujourd’hui";';
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), INDEX);
writeFileSync(join(dist, 'assets', 'index-3f2a1b.js'), SCRIPT);
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(join(dist, '.env'), 'SECRET=never-served');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

// TRUST_PROXY: the HTTPS case comes through a "reverse proxy" (X-Forwarded-Proto).
const platform = usePlatform('e2e_web_console', { WEB_DIST_DIR: dist, TRUST_PROXY: 'true' });

/** The kpa_refresh cookie a response sets: its value and attributes (lower-cased names). */
function refreshCookie(response: HttpResult): { value: string; attributes: Record<string, string | true> } {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('kpa_refresh='));
  if (!header) throw new Error(`no kpa_refresh cookie in ${JSON.stringify(response.headers.getSetCookie())} (status ${response.status})`);
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return {
    value: pair.slice('kpa_refresh='.length),
    attributes: Object.fromEntries(
      attributes.map((attribute) => {
        const [name, ...value] = attribute.split('=');
        return [name.toLowerCase(), value.length ? value.join('=') : true];
      }),
    ),
  };
}

const withCookie = (value: string) => ({ cookie: `kpa_refresh=${value}` });

describe('the web console served at /', () => {
  it('answers index.html at / and on client-side routes, revalidated every time, with a policy that lets a Vite build run', async () => {
    for (const path of ['/', '/aujourdhui', '/membres/123', '/membres/123?onglet=contrats', '/v1beta']) {
      const page = await platform.http('GET', path);
      expect({ path, status: page.status, body: page.body }).toEqual({ path, status: 200, body: INDEX });
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
    const head = await platform.http('HEAD', '/aujourdhui');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^text\/html/);

    const policy = Object.fromEntries(
      String((await platform.http('GET', '/')).headers.get('content-security-policy'))
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    // Module scripts from the gateway itself, no inline script; fetch() to the same origin only.
    expect(policy).toMatchObject({ 'script-src': ["'self'"], 'connect-src': ["'self'"], 'default-src': ["'self'"], 'frame-ancestors': ["'none'"] });
  });

  it('serves the hashed assets for a year and other files revalidated; a missing asset or a dotfile is no page', async () => {
    const script = await platform.http('GET', '/assets/index-3f2a1b.js');
    expect(script.status).toBe(200);
    expect(script.body).toBe(SCRIPT);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const icon = await platform.http('GET', '/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get('cache-control')).toBe('no-cache');

    // An old build's asset: a 404 the browser does not run, not index.html as a script.
    const stale = await platform.http('GET', '/assets/index-0ld.js');
    expect(stale.status).toBe(404);
    expect(String(stale.body)).not.toContain('<html');

    // Dotfiles and escapes from the folder are never read: the console's page (or a 4xx) instead.
    for (const path of ['/.env', '/assets/..%2F.env', '/assets/%2e%2e/.env', '/%2e%2e/%2e%2e/package.json', '/..%5c..%5cpackage.json', '/%00']) {
      const answer = await platform.http('GET', path);
      const text = String(answer.body);
      expect({ path, served: answer.status === 200 ? text === INDEX : answer.status >= 400 && answer.status < 500, leaked: text.includes('SECRET') }).toEqual({
        path,
        served: true,
        leaked: false,
      });
    }
  });

  it('leaves the API and the operational paths to the API: an unknown /v1 route is its JSON 404', async () => {
    for (const path of ['/v1/nope', '/v1', '/v1/sites/not-a-route/at/all', '/public/nope', '/health/nope', '/docs/nope.js', '/metrics']) {
      const answer = await platform.http('GET', path);
      expect({ path, status: answer.status, code: answer.body?.code }).toEqual({ path, status: 404, code: 'ROUTE_NOT_FOUND' });
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    }
    expect((await platform.http('POST', '/aujourdhui', { body: {} })).body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect((await platform.http('GET', '/health/live')).status).toBe(200);
    expect((await platform.http('GET', '/openapi.json')).body).toHaveProperty('paths');
    expect(String((await platform.http('GET', '/docs')).body)).toContain('swagger-ui');
  });

  it('says to run npm run build when the console was never built (no stack, nothing else)', async () => {
    await platform.start('gateway#unbuilt', { WEB_DIST_DIR: join(dist, 'not-built') });
    for (const path of ['/', '/aujourdhui']) {
      const page = await platform.http('GET', path, { instance: 'gateway#unbuilt' });
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(String(page.body)).toContain('npm run build');
      expect(String(page.body)).not.toMatch(/at \S+ \(|Error:/);
    }
    expect((await platform.http('GET', '/v1/nope', { instance: 'gateway#unbuilt' })).body.code).toBe('ROUTE_NOT_FOUND');
    await platform.stop('gateway#unbuilt');
  });
});

describe('the console’s cookie session', () => {
  it('logs in with the refresh token in an HttpOnly, SameSite=Strict cookie scoped to the console’s auth routes, Secure behind HTTPS', async () => {
    const login = await platform.http('POST', '/v1/auth/console/login', { body: ADMIN });
    expect(login.status).toBe(200);
    expect(Object.keys(login.body).sort()).toEqual(['accessToken', 'expiresIn', 'tokenType']);
    expect(login.body.tokenType).toBe('Bearer');
    const cookie = refreshCookie(login);
    expect(cookie.value.length).toBeGreaterThan(20);
    expect(cookie.attributes).toEqual({ 'max-age': String(30 * 86400), path: '/v1/auth/console', httponly: true, samesite: 'Strict' });
    expect((await platform.http('GET', '/v1/me', { token: login.body.accessToken })).body.email).toBe(ADMIN.email);

    const overHttps = await platform.http('POST', '/v1/auth/console/login', { body: ADMIN, headers: { 'x-forwarded-proto': 'https' } });
    expect(refreshCookie(overHttps).attributes).toMatchObject({ secure: true, httponly: true, samesite: 'Strict', path: '/v1/auth/console' });

    // What a form on another site could send (no preflight): not JSON, so no session.
    for (const [type, body] of [
      ['text/plain', JSON.stringify(ADMIN)],
      ['application/x-www-form-urlencoded', new URLSearchParams(ADMIN).toString()],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${ADMIN.email}\r\n--x--\r\n`],
    ]) {
      const form = await platform.http('POST', '/v1/auth/console/login', { body, headers: { 'content-type': type } });
      expect({ type, status: form.status >= 400 && form.status < 500, cookies: form.headers.getSetCookie() }).toEqual({ type, status: true, cookies: [] });
    }
    const crossSite = await platform.http('POST', '/v1/auth/console/login', { body: ADMIN, headers: { 'sec-fetch-site': 'cross-site' } });
    expect({ status: crossSite.status, code: crossSite.body.code, cookies: crossSite.headers.getSetCookie() }).toEqual({ status: 403, code: 'FORBIDDEN', cookies: [] });
    // No GET reaches a session route.
    expect((await platform.http('GET', '/v1/auth/console/refresh', { headers: withCookie(cookie.value) })).body.code).toBe('ROUTE_NOT_FOUND');

    const wrong = await platform.http('POST', '/v1/auth/console/login', { body: { email: ADMIN.email, password: 'pas le bon mot de passe' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('refreshes with the cookie alone, rotating it; the old cookie used again closes the session', async () => {
    const first = refreshCookie(await platform.http('POST', '/v1/auth/console/login', { body: ADMIN }));

    const refreshed = await platform.http('POST', '/v1/auth/console/refresh', { headers: withCookie(first.value) });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(['accessToken', 'expiresIn', 'tokenType']);
    const second = refreshCookie(refreshed);
    expect(second.value).not.toBe(first.value);
    expect(second.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/v1/auth/console' });
    expect((await platform.http('GET', '/v1/me', { token: refreshed.body.accessToken })).status).toBe(200);

    // The first cookie again (stolen, or replayed): the whole session ends, the thief's and the user's alike.
    const reuse = await platform.http('POST', '/v1/auth/console/refresh', { headers: withCookie(first.value) });
    expect(reuse.status).toBe(401);
    expect(reuse.body).toMatchObject({ code: 'INVALID_REFRESH_TOKEN', message: expect.stringContaining('already used') });
    expect(refreshCookie(reuse).attributes['max-age']).toBe('0');
    expect((await platform.http('POST', '/v1/auth/console/refresh', { headers: withCookie(second.value) })).status).toBe(401);
    expect((await platform.http('GET', '/v1/me', { token: refreshed.body.accessToken })).status).toBe(401);
  });

  it('refuses a refresh without a cookie or with a bad one, saying to log in again', async () => {
    const none = await platform.http('POST', '/v1/auth/console/refresh');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'INVALID_REFRESH_TOKEN', message: expect.stringContaining('kpa_refresh cookie is missing') });
    for (const cookie of ['kpa_refresh=not-a-token-we-ever-gave-out-at-all', 'kpa_refresh=', `kpa_refresh=${'x'.repeat(5000)}`, 'other=1']) {
      const bad = await platform.http('POST', '/v1/auth/console/refresh', { headers: { cookie } });
      expect({ cookie: cookie.slice(0, 40), status: bad.status, code: bad.body.code }).toEqual({ cookie: cookie.slice(0, 40), status: 401, code: 'INVALID_REFRESH_TOKEN' });
    }
    // The JSON refresh of the partners does not read the cookie, nor the cookie route a body.
    const session = refreshCookie(await platform.http('POST', '/v1/auth/console/login', { body: ADMIN }));
    // A page of another site (or a sibling subdomain) cannot spend the cookie, even should the browser send it.
    for (const site of ['cross-site', 'same-site']) {
      const forged = await platform.http('POST', '/v1/auth/console/refresh', { headers: { ...withCookie(session.value), 'sec-fetch-site': site } });
      expect({ site, status: forged.status, code: forged.body.code, cookies: forged.headers.getSetCookie() }).toEqual({ site, status: 403, code: 'FORBIDDEN', cookies: [] });
    }
    const sameOrigin = await platform.http('POST', '/v1/auth/console/refresh', { headers: { ...withCookie(session.value), 'sec-fetch-site': 'same-origin' } });
    expect(sameOrigin.status).toBe(200);
    expect((await platform.http('POST', '/v1/auth/refresh', { headers: withCookie(session.value), body: {} })).status).toBe(400);
    expect((await platform.http('POST', '/v1/auth/console/refresh', { body: { refreshToken: refreshCookie(sameOrigin).value } })).status).toBe(401);
  });

  it('logs out: the session ends and the cookie is cleared; a second logout is harmless', async () => {
    const login = await platform.http('POST', '/v1/auth/console/login', { body: ADMIN });
    const cookie = refreshCookie(login);
    const logout = await platform.http('POST', '/v1/auth/console/logout', { headers: withCookie(cookie.value) });
    expect(logout.status).toBe(204);
    const cleared = refreshCookie(logout);
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toMatchObject({ 'max-age': '0', path: '/v1/auth/console', httponly: true, samesite: 'Strict' });
    expect((await platform.http('POST', '/v1/auth/console/refresh', { headers: withCookie(cookie.value) })).status).toBe(401);
    expect((await platform.http('GET', '/v1/me', { token: login.body.accessToken })).status).toBe(401);
    expect((await platform.http('POST', '/v1/auth/console/logout', { headers: withCookie(cookie.value) })).status).toBe(204);
    expect((await platform.http('POST', '/v1/auth/console/logout')).status).toBe(204);
  });

  it('logs out everywhere: every other session (console or partner JSON) loses its refresh and its access', async () => {
    const laptop = await platform.http('POST', '/v1/auth/console/login', { body: ADMIN });
    const laptopCookie = refreshCookie(laptop);
    const phone = await platform.http('POST', '/v1/auth/console/login', { body: ADMIN });
    const script = await platform.login(ADMIN.email, ADMIN.password);

    expect((await platform.http('POST', '/v1/auth/logout-all')).status).toBe(401);
    const everywhere = await platform.http('POST', '/v1/auth/logout-all', { token: phone.body.accessToken });
    expect(everywhere.status).toBe(200);
    expect(everywhere.body.sessionsClosed).toBeGreaterThanOrEqual(3);

    expect((await platform.http('POST', '/v1/auth/console/refresh', { headers: withCookie(laptopCookie.value) })).status).toBe(401);
    expect((await platform.http('POST', '/v1/auth/console/refresh', { headers: withCookie(refreshCookie(phone).value) })).status).toBe(401);
    expect((await platform.http('POST', '/v1/auth/refresh', { body: { refreshToken: script.refreshToken } })).status).toBe(401);
    for (const token of [laptop.body.accessToken, phone.body.accessToken, script.accessToken]) expect((await platform.http('GET', '/v1/me', { token })).status).toBe(401);

    // A new login works as before.
    expect((await platform.http('POST', '/v1/auth/console/login', { body: ADMIN })).status).toBe(200);
  });
});
