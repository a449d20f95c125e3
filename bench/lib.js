'use strict';
/** What the benches share: options, the admin's login, JSON calls and autocannon runs. */
const { readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { randomUUID } = require('node:crypto');
const autocannon = require('autocannon');

const base = process.env.KPA_URL || 'http://127.0.0.1:3000';

function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** .local/secrets.env, written by npm start. */
function localSecrets() {
  const file = join(__dirname, '..', '.local', 'secrets.env');
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

function credentials() {
  const fromFile = localSecrets();
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

async function adminToken() {
  const { email, password } = credentials();
  const login = await api('POST', '/v1/auth/login', undefined, { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return login.body.accessToken;
}

function run(title, options) {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve({ title, result, seconds: Number(process.hrtime.bigint() - started) / 1e9 })));
  });
}

function row({ title, result, seconds }) {
  return {
    measure: title,
    // Over the whole run, timed here (autocannon's own figures are per whole second).
    'req/s': Math.round(result.requests.total / seconds),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    'non-2xx/errors': result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * An open-loop load at a steady `rate`: one request every 1/rate s, sent on time whether or not
 * the previous ones have answered, each timed from when it was due (so a slow answer is not hidden
 * by sending the next one later). autocannon's `overallRate` sends each connection's share in a
 * burst at the start of every second, which measures a burst, not a steady rate. Cycles through
 * `requests` ({method, path}); answers in autocannon's shape for `row`.
 */
async function paced(title, { requests, headers = {}, rate, duration }) {
  const interval = 1000 / rate;
  const total = Math.round(duration * rate);
  const latencies = [];
  const counts = { non2xx: 0, errors: 0, '4xx': 0 };
  const started = performance.now();
  const sent = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { method = 'GET', path } = requests[i % requests.length];
    sent.push(
      fetch(`${base}${path}`, { method, headers })
        .then(async (response) => {
          await response.arrayBuffer();
          latencies.push(performance.now() - due);
          if (response.status >= 300) counts.non2xx++;
          if (response.status >= 400 && response.status < 500) counts['4xx']++;
        })
        .catch(() => counts.errors++),
    );
  }
  await Promise.all(sent);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? NaN);
  return { title, seconds, result: { requests: { total }, latency: { p50: at(0.5), p99: at(0.99) }, timeouts: 0, ...counts } };
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function inParallel(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i], i);
      }
    }),
  );
  return results;
}

module.exports = { base, option, localSecrets, api, adminToken, run, paced, row, inParallel };
