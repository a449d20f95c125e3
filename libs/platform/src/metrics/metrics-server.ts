import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/**
 * Prometheus `GET /metrics` on a listener of its own (METRICS_PORT), never on the public HTTP
 * port: route names, volumes, internal subjects and the Node version are for the monitoring
 * network, not for anyone who reaches the gateway. Plain node:http: no guards, no rate limit,
 * nothing of the API in the way of a scrape. Anything else answers 404.
 */
export async function serveMetrics(registry: Registry, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if ((request.method === 'GET' || request.method === 'HEAD') && path === '/metrics') {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': registry.contentType, 'x-content-type-options': 'nosniff' });
          response.end(request.method === 'HEAD' ? undefined : text);
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(`metrics failed: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'This listener serves GET /metrics only.' }));
  });
  // A scrape is short: do not hold sockets open past a stop.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function closeMetrics(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
