import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientNats, NatsRecordBuilder } from '@nestjs/microservices';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { DomainError, isErrorBody } from '@kpa/contracts';
import { ServiceConfig } from '../config/config';
import { CONTEXT_HEADERS, RequestContext } from '../context/request-context';
import { LOGGER, Logger } from '../logging/logger';
import { Metrics } from '../metrics/metrics';

/**
 * Request/reply to the services over NATS: namespaced subject, request context in the headers,
 * a timeout on every call, and errors turned back into DomainErrors with the service's code.
 */
@Injectable()
export class RpcClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly client: ClientNats;

  constructor(
    private readonly config: ServiceConfig,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.client = new ClientNats({
      servers: config.NATS_URL.split(','),
      name: `kpa-rpc-client-${process.pid}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.client.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }

  async call<TResponse>(subject: string, payload: object, timeoutMs = this.config.RPC_TIMEOUT_MS): Promise<TResponse> {
    const context = RequestContext.current();
    const headers = natsHeaders();
    if (context) {
      headers.set(CONTEXT_HEADERS.requestId, context.requestId);
      headers.set(CONTEXT_HEADERS.actor, context.actor);
    }
    const record = new NatsRecordBuilder(payload).setHeaders(headers).build();
    const started = process.hrtime.bigint();
    let outcome = 'ok';
    try {
      return await firstValueFrom(this.client.send<TResponse>(`${this.config.KPA_NATS_NAMESPACE}.${subject}`, record).pipe(timeout(timeoutMs)));
    } catch (error) {
      if (isErrorBody(error)) {
        outcome = 'error';
        throw DomainError.fromBody(error);
      }
      outcome = error instanceof TimeoutError ? 'timeout' : 'unavailable';
      this.logger.warn({ subject, err: error }, 'rpc call failed');
      const service = subject.split('.')[1] ?? subject;
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        outcome === 'timeout'
          ? `The ${service} service did not answer within ${timeoutMs} ms; try again shortly.`
          : `The ${service} service cannot be reached right now; try again shortly.`,
        { service },
      );
    } finally {
      this.metrics.rpcClientDuration.observe({ subject, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}
