import { ERROR_CODES } from '@kpa/contracts';
import { httpStatusOf } from './http-status';

describe('httpStatusOf', () => {
  it('maps every error code to a 4xx or 5xx status', () => {
    for (const code of ERROR_CODES) {
      const status = httpStatusOf(code);
      expect(status >= 400 && status <= 599).toBe(true);
    }
  });

  it('answers 404, never 403, for another site', () => {
    expect(httpStatusOf('SITE_NOT_FOUND')).toBe(404);
    expect(httpStatusOf('FORBIDDEN')).toBe(403);
    expect(httpStatusOf('IDEMPOTENCY_KEY_IN_USE')).toBe(409);
    expect(httpStatusOf('IDEMPOTENCY_KEY_REUSED')).toBe(422);
  });
});
