import { client } from './generated/client.gen';
import type { TokenPairDto } from './generated/types.gen';
import { ApiError, networkError, toApiError } from './api-error';
import { refreshingFetch, singleFlight } from './refreshing-fetch';
import { currentAccessToken, setAccessToken } from './session';

/** What the console's cookie session routes answer: the access token only (the refresh token stays in its cookie). */
type ConsoleToken = Pick<TokenPairDto, 'accessToken' | 'expiresIn'>;

const CONSOLE_AUTH = '/v1/auth/console';

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

/** One refresh at a time, however many requests got a 401 together; false when the session is over. */
export const refreshSession = singleFlight(async () => {
  try {
    const response = await consoleAuth('refresh');
    if (!response.ok) {
      setAccessToken(null);
      return false;
    }
    setAccessToken(((await response.json()) as ConsoleToken).accessToken);
    return true;
  } catch {
    // No answer (offline): the session may still be good, keep the token.
    return false;
  }
});

export async function logIn(email: string, password: string): Promise<void> {
  const response = await consoleAuth('login', { email, password });
  if (!response.ok) throw toApiError(response.status, await response.text());
  setAccessToken(((await response.json()) as ConsoleToken).accessToken);
}

/** Same origin, the token from memory, one silent cookie refresh on a 401, then the request once more. */
const apiFetch = refreshingFetch({ send: (request) => send(request), token: currentAccessToken, refresh: refreshSession, noRetryPrefix: CONSOLE_AUTH });

/**
 * Ends this browser's session (its cookie) — with `everywhere`, first every session of the user on
 * every device; if that is refused, this session stays and the error says why.
 */
export async function logOut(everywhere = false): Promise<void> {
  if (everywhere) {
    const response = await apiFetch(new Request('/v1/auth/logout-all', { method: 'POST' }));
    if (!response.ok) throw toApiError(response.status, await response.text());
  }
  try {
    await consoleAuth('logout');
  } finally {
    setAccessToken(null);
  }
}

// Every generated call goes through apiFetch.
client.setConfig({ baseUrl: '', fetch: apiFetch as typeof fetch });

/** A generated call's result, or its failure as an ApiError (thrown, for TanStack Query). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response?: Response }>): Promise<T> {
  const result = await call;
  if (result.response && !result.response.ok) throw toApiError(result.response.status, result.error);
  if (!result.response) throw networkError();
  return result.data as T;
}

export { ApiError };
