import { client } from './generated/client.gen';
import type { TokenPairDto } from './generated/types.gen';
import { ApiError, networkError, toApiError } from './api-error';
import { currentAccessToken, setAccessToken } from './session';

/** What the console's cookie session routes answer: the access token only (the refresh token stays in its cookie). */
type ConsoleToken = Pick<TokenPairDto, 'accessToken' | 'expiresIn'>;

const CONSOLE_AUTH = '/v1/auth/console';

function withToken(request: Request, token: string | null): Request {
  const headers = new Headers(request.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  else headers.delete('Authorization');
  return new Request(request, { headers });
}

async function send(input: RequestInfo, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, { credentials: 'same-origin', ...init });
  } catch {
    throw networkError();
  }
}

async function consoleAuth(path: 'login' | 'refresh' | 'logout', body?: unknown): Promise<Response> {
  return send(`${CONSOLE_AUTH}/${path}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time, however many requests got a 401 together. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await consoleAuth('refresh');
      if (!response.ok) {
        setAccessToken(null);
        return false;
      }
      setAccessToken(((await response.json()) as ConsoleToken).accessToken);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function logIn(email: string, password: string): Promise<void> {
  const response = await consoleAuth('login', { email, password });
  if (!response.ok) throw toApiError(response.status, await response.text());
  setAccessToken(((await response.json()) as ConsoleToken).accessToken);
}

/** Ends this browser's session (the cookie) — or, with `everywhere`, every session of the user. */
export async function logOut(everywhere = false): Promise<void> {
  try {
    if (everywhere) {
      const response = await send('/v1/auth/logout-all', { method: 'POST', headers: { Authorization: `Bearer ${currentAccessToken()}` } });
      if (!response.ok) throw toApiError(response.status, await response.text());
    }
    await consoleAuth('logout');
  } finally {
    setAccessToken(null);
  }
}

/**
 * Every generated call goes through this fetch: same origin, the access token from memory, and on
 * a 401 one silent refresh through the cookie, then the request once more.
 */
async function consoleFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const response = await send(withToken(request, currentAccessToken()));
  if (response.status !== 401 || request.url.includes(CONSOLE_AUTH)) return response;
  if (!(await refreshSession())) return response;
  return send(withToken(retry, currentAccessToken()));
}

client.setConfig({ baseUrl: '', fetch: consoleFetch as typeof fetch });

/** A generated call's result, or its failure as an ApiError (thrown, for TanStack Query). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response?: Response }>): Promise<T> {
  const result = await call;
  if (result.response && !result.response.ok) throw toApiError(result.response.status, result.error);
  if (!result.response) throw networkError();
  return result.data as T;
}

export { ApiError };
