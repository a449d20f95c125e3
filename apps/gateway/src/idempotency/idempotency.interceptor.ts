import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, OnApplicationBootstrap, OnApplicationShutdown, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DomainError } from '@kpa/contracts';
import { LOGGER, Logger, RequestContext } from '@kpa/platform';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { ReplayedResponse, toHttpError } from '../http/http-error.filter';
import { isAcceptableKey, requestFingerprint, serviceIdempotencyKey } from './idempotency';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

/** Where @HttpCode() keeps a route's success status (Nest's constant, not exported from its entry point). */
const HTTP_CODE_METADATA = '__httpCode__';

/**
 * `Idempotency-Key` on POST: the first response (success or client error) is stored in Postgres
 * for 24 hours and replayed for the same key and request; the same key with another request is
 * refused (422); a retry while the first is still running is refused (409). Server errors are
 * not stored, so the client can retry them. Keys belong to the caller (user, or IP when anonymous).
 *
 * The key also travels to the services (scoped to its owner and request, see serviceIdempotencyKey):
 * a command marked `@IdempotentCommand()` records its result under it in the transaction of its
 * effect, so a retry after a lost reply (a 503 here, the key released) gets the first result back
 * from the service instead of running the command again.
 */
/** Metadata of a route whose answer carries credentials: never stored, never replayed. */
export const CREDENTIALS_ANSWER = 'kpa:credentials-answer';

/**
 * A route that answers tokens (log in, refresh): its answer is never stored under an
 * `Idempotency-Key` (tokens at rest, and a replay would hand them out again). Retrying one is
 * harmless anyway: a second login opens a second session; a second refresh is refused as a reuse.
 */
export const AnswersCredentials = () => SetMetadata(CREDENTIALS_ANSWER, true);

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnApplicationBootstrap, OnApplicationShutdown {
  private janitor?: NodeJS.Timeout;

  constructor(
    private readonly keys: IdempotencyKeyRepository,
    private readonly reflector: Reflector,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Expired keys are removed hourly (an expired key is also taken over when reused). */
  onApplicationBootstrap(): void {
    this.janitor = setInterval(() => {
      this.keys.deleteExpired().catch((error: unknown) => this.logger.warn({ err: error }, 'idempotency keys cleanup failed'));
    }, 3600_000).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.janitor);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (this.reflector.get<boolean>(CREDENTIALS_ANSWER, context.getHandler())) return next.handle();
    return from(this.handle(context, request, key, next));
  }

  private async handle(context: ExecutionContext, request: AuthenticatedRequest, key: unknown, next: CallHandler): Promise<unknown> {
    if (!isAcceptableKey(key)) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 8 to 128 letters, digits or . _ : - (a uuid is ideal).', {
        field: 'Idempotency-Key',
      });
    }
    const owner = request.principal ? `user:${request.principal.userId}` : `ip:${request.ip}`;
    const fingerprint = requestFingerprint(request.method, request.url, request.body);

    const claimed = await this.keys.claim(owner, key, fingerprint);
    if (!claimed) {
      const stored = await this.keys.find(owner, key);
      if (!stored) return this.handle(context, request, key, next); // expired and removed meanwhile
      if (stored.requestHash !== fingerprint) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request; use a new key for a new request.');
      }
      if (stored.state === 'in_progress') {
        throw new DomainError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still being processed; retry in a moment.');
      }
      const successStatus = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
      if (stored.statusCode === successStatus) {
        const reply = context.switchToHttp().getResponse();
        reply.header('idempotent-replayed', 'true');
        return stored.response;
      }
      throw new ReplayedResponse(stored.statusCode, stored.response);
    }

    try {
      RequestContext.setIdempotencyKey(serviceIdempotencyKey(owner, key, fingerprint));
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
      await this.keys.store(owner, key, status, body ?? null);
      return body;
    } catch (error) {
      const { statusCode, body } = toHttpError(error, this.logger);
      if (statusCode < 500 && statusCode !== 429) await this.keys.store(owner, key, statusCode, body);
      else await this.keys.release(owner, key);
      throw error;
    }
  }
}
