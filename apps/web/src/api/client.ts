import { client } from './generated/client.gen';
import { authControllerConsoleLogin, authControllerConsoleLogout, authControllerConsoleRefresh, authControllerLogoutAll } from './generated/sdk.gen';
import { ApiError, networkError, toApiError } from './api-error';
import { refreshingFetch, singleFlight } from './refreshing-fetch';
import { currentAccessToken, setAccessToken } from './session';

/** The console's session routes: their 401 is the answer, never retried after a refresh. */
const CONSOLE_AUTH = '/v1/auth/console';

/** A generated call's result, or its failure as an ApiError (thrown, for TanStack Query). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response?: Response }>): Promise<T> {
  const result = await call;
  if (!result.response) throw result.error instanceof ApiError ? result.error : networkError();
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}

/**
 * One refresh at a time, however many requests got a 401 together: the HttpOnly cookie buys a new
 * access token. False when the session is over (the token is dropped) or the gateway did not answer
 * (the token is kept: the session may still be good).
 */
export const refreshSession = singleFlight(async () => {
  const result = await authControllerConsoleRefresh();
  if (!result.response) return false;
  if (!result.response.ok || !result.data) {
    setAccessToken(null);
    return false;
  }
  setAccessToken(result.data.accessToken);
  return true;
});

export async function logIn(email: string, password: string): Promise<void> {
  const token = await unwrap(authControllerConsoleLogin({ body: { email, password } }));
  setAccessToken(token.accessToken);
}

/**
 * Ends this browser's session (its cookie) — with `everywhere`, first every session of the user on
 * every device; if that is refused, this session stays and the error says why.
 */
export async function logOut(everywhere = false): Promise<void> {
  if (everywhere) await unwrap(authControllerLogoutAll());
  try {
    await authControllerConsoleLogout();
  } finally {
    setAccessToken(null);
  }
}

async function send(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    throw networkError();
  }
}

// Every generated call: same origin (the cookie goes with the session routes), the access token
// from memory, one silent refresh on a 401, then the request once more.
client.setConfig({
  baseUrl: '',
  credentials: 'same-origin',
  fetch: refreshingFetch({ send, token: currentAccessToken, refresh: refreshSession, noRetryPrefix: CONSOLE_AUTH }) as typeof fetch,
});

export { ApiError };
