import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DomainError } from '@kpa/contracts';
import { LOGGER, Logger } from '@kpa/platform';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { ReplayedResponse, toHttpError } from '../http/http-error.filter';
import { IDEMPOTENCY_TTL_HOURS, isAcceptableKey, requestFingerprint } from './idempotency';

/** Where @HttpCode() keeps a route's success status (Nest's constant, not exported from its entry point). */
const HTTP_CODE_METADATA = '__httpCode__';

/**
 * `Idempotency-Key` on POST: the first response (success or client error) is stored in Postgres
 * for 24 hours and replayed for the same key and request; the same key with another request is
 * refused (422); a retry while the first is still running is refused (409). Server errors are
 * not stored, so the client can retry them. Keys belong to the caller (user, or IP when anonymous).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnApplicationBootstrap, OnApplicationShutdown {
  private janitor?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Expired keys are removed hourly (an expired key is also taken over when reused). */
  onApplicationBootstrap(): void {
    this.janitor = setInterval(() => {
      this.dataSource
        .query(`DELETE FROM gateway.idempotency_key WHERE created_at < clock_timestamp() - interval '${IDEMPOTENCY_TTL_HOURS} hours'`)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'idempotency keys cleanup failed'));
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

    const claimed = await this.claim(owner, key, fingerprint);
    if (!claimed) {
      const [stored] = await this.dataSource.query(
        `SELECT request_hash AS "requestHash", state, status_code AS "statusCode", response FROM gateway.idempotency_key WHERE owner = $1 AND key = $2`,
        [owner, key],
      );
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
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
      await this.store(owner, key, status, body ?? null);
      return body;
    } catch (error) {
      const { statusCode, body } = toHttpError(error, this.logger);
      if (statusCode < 500 && statusCode !== 429) await this.store(owner, key, statusCode, body);
      else await this.release(owner, key);
      throw error;
    }
  }

  /** Takes the key for this request; an expired key is taken over. */
  private async claim(owner: string, key: string, fingerprint: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO gateway.idempotency_key (owner, key, request_hash, state) VALUES ($1, $2, $3, 'in_progress')
       ON CONFLICT (owner, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, state = 'in_progress', status_code = NULL, response = NULL, created_at = clock_timestamp()
         WHERE gateway.idempotency_key.created_at < clock_timestamp() - interval '${IDEMPOTENCY_TTL_HOURS} hours'
       RETURNING key`,
      [owner, key, fingerprint],
    );
    return rows.length === 1;
  }

  private async store(owner: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await this.dataSource.query(`UPDATE gateway.idempotency_key SET state = 'done', status_code = $3, response = $4::jsonb WHERE owner = $1 AND key = $2`, [
      owner,
      key,
      statusCode,
      JSON.stringify(response),
    ]);
  }

  private async release(owner: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM gateway.idempotency_key WHERE owner = $1 AND key = $2 AND state = 'in_progress'`, [owner, key]);
  }
}
