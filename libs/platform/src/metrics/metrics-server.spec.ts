import { Metrics } from './metrics';
import { closeMetrics, portOf, serveMetrics } from './metrics-server';

describe('the metrics listener', () => {
  it('serves GET /metrics in the Prometheus text format, and nothing else', async () => {
    const metrics = new Metrics();
    metrics.httpDuration.observe({ method: 'GET', route: '/v1/sites', status: '200' }, 0.01);
    const server = await serveMetrics(metrics.registry, '127.0.0.1', 0);
    try {
      const url = `http://127.0.0.1:${portOf(server)}`;
      const scraped = await fetch(`${url}/metrics`);
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get('content-type')).toContain('text/plain');
      expect(await scraped.text()).toContain('kpa_http_request_duration_seconds_count{method="GET",route="/v1/sites",status="200"} 1');
      for (const [method, path] of [
        ['GET', '/'],
        ['GET', '/health/ready'],
        ['POST', '/metrics'],
        ['GET', '/metrics/x'],
      ]) {
        const other = await fetch(`${url}${path}`, { method });
        expect(other.status).toBe(404);
        expect(await other.json()).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
      }
    } finally {
      await closeMetrics(server);
    }
  });

  it('refuses to start on a port already taken, rather than run without metrics', async () => {
    const first = await serveMetrics(new Metrics().registry, '127.0.0.1', 0);
    try {
      await expect(serveMetrics(new Metrics().registry, '127.0.0.1', portOf(first))).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await closeMetrics(first);
    }
  });
});
