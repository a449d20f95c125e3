import { Inject, Injectable } from '@nestjs/common';
import { NatsResponseJSONDeserializer } from '@nestjs/microservices';
import { headers as natsHeaders, Msg, NatsConnection, NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { v4 as uuidv4 } from 'uuid';
import { DomainError, isErrorBody, RPC, RpcRequest, RpcResponse, RpcSubject, ServiceName, SERVICES } from '@kpa/contracts';
import { ServiceConfig } from '../config/config';
import { CONTEXT_HEADERS, RequestContext } from '../context/request-context';
import { LOGGER, Logger } from '../logging/logger';
import { Metrics } from '../metrics/metrics';
import { NatsClient, namespaced } from '../messaging/nats';

/** A call still unanswered after this long checks, then every as long again, that its service still has an instance. */
const PRESENCE_CHECK_EVERY_MS = 1000;
const PRESENCE_CHECK_TIMEOUT_MS = 500;

/** Every instance of the called service went away while the call was waiting for its reply. */
class ServiceGoneError extends Error {}

function isNoResponders(error: unknown): boolean {
  return error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders());
}

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
 *
 * A service with no instance left fails the call at once: NATS answers "no responders" to a
 * request nobody subscribes to (the shared reply subscription and the headers keep that answer).
 * A request already taken by an instance that then dies gets no answer at all; rather than wait
 * the whole timeout, a call unanswered after a second asks NATS whether the service's health
 * subject still has a subscriber (one shared probe per service) and fails when it has none.
 * Reads and commands alike: a command whose instance died is as lost as a read, and the client's
 * retry with its Idempotency-Key is what makes it safe.
 */
@Injectable()
export class RpcClient {
  private readonly deserializer = new NatsResponseJSONDeserializer();
  /** The presence probe in progress for each service, shared by the calls waiting on it. */
  private readonly presenceProbes = new Map<ServiceName, Promise<boolean>>();

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
      const request = connection.request(namespaced(this.nats.namespace, subject), packet, { timeout: timeoutMs, headers });
      const reply = await this.unlessServiceGone(connection, subject, request);
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
      const noService = isNoResponders(error) || error instanceof ServiceGoneError;
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

  /** The reply, or a ServiceGoneError as soon as a presence check finds no instance of the service left. */
  private unlessServiceGone(connection: NatsConnection, subject: string, request: Promise<Msg>): Promise<Msg> {
    const service = subject.split('.')[1] as ServiceName;
    if (!SERVICES.includes(service) || subject === RPC.health(service)) return request;
    return new Promise<Msg>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout;
      const settle = (done: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done();
      };
      const checkLater = () => {
        timer = setTimeout(() => {
          void this.hasInstance(connection, service).then((present) => {
            if (settled) return;
            if (present) checkLater();
            else settle(() => reject(new ServiceGoneError(`no instance of ${service} left`)));
          });
        }, PRESENCE_CHECK_EVERY_MS);
      };
      checkLater();
      request.then(
        (reply) => settle(() => resolve(reply)),
        (error: unknown) => settle(() => reject(error)),
      );
    });
  }

  /** False only when NATS says nobody subscribes to the service's health subject; a slow or failed answer counts as present. */
  private hasInstance(connection: NatsConnection, service: ServiceName): Promise<boolean> {
    let probe = this.presenceProbes.get(service);
    if (!probe) {
      const subject = RPC.health(service);
      const packet = JSON.stringify({ pattern: subject, data: {}, id: uuidv4() });
      probe = connection
        .request(namespaced(this.nats.namespace, subject), packet, { timeout: PRESENCE_CHECK_TIMEOUT_MS })
        .then(
          () => true,
          (error: unknown) => !isNoResponders(error),
        )
        .finally(() => this.presenceProbes.delete(service));
      this.presenceProbes.set(service, probe);
    }
    return probe;
  }
}
