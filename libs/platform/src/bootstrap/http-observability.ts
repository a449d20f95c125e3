import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { v4 as uuidv4 } from 'uuid';
import { isAcceptableRequestId, RequestContext } from '../context/request-context';
import { Logger } from '../logging/logger';
import { Metrics } from '../metrics/metrics';

const QUIET_ROUTES = new Set(['/health/live', '/health/ready']);

/**
 * Per HTTP request: a request id (the caller's `x-request-id` if sane, else a new one) held in
 * the request context for every log line and NATS call, echoed in the response; a latency
 * histogram by route; one access log line.
 */
export function installHttpObservability(app: NestFastifyApplication, logger: Logger, metrics: Metrics): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    const incoming = request.headers['x-request-id'];
    const requestId = isAcceptableRequestId(incoming) ? incoming : uuidv4();
    void reply.header('x-request-id', requestId);
    RequestContext.run({ requestId, actor: 'anonymous' }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    if (!QUIET_ROUTES.has(route)) {
      logger.info({ method: request.method, route, url: request.url, status: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 }, 'http request');
    }
    done();
  });
}
