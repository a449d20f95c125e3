import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { Observable, tap } from 'rxjs';
import { v4 as uuidv4 } from 'uuid';
import { CONTEXT_HEADERS, isAcceptableRequestId, RequestContext } from '../context/request-context';
import { LOGGER, Logger } from '../logging/logger';
import { Metrics } from '../metrics/metrics';

/** Restores the caller's request context from the NATS headers, times and logs each RPC. */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const nats = context.switchToRpc().getContext<NatsContext>();
    const headers = nats.getHeaders();
    const requestId = headers?.get(CONTEXT_HEADERS.requestId);
    const actor = headers?.get(CONTEXT_HEADERS.actor);
    const store = {
      requestId: isAcceptableRequestId(requestId) ? requestId : uuidv4(),
      actor: isAcceptableRequestId(actor) ? actor : 'system',
    };
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
