import { refreshingFetch, singleFlight } from './refreshing-fetch';

const ORIGIN = 'http://console.test';

/** A gateway that accepts one token: what it saw, and 401 for any other. */
function gateway(valid: () => string) {
  const seen: { path: string; authorization: string | null; body: string }[] = [];
  const send = async (request: Request) => {
    const authorization = request.headers.get('Authorization');
    seen.push({ path: new URL(request.url).pathname, authorization, body: await request.text() });
    return new Response(JSON.stringify({ ok: authorization === `Bearer ${valid()}` }), { status: authorization === `Bearer ${valid()}` ? 200 : 401 });
  };
  return { seen, send };
}

describe('refreshingFetch', () => {
  it('sends the token held in memory', async () => {
    const api = gateway(() => 'A');
    const fetch = refreshingFetch({ send: api.send, token: () => 'A', refresh: async () => true, noRetryPrefix: '/v1/auth/console' });
    expect((await fetch(new Request(`${ORIGIN}/v1/me`))).status).toBe(200);
    expect(api.seen).toEqual([{ path: '/v1/me', authorization: 'Bearer A', body: '' }]);
  });

  it('on a 401 refreshes once and retries the request, body included, with the new token', async () => {
    let token = 'old';
    let refreshes = 0;
    const api = gateway(() => 'new');
    const fetch = refreshingFetch({
      send: api.send,
      token: () => token,
      refresh: async () => {
        refreshes++;
        token = 'new';
        return true;
      },
      noRetryPrefix: '/v1/auth/console',
    });
    const response = await fetch(new Request(`${ORIGIN}/v1/me/notification-preferences`, { method: 'PUT', body: '{"digestHour":8}' }));
    expect(response.status).toBe(200);
    expect(refreshes).toBe(1);
    expect(api.seen.map((call) => [call.authorization, call.body])).toEqual([
      ['Bearer old', '{"digestHour":8}'],
      ['Bearer new', '{"digestHour":8}'],
    ]);
  });

  it('answers the 401 when the session is over, without a second try', async () => {
    const api = gateway(() => 'never');
    const fetch = refreshingFetch({ send: api.send, token: () => 'old', refresh: async () => false, noRetryPrefix: '/v1/auth/console' });
    expect((await fetch(new Request(`${ORIGIN}/v1/me`))).status).toBe(401);
    expect(api.seen).toHaveLength(1);
  });

  it("never retries the console's session routes", async () => {
    const api = gateway(() => 'never');
    let refreshes = 0;
    const fetch = refreshingFetch({ send: api.send, token: () => null, refresh: async () => (refreshes++, true), noRetryPrefix: '/v1/auth/console' });
    expect((await fetch(new Request(`${ORIGIN}/v1/auth/console/login`, { method: 'POST', body: '{}' }))).status).toBe(401);
    expect([refreshes, api.seen.length, api.seen[0].authorization]).toEqual([0, 1, null]);
  });
});

describe('singleFlight', () => {
  it('runs one refresh for callers arriving together, a new one afterwards', async () => {
    let runs = 0;
    let finish: (ok: boolean) => void = () => undefined;
    const refresh = singleFlight(() => {
      runs++;
      return new Promise<boolean>((resolve) => (finish = resolve));
    });
    const together = [refresh(), refresh(), refresh()];
    finish(true);
    expect(await Promise.all(together)).toEqual([true, true, true]);
    expect(runs).toBe(1);
    const later = refresh();
    finish(false);
    expect(await later).toBe(false);
    expect(runs).toBe(2);
  });
});
