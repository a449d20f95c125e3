import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { NatsContext } from '@nestjs/microservices';
import { Observable, tap } from 'rxjs';
import { v4 as uuidv4 } from 'uuid';
import { isUuid } from '@kpa/contracts';
import { CONTEXT_HEADERS, isAcceptableIdempotencyKey, isAcceptableRequestId, RequestContext, RequestContextStore } from '../context/request-context';
import { IDEMPOTENT_COMMAND } from '../idempotency/idempotent-command';
import { ACROSS_SITES } from './across-sites';
import { LOGGER, Logger } from '../logging/logger';
import { Metrics } from '../metrics/metrics';

/** The sites a request names (`siteId`, or `siteIds`), to which row-level security keeps its handler's queries; null when it names none. */
function sitesOfRequest(data: unknown): string[] | null {
  const { siteId, siteIds } = (data ?? {}) as { siteId?: unknown; siteIds?: unknown };
  if (siteId !== undefined && siteId !== null) return isUuid(siteId) ? [siteId] : [];
  if (Array.isArray(siteIds)) return siteIds.filter(isUuid);
  return null;
}

/**
 * Restores the caller's request context from the NATS headers, times and logs each RPC. The
 * idempotency key is kept only for a handler marked `@IdempotentCommand()`: nothing else records.
 * The sites the request names become those the handler's database connections work for; a handler
 * marked `@AcrossSites()` called without any works for the region.
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(
    private readonly metrics: Metrics,
    private readonly reflector: Reflector,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const nats = context.switchToRpc().getContext<NatsContext>();
    const headers = nats.getHeaders();
    const requestId = headers?.get(CONTEXT_HEADERS.requestId);
    const actor = headers?.get(CONTEXT_HEADERS.actor);
    const store: RequestContextStore = {
      requestId: isAcceptableRequestId(requestId) ? requestId : uuidv4(),
      actor: isAcceptableRequestId(actor) ? actor : 'system',
    };
    const idempotencyKey = headers?.get(CONTEXT_HEADERS.idempotencyKey);
    if (isAcceptableIdempotencyKey(idempotencyKey) && this.reflector.get<boolean>(IDEMPOTENT_COMMAND, context.getHandler())) store.idempotencyKey = idempotencyKey;
    store.sites = sitesOfRequest(context.switchToRpc().getData()) ?? (this.reflector.get<boolean>(ACROSS_SITES, context.getHandler()) ? 'all' : []);
    const subject = nats.getSubject();
    const started = process.hrtime.bigint();
    const finish = (outcome: 'ok' | 'error', error?: unknown) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.rpcServerDuration.observe({ subject, outcome }, seconds);
      this.logger.info({ subject, outcome, durationMs: Math.round(seconds * 1e4) / 10, code: (error as { code?: string })?.code }, 'rpc handled');
    };
    return new Observable((subscriber) =>
      RequestContext.run(store, () =>
        next
          .handle()
          .pipe(tap({ next: () => finish('ok'), error: (error) => finish('error', error) }))
          .subscribe(subscriber),
      ),
    );
  }
}
