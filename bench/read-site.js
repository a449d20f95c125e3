#!/usr/bin/env node
/**
 * Benchmark of an authenticated read through the whole stack (gateway → NATS → membership →
 * Postgres): GET /v1/sites/:siteId, next to the gateway's /health/live, in the same run.
 *
 * Against a running platform (`npm start`), started with a rate limit that lets one client
 * through and raw logs, e.g. `RATE_LIMIT_PER_MINUTE=1000000 npm start -- --json > /tmp/kpa.log`.
 * Prints requests/s and p50/p99.
 *
 *   node bench/read-site.js [--duration 10] [--connections 100] [--rate 200]
 *   env: KPA_URL (default http://127.0.0.1:3000), KPA_ADMIN_EMAIL / KPA_ADMIN_PASSWORD
 *        (default: read from .local/secrets.env written by npm start)
 */
'use strict';
const { base, option, api, adminToken, run, paced, row } = require('./lib');

const duration = option('duration', 10);
const connections = option('connections', 100);
const rate = option('rate', 200);

/** A site to read: the first one the admin sees, else a bench host structure and site. */
async function benchSite(token) {
  const existing = await api('GET', '/v1/sites?limit=1', token);
  if (existing.status !== 200) throw new Error(`GET /v1/sites answered ${existing.status}: ${JSON.stringify(existing.body)}`);
  if (existing.body.items.length > 0) return existing.body.items[0].id;
  let host = await api('POST', '/v1/host-structures', token, { kind: 'cae', legalName: 'CAE du banc d’essai', siret: '12002701600357', vatNumber: 'FR85120027016', city: 'Lille' });
  const hostId = host.status === 201 ? host.body.id : host.body.details && host.body.details.existingId;
  const site = await api('POST', '/v1/sites', token, { name: 'Banc d’essai', code: 'BENCH', city: 'Lille', status: 'active', hostStructureId: hostId });
  if (site.status !== 201) throw new Error(`could not create a bench site: ${JSON.stringify(site.body)}`);
  return site.body.id;
}

async function main() {
  const token = await adminToken();
  const siteId = await benchSite(token);
  const headers = { authorization: `Bearer ${token}` };
  console.log(`KPA-Cité bench: ${base}, ${duration}s per measure, ${connections} connections; site ${siteId}`);

  const results = [];
  results.push(await run('GET /health/live (max)', { url: `${base}/health/live`, duration, connections }));
  results.push(await run('GET /v1/sites/:siteId authenticated (max)', { url: `${base}/v1/sites/${siteId}`, headers, duration, connections }));
  results.push(await paced(`GET /v1/sites/:siteId authenticated at ${rate} req/s`, { requests: [{ path: `/v1/sites/${siteId}` }], headers, rate, duration }));
  console.table(results.map(row));
  const limited = results.some(({ result }) => result['4xx'] > 0);
  if (limited) console.log('Some answers were 4xx: is the platform running with a high RATE_LIMIT_PER_MINUTE?');
  console.log('Targets on 2 cores: >= 1500 authenticated reads/s; p99 <= 50 ms at 200 req/s.');
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
