/**
 * The access token lives in this module's memory only — never localStorage, which any script of the
 * page could read. The refresh token is an HttpOnly cookie the gateway sets for the console: a
 * reload gets a new access token through POST /v1/auth/console/refresh.
 */
let accessToken: string | null = null;
const listeners = new Set<() => void>();

export function currentAccessToken(): string | null {
  return accessToken;
}

/**
 * Whether this browser may hold a console session: set at each token, removed when the session
 * ends. Not a secret (no token, just "a refresh is worth asking for"): a first visit then shows the
 * log-in page at once, without a refresh round trip that can only fail (on a slow line, a third of
 * a second before anything is drawn).
 */
const SESSION_HINT = 'kpa.console.session';

export function setAccessToken(token: string | null): void {
  accessToken = token;
  try {
    if (token) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // Private browsing may refuse storage: every load then tries the refresh, as it would anyway.
  }
  for (const listener of listeners) listener();
}

/** False only when this browser surely holds no session (it never logged in, or logged out); true when unsure. */
export function mayHoldSession(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) !== null;
  } catch {
    return true;
  }
}

/** Called when the session starts or ends (a screen goes to the log-in page when it ends). */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
