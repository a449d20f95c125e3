import { ApiError, networkError, NETWORK_ERROR, toApiError, UNREADABLE_ERROR } from './api-error';

describe('toApiError', () => {
  it('keeps the status, code and message of the API error body', () => {
    const error = toApiError(409, { statusCode: 409, code: 'INVOICE_ALREADY_ISSUED', message: 'This invoice is already issued.' });
    expect(error).toBeInstanceOf(ApiError);
    expect({ status: error.status, code: error.code, message: error.message, field: error.field }).toEqual({
      status: 409,
      code: 'INVOICE_ALREADY_ISSUED',
      message: 'This invoice is already issued.',
      field: undefined,
    });
  });

  it('keeps details that are an object, for the French sentence to be filled', () => {
    const body = { statusCode: 422, code: 'MEMBER_ALREADY_LEFT', message: 'Left.', details: { leftOn: '2026-10-31' } };
    expect(toApiError(422, body).details).toEqual({ leftOn: '2026-10-31' });
    expect(toApiError(422, { ...body, details: ['x'] }).details).toBeUndefined();
    expect(toApiError(409, { statusCode: 409, code: 'X', message: 'm' }).details).toBeUndefined();
  });

  it('names the field of details.field', () => {
    const error = toApiError(422, { statusCode: 422, code: 'CAPE_MEMBER_TOO_YOUNG', message: 'Trop jeune.', details: { field: 'startsOn' } });
    expect(error.field).toBe('startsOn');
  });

  it("names the first field of the validation pipe's details.fields", () => {
    const body = { statusCode: 400, code: 'VALIDATION_FAILED', message: 'email must be an email', details: { fields: [{ field: 'email', problems: ['email must be an email'] }] } };
    expect(toApiError(400, body).field).toBe('email');
  });

  it('reads a body still in text', () => {
    const error = toApiError(401, JSON.stringify({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail or password.' }));
    expect([error.code, error.message]).toEqual(['INVALID_CREDENTIALS', 'Wrong e-mail or password.']);
  });

  it('never shows what is not the API error shape (an HTML page, raw JSON, an empty message)', () => {
    for (const body of ['<html>Bad gateway</html>', { error: 'x' }, { code: 'X', message: '  ' }, null, undefined, [1, 2]]) {
      const error = toApiError(502, body);
      expect([error.status, error.code, error.message]).toEqual([502, UNREADABLE_ERROR, '']);
    }
  });

  it('ignores a details.field that is not a name', () => {
    expect(toApiError(400, { code: 'X', message: 'm', details: { field: 3 } }).field).toBeUndefined();
    expect(toApiError(400, { code: 'X', message: 'm', details: ['field'] }).field).toBeUndefined();
  });
});

describe('networkError', () => {
  it('a request with no answer has status 0', () => {
    expect([networkError().status, networkError().code]).toEqual([0, NETWORK_ERROR]);
  });
});
