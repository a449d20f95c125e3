import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { v4 as uuidv4 } from 'uuid';
import { DomainError, ErrorBody, ErrorCode } from '@kpa/contracts';
import { LOGGER, Logger } from '@kpa/platform';
import { httpStatusOf } from './http-status';

/** Thrown to send back an earlier response as it was (idempotent replay of an error). */
export class ReplayedResponse extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
  ) {
    super('replayed response');
  }
}

export interface HttpErrorBody extends ErrorBody {
  statusCode: number;
}

/** Nest/Fastify's own HTTP errors (unknown route, bad JSON, body too large…) in our error shape. */
function fromHttpException(exception: HttpException): { code: ErrorCode; message: string } {
  const status = exception.getStatus();
  const response = exception.getResponse() as { message?: string | string[] } | string;
  const raw = typeof response === 'string' ? response : Array.isArray(response.message) ? response.message.join('; ') : (response.message ?? exception.message);
  switch (status) {
    case 404:
      return { code: 'ROUTE_NOT_FOUND', message: `${raw}. See /docs for the routes of this API.` };
    case 413:
      return { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large (1 MiB at most).' };
    case 415:
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as JSON with Content-Type: application/json.' };
    case 408:
      return { code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time: send it again.' };
    case 414:
      return { code: 'URI_TOO_LONG', message: 'A path parameter is too long (100 characters at most): ids are uuids.' };
    case 431:
      return { code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large (16 KiB at most).' };
    case 401:
      return { code: 'UNAUTHENTICATED', message: raw };
    case 403:
      return { code: 'FORBIDDEN', message: raw };
    default:
      return status < 500 ? { code: 'MALFORMED_REQUEST', message: `The request could not be read: ${raw}` } : { code: 'INTERNAL_ERROR', message: raw };
  }
}

/**
 * Every error leaves the gateway as `{ statusCode, code, message, details? }`. Known errors say
 * what to fix; an unexpected one is logged with an error id, and only the id is shown.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof ReplayedResponse) {
      void reply.status(exception.statusCode).header('idempotent-replayed', 'true').send(exception.body);
      return;
    }
    const { statusCode, body, headers } = toHttpError(exception, this.logger);
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    void reply.status(statusCode).send(body);
  }
}

export function toHttpError(exception: unknown, logger: Logger): { statusCode: number; body: HttpErrorBody; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (exception instanceof DomainError) {
    const statusCode = httpStatusOf(exception.code);
    const retryAfter = (exception.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (statusCode === 429 && retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    if (statusCode === 503) headers['retry-after'] = '5';
    return { statusCode, body: { statusCode, ...exception.toBody() }, headers };
  }
  // Nest's and Fastify's own client errors (unknown route, unreadable JSON, body too large…).
  const clientError =
    exception instanceof HttpException
      ? exception
      : typeof (exception as { statusCode?: unknown })?.statusCode === 'number'
        ? new HttpException((exception as Error).message, (exception as { statusCode: number }).statusCode)
        : undefined;
  if (clientError && clientError.getStatus() < 500) {
    const statusCode = clientError.getStatus();
    return { statusCode, body: { statusCode, ...fromHttpException(clientError) }, headers };
  }
  const errorId = uuidv4();
  logger.error({ err: exception, errorId }, 'unexpected error');
  return {
    statusCode: 500,
    body: { statusCode: 500, code: 'INTERNAL_ERROR', message: `Unexpected error. Reference: ${errorId}`, details: { errorId } },
    headers,
  };
}
