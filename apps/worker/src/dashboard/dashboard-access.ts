import { QUEUE_DASHBOARD_AUDIENCE, API_AUDIENCE, verifyAccessToken } from '@kpa/platform';

/** The cookie that carries the dashboard token once `/queues/login?token=…` has checked it. */
export const DASHBOARD_COOKIE = 'kpa_queues';

export type DashboardAccess = { allowed: true; userId: string; token: string } | { allowed: false; status: 401 | 403 | 503; message: string };

const GET_TOKEN = 'A network admin gets one with POST /v1/ops/queue-dashboard-tokens on the API, then opens /queues/login?token=<token> (docs/worker.md).';

/**
 * Who may see the queue dashboard: the holder of a dashboard token (audience kpa-queues), which the
 * gateway gives network admins only, sent as `Authorization: Bearer` or the dashboard's cookie.
 * An API access token is refused (403): it does not say its holder is a network admin.
 */
export function dashboardAccess(headers: { authorization?: string; cookie?: string }, secret: string | undefined): DashboardAccess {
  if (!secret) return { allowed: false, status: 503, message: 'The queue dashboard is off: the worker has no JWT_SECRET (the gateway’s).' };
  const token = bearerOf(headers.authorization) ?? cookieOf(headers.cookie, DASHBOARD_COOKIE);
  if (!token) return { allowed: false, status: 401, message: `A dashboard token is required. ${GET_TOKEN}` };
  const claims = verifyAccessToken(token, secret, QUEUE_DASHBOARD_AUDIENCE);
  if (claims) return { allowed: true, userId: claims.userId, token };
  if (verifyAccessToken(token, secret, API_AUDIENCE)) return { allowed: false, status: 403, message: `This is an API access token, not a dashboard token. ${GET_TOKEN}` };
  return { allowed: false, status: 401, message: `The dashboard token is invalid or expired. ${GET_TOKEN}` };
}

function bearerOf(header: string | undefined): string | undefined {
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;
}

export function cookieOf(header: string | undefined, name: string): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}
