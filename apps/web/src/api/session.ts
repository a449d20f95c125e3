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

export function setAccessToken(token: string | null): void {
  accessToken = token;
  for (const listener of listeners) listener();
}

/** Called when the session starts or ends (a screen goes to the log-in page when it ends). */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
