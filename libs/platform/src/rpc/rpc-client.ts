import { Inject, Injectable } from '@nestjs/common';
import { NatsResponseJSONDeserializer } from '@nestjs/microservices';
import { headers as natsHeaders, NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { v4 as uuidv4 } from 'uuid';
import { DomainError, isErrorBody, RpcRequest, RpcResponse, RpcSubject } from '@kpa/contracts';
import { ServiceConfig } from '../config/config';
import { CONTEXT_HEADERS, RequestContext } from '../context/request-context';
import { LOGGER, Logger } from '../logging/logger';
import { Metrics } from '../metrics/metrics';
import { NatsClient, namespaced } from '../messaging/nats';

/**
 * Request/reply to the services over NATS: namespaced subject, request context in the headers,
 * a timeout on every call, and errors turned back into DomainErrors with the service's code.
 * The subject decides the request and response types (`RpcMap` of the contracts).
 *
 * It speaks Nest's NATS packets (`{ pattern, data, id }` out, Nest's own deserializer back) to
 * the services' Nest microservice servers, but sends through the NATS client's shared reply
 * subscription:
 * Nest's ClientNats subscribes a new inbox for every request, which halved the gateway's
 * throughput (bench/read-site.js).
 */
@Injectable()
export class RpcClient {
  private readonly deserializer = new NatsResponseJSONDeserializer();

  constructor(
    private readonly config: ServiceConfig,
    private readonly nats: NatsClient,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async call<S extends RpcSubject>(subject: S, payload: RpcRequest<S>, timeoutMs = this.config.RPC_TIMEOUT_MS): Promise<RpcResponse<S>> {
    const context = RequestContext.current();
    const headers = natsHeaders();
    if (context) {
      headers.set(CONTEXT_HEADERS.requestId, context.requestId);
      headers.set(CONTEXT_HEADERS.actor, context.actor);
      const idempotencyKey = RequestContext.idempotencyKeyFor(subject);
      if (idempotencyKey) headers.set(CONTEXT_HEADERS.idempotencyKey, idempotencyKey);
    }
    const packet = JSON.stringify({ pattern: subject, data: payload, id: uuidv4() });
    const started = process.hrtime.bigint();
    let outcome = 'ok';
    try {
      const connection = await this.nats.connection$();
      const reply = await connection.request(namespaced(this.nats.namespace, subject), packet, { timeout: timeoutMs, headers });
      const { err, response } = (await this.deserializer.deserialize(reply)) as { err?: unknown; response?: RpcResponse<S> };
      if (err !== undefined && err !== null) {
        outcome = 'error';
        if (isErrorBody(err)) throw DomainError.fromBody(err);
        throw new DomainError('INTERNAL_ERROR', 'The service answered with an error it did not describe.', { service: subject.split('.')[1] });
      }
      return response as RpcResponse<S>;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const timedOut = error instanceof TimeoutError || (error instanceof RequestError && error.cause instanceof TimeoutError);
      const noService = error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders());
      outcome = timedOut ? 'timeout' : 'unavailable';
      this.logger.warn({ subject, err: error }, 'rpc call failed');
      const service = subject.split('.')[1] ?? subject;
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        timedOut && !noService
          ? `The ${service} service did not answer within ${timeoutMs} ms; try again shortly.`
          : `The ${service} service cannot be reached right now; try again shortly.`,
        { service },
      );
    } finally {
      this.metrics.rpcClientDuration.observe({ subject, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}
