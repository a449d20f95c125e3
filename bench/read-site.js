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
const { readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { randomUUID } = require('node:crypto');
const autocannon = require('autocannon');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const duration = option('duration', 10);
const connections = option('connections', 100);
const rate = option('rate', 200);
const base = process.env.KPA_URL || 'http://127.0.0.1:3000';

function credentials() {
  const file = join(__dirname, '..', '.local', 'secrets.env');
  const fromFile = existsSync(file)
    ? Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
    : {};
  const email = process.env.KPA_ADMIN_EMAIL || fromFile.KPA_ADMIN_EMAIL;
  const password = process.env.KPA_ADMIN_PASSWORD || fromFile.KPA_ADMIN_PASSWORD;
  if (!email || !password) throw new Error('Set KPA_ADMIN_EMAIL and KPA_ADMIN_PASSWORD (or start the platform with npm start, which writes .local/secrets.env).');
  return { email, password };
}

async function api(method, path, token, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), 'idempotency-key': randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  return { status: response.status, body: json };
}

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

function run(title, options) {
  return new Promise((resolve, reject) => {
    autocannon({ duration, connections, ...options }, (error, result) => (error ? reject(error) : resolve({ title, result })));
  });
}

function row({ title, result }) {
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return {
    measure: title,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    'non-2xx/errors': non2xx,
  };
}

async function main() {
  const { email, password } = credentials();
  const login = await api('POST', '/v1/auth/login', undefined, { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const token = login.body.accessToken;
  const siteId = await benchSite(token);
  const headers = { authorization: `Bearer ${token}` };
  console.log(`KPA-Cité bench: ${base}, ${duration}s per measure, ${connections} connections; site ${siteId}`);

  const results = [];
  results.push(await run('GET /health/live (max)', { url: `${base}/health/live` }));
  results.push(await run('GET /v1/sites/:siteId authenticated (max)', { url: `${base}/v1/sites/${siteId}`, headers }));
  results.push(await run(`GET /v1/sites/:siteId authenticated at ${rate} req/s`, { url: `${base}/v1/sites/${siteId}`, headers, connections: Math.min(connections, 20), overallRate: rate }));
  console.table(results.map(row));
  const limited = results.some(({ result }) => result['4xx'] > 0);
  if (limited) console.log('Some answers were 4xx: is the platform running with a high RATE_LIMIT_PER_MINUTE?');
  console.log('Targets on 2 cores: >= 1500 authenticated reads/s; p99 <= 50 ms at 200 req/s.');
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
