import { isFromAnotherOrigin, isJsonContentType, REFRESH_COOKIE, REFRESH_COOKIE_PATH, refreshCookieOptions, refreshTokenFromCookies } from './console-cookie';

describe('the console’s refresh cookie', () => {
  it('is HttpOnly, SameSite=Strict, scoped to the console’s auth routes, for the refresh token’s lifetime', () => {
    expect(refreshCookieOptions('http', 30 * 86400)).toEqual({ httpOnly: true, sameSite: 'strict', path: '/v1/auth/console', secure: false, maxAge: 2_592_000 });
    expect(REFRESH_COOKIE_PATH).toBe('/v1/auth/console');
    expect(REFRESH_COOKIE).toBe('kpa_refresh');
  });

  it('is Secure when the request came over HTTPS', () => {
    expect(refreshCookieOptions('https', 60).secure).toBe(true);
  });

  it('gives its token only when there is one worth checking', () => {
    expect(refreshTokenFromCookies({ kpa_refresh: 'abc' })).toBe('abc');
    expect(refreshTokenFromCookies({})).toBeUndefined();
    expect(refreshTokenFromCookies(undefined)).toBeUndefined();
    expect(refreshTokenFromCookies({ kpa_refresh: '' })).toBeUndefined();
    expect(refreshTokenFromCookies({ kpa_refresh: 'x'.repeat(201) })).toBeUndefined();
  });

  it('knows a request another site made by its Fetch Metadata', () => {
    expect(isFromAnotherOrigin('cross-site')).toBe(true);
    expect(isFromAnotherOrigin('same-site')).toBe(true);
    expect(isFromAnotherOrigin('same-origin')).toBe(false);
    expect(isFromAnotherOrigin('none')).toBe(false);
    expect(isFromAnotherOrigin(undefined)).toBe(false);
  });

  it('knows a JSON body from what a form can send', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('Application/JSON')).toBe(true);
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/jsonp', '', undefined]) {
      expect({ type, json: isJsonContentType(type) }).toEqual({ type, json: false });
    }
  });
});
