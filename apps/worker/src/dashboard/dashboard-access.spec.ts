import { randomUUID } from 'node:crypto';
import { QUEUE_DASHBOARD_AUDIENCE, signAccessToken } from '@kpa/platform';
import { cookieOf, dashboardAccess } from './dashboard-access';

describe('queue dashboard access', () => {
  const secret = 'a-test-secret-of-at-least-thirty-two-characters';
  const claims = { userId: randomUUID(), sessionId: randomUUID() };
  const dashboardToken = signAccessToken(claims, secret, 600, QUEUE_DASHBOARD_AUDIENCE);

  it('lets in the holder of a dashboard token, as a bearer token or the cookie', () => {
    expect(dashboardAccess({ authorization: `Bearer ${dashboardToken}` }, secret)).toEqual({ allowed: true, userId: claims.userId, token: dashboardToken });
    expect(dashboardAccess({ cookie: `other=1; kpa_queues=${dashboardToken}` }, secret)).toMatchObject({ allowed: true });
  });

  it('refuses anonymous callers with 401 and says how to get a token', () => {
    expect(dashboardAccess({}, secret)).toMatchObject({ allowed: false, status: 401, message: expect.stringContaining('POST /v1/ops/queue-dashboard-tokens') });
  });

  it('refuses an API access token (which does not say its holder is a network admin) with 403', () => {
    const apiToken = signAccessToken(claims, secret, 600);
    expect(dashboardAccess({ authorization: `Bearer ${apiToken}` }, secret)).toMatchObject({ allowed: false, status: 403 });
  });

  it('refuses a token signed with another secret, or expired, with 401', () => {
    const forged = signAccessToken(claims, 'another-secret-of-at-least-thirty-two-chars', 600, QUEUE_DASHBOARD_AUDIENCE);
    expect(dashboardAccess({ authorization: `Bearer ${forged}` }, secret)).toMatchObject({ allowed: false, status: 401 });
    const expired = signAccessToken(claims, secret, -10, QUEUE_DASHBOARD_AUDIENCE);
    expect(dashboardAccess({ cookie: `kpa_queues=${expired}` }, secret)).toMatchObject({ allowed: false, status: 401 });
  });

  it('is off (503) when the worker has no secret to check tokens with', () => {
    expect(dashboardAccess({ authorization: `Bearer ${dashboardToken}` }, undefined)).toMatchObject({ allowed: false, status: 503 });
  });

  it('reads a cookie among others', () => {
    expect(cookieOf('a=1; kpa_queues=x.y=z; b=2', 'kpa_queues')).toBe('x.y=z');
    expect(cookieOf('a=1', 'kpa_queues')).toBeUndefined();
    expect(cookieOf(undefined, 'kpa_queues')).toBeUndefined();
  });
});
