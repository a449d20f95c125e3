import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@kpa/contracts';
import { createLogger } from '@kpa/platform';
import { toHttpError } from './http-error.filter';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('test', 'info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('toHttpError', () => {
  it('answers an unexpected error with 500 and an error id that is also in the logs, never the stack', () => {
    const { logger, lines } = capturingLogger();
    const { statusCode, body } = toHttpError(new TypeError("Cannot read properties of undefined (reading 'id')"), logger);
    expect(statusCode).toBe(500);
    expect(body.code).toBe('INTERNAL_ERROR');
    const errorId = (body.details as { errorId: string }).errorId;
    expect(body.message).toContain(errorId);
    expect(JSON.stringify(body)).not.toContain('Cannot read properties');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', errorId });
    expect(JSON.stringify(lines[0])).toContain('Cannot read properties');
  });

  it("keeps a domain error's code, message and details, with Retry-After on 429", () => {
    const { logger } = capturingLogger();
    const result = toHttpError(new DomainError('RATE_LIMITED', 'Too many requests; try again in 7 seconds.', { retryAfterSeconds: 7 }), logger);
    expect(result).toEqual({
      statusCode: 429,
      body: { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests; try again in 7 seconds.', details: { retryAfterSeconds: 7 } },
      headers: { 'retry-after': '7' },
    });
  });

  it("turns the framework's own client errors into the same shape", () => {
    const { logger } = capturingLogger();
    expect(toHttpError(new NotFoundException('Cannot GET /v1/x'), logger).body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(toHttpError(new BadRequestException('Validation failed (uuid is expected)'), logger).body).toMatchObject({ statusCode: 400, code: 'MALFORMED_REQUEST' });
    const fastifyError = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(toHttpError(fastifyError, logger).body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it("gives the router's and the HTTP parser's refusals a stable code of their status, never Fastify's", () => {
    const { logger } = capturingLogger();
    const tooLong = Object.assign(new URIError(`'${'a'.repeat(3000)}' is exceeding the max param length`), { statusCode: 414, code: 'FST_ERR_MAX_PARAM_LENGTH' });
    const result = toHttpError(tooLong, logger);
    expect(result).toMatchObject({ statusCode: 414, body: { statusCode: 414, code: 'URI_TOO_LONG' } });
    expect(result.body.message.length).toBeLessThan(200);
    expect(toHttpError(Object.assign(new Error('Header overflow'), { statusCode: 431 }), logger).body).toMatchObject({ statusCode: 431, code: 'HEADERS_TOO_LARGE' });
    expect(toHttpError(Object.assign(new Error('timeout'), { statusCode: 408 }), logger).body).toMatchObject({ statusCode: 408, code: 'REQUEST_TIMEOUT' });
  });
});
