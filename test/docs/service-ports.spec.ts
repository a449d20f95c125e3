import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { METRICS_PORTS, SERVICE_PORTS, SERVICES } from '@kpa/contracts';
import { GATEWAY_DEFAULTS } from '../../apps/gateway/src/gateway.config';
import { MEMBERSHIP_DEFAULTS } from '../../apps/membership/src/membership.config';
import { COMMERCE_DEFAULTS } from '../../apps/commerce/src/commerce.config';
import { REMUNERATION_DEFAULTS } from '../../apps/remuneration/src/remuneration.config';
import { NETWORKING_DEFAULTS } from '../../apps/networking/src/networking.config';
import { WORKER_DEFAULTS } from '../../apps/worker/src/worker.config';

/**
 * SERVICE_PORTS and METRICS_PORTS (libs/contracts) are the one place a service's default HTTP and
 * metrics ports are decided; the copies that cannot import them (compose, the start script, the
 * docs) must say the same.
 */

const ROOT = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const expected = Object.fromEntries(SERVICES.map((service) => [service, SERVICE_PORTS[service]]));

/** "gateway 3000, membership 3101…" as a document writes it, every occurrence. */
function portsNamed(text: string): Record<string, number[]> {
  const found: Record<string, number[]> = {};
  for (const [, service, port] of text.matchAll(new RegExp(`\\b(${SERVICES.join('|')})\\s+(\\d{4,5})\\b`, 'g'))) (found[service] ??= []).push(Number(port));
  return found;
}

describe('service ports: SERVICE_PORTS and its copies', () => {
  it('gives each service its own ports, the metrics port apart from every HTTP port', () => {
    expect(new Set([...Object.values(SERVICE_PORTS), ...Object.values(METRICS_PORTS)]).size).toBe(2 * SERVICES.length);
  });

  it('is the default HTTP_PORT of every app config', () => {
    const defaults = {
      gateway: GATEWAY_DEFAULTS,
      membership: MEMBERSHIP_DEFAULTS,
      commerce: COMMERCE_DEFAULTS,
      remuneration: REMUNERATION_DEFAULTS,
      networking: NETWORKING_DEFAULTS,
      worker: WORKER_DEFAULTS,
    };
    expect(Object.fromEntries(SERVICES.map((service) => [service, defaults[service].HTTP_PORT]))).toEqual(expected);
    expect(Object.fromEntries(SERVICES.map((service) => [service, defaults[service].METRICS_PORT]))).toEqual(METRICS_PORTS);
  });

  it('is what scripts/lib/services.js starts the services on (npm start), in the same order', () => {
    const { SERVICES: started } = require('../../scripts/lib/services.js') as { SERVICES: { name: string; port: number; metricsPort: number }[] };
    expect(started).toEqual(SERVICES.map((name) => ({ name, port: SERVICE_PORTS[name], metricsPort: METRICS_PORTS[name] })));
  });

  it("is each app's HTTP_PORT in docker-compose.yml", () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { environment?: Record<string, unknown> }> };
    expect(Object.fromEntries(SERVICES.map((service) => [service, Number(compose.services[service]?.environment?.HTTP_PORT)]))).toEqual(expected);
    expect(Object.fromEntries(SERVICES.map((service) => [service, Number(compose.services[service]?.environment?.METRICS_PORT)]))).toEqual(METRICS_PORTS);
  });

  it.each(['docs/configuration.md', 'deploy/README.md'])('is what %s lists for every service, HTTP ports then metrics ports', (file) => {
    expect(portsNamed(read(file))).toEqual(Object.fromEntries(SERVICES.map((service) => [service, [SERVICE_PORTS[service], METRICS_PORTS[service]]])));
  });

  it("is the gateway's port in every local URL of the docs, the README and the bench", () => {
    const files = [
      'README.md',
      'deploy/README.md',
      ...readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`),
      ...readdirSync(join(ROOT, 'bench')).map((name) => `bench/${name}`),
    ];
    const wrong = files
      .filter((file) => /\.(md|js)$/.test(file))
      .flatMap((file) =>
        [...read(file).matchAll(/(?:127\.0\.0\.1|localhost):(3\d{3})\b/g)].filter((match) => Number(match[1]) !== SERVICE_PORTS.gateway).map((match) => `${file}: ${match[0]}`),
      );
    expect(wrong).toEqual([]);
  });
});
