/**
 * The web console's refresh token travels in a cookie the page's JavaScript cannot read
 * (HttpOnly), sent back only to the console's own auth routes (Path) and never on a request
 * another site starts (SameSite=Strict): an XSS cannot steal it, a CSRF cannot spend it.
 * Its access token lives in the page's memory. Partners keep the JSON login and refresh.
 */

/** Never renamed: browsers hold it for up to REFRESH_TOKEN_TTL_DAYS. */
export const REFRESH_COOKIE = 'kpa_refresh';
/** The browser sends the cookie to these routes only (login, refresh, logout), not to every API call. */
export const REFRESH_COOKIE_PATH = '/v1/auth/console';

export interface RefreshCookieOptions {
  httpOnly: true;
  sameSite: 'strict';
  path: string;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/**
 * The cookie's attributes. `Secure` when the request came over HTTPS (directly, or by the
 * reverse proxy's X-Forwarded-Proto when TRUST_PROXY is on): a developer's http://127.0.0.1 keeps
 * working, a browser never sends the cookie over plain HTTP to a server behind TLS.
 */
export function refreshCookieOptions(protocol: string, maxAgeSeconds: number): RefreshCookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: REFRESH_COOKIE_PATH, secure: protocol === 'https', maxAge: maxAgeSeconds };
}

/** The refresh token a cookie header carries, or undefined when it has none worth checking (absent, empty, absurdly long). */
export function refreshTokenFromCookies(cookies: Record<string, string | undefined> | undefined): string | undefined {
  const value = cookies?.[REFRESH_COOKIE];
  if (!value || value.length > 200) return undefined;
  return value;
}

/**
 * A browser request another site (or a sibling subdomain: "same-site" for SameSite's rules) made,
 * by the Fetch Metadata header the browser sets and scripts cannot. Defence in depth behind
 * SameSite=Strict; a request without the header (an old browser, a script) is judged by the rest.
 */
export function isFromAnotherOrigin(secFetchSite: string | string[] | undefined): boolean {
  return secFetchSite === 'cross-site' || secFetchSite === 'same-site';
}

/**
 * A JSON body: what a form cannot send (Nest also reads urlencoded forms, which a page of any site
 * can POST without a preflight). The console's login wants it, so no other site logs a browser in
 * to an account of its choosing ("login CSRF").
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}
