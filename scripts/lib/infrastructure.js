'use strict';

const net = require('node:net');
const { StartError } = require('./output');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/kpa';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** host:port/db of a connection URL, for messages: never print the password it may carry. */
function describeUrl(url) {
  return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`;
}

function quoteIdentifier(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

/** pg is a project dependency: loaded only here, after `npm install` had its chance to run. */
function loadPg() {
  try {
    return require('pg');
  } catch (error) {
    if (error.code === 'MODULE_NOT_FOUND') {
      throw new StartError('The dependencies are not installed (pg is missing).', 'Run npm start without --no-install.');
    }
    throw error;
  }
}

/**
 * Creates the platform's database when the server lacks it. Each service then creates its own
 * schema and runs its migrations at start, so the database itself is all we need.
 * Returns true when it was created.
 */
async function ensureDatabase(databaseUrl) {
  let url;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new StartError(`DATABASE_URL is not a URL.`, `Example: ${DEFAULT_DATABASE_URL}`);
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new StartError('DATABASE_URL names no database.', `Example: ${DEFAULT_DATABASE_URL}`);

  // CREATE DATABASE cannot run inside the target database: connect to the server's `postgres` one.
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const { Client } = loadPg();
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new StartError(`Cannot connect to PostgreSQL at ${describeUrl(maintenance)}: ${error.message}`, 'Is PostgreSQL running? Set DATABASE_URL if it is elsewhere.');
  }
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount > 0) return false;
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    return true;
  } catch (error) {
    if (error.code === '42P04') return false; // created meanwhile by another `npm start`
    throw new StartError(`Cannot create the database ${name}: ${error.message}`, 'The DATABASE_URL user needs the CREATEDB privilege.');
  } finally {
    await client.end().catch(() => {});
  }
}

/** Resolves when host:port accepts a TCP connection, rejects after timeoutMs. */
function canConnect(host, port, timeoutMs = 3000) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('error', reject);
  });
}

/**
 * Redis and NATS: the services would retry them forever and the start would only time out,
 * so check them first and say which one is missing.
 */
async function checkBrokers(env) {
  const redis = new URL(env.REDIS_URL || DEFAULT_REDIS_URL);
  const nats = (env.NATS_URL || DEFAULT_NATS_URL).split(',').map((value) => new URL(value.trim()));
  const targets = [
    { label: 'Redis', variable: 'REDIS_URL', host: redis.hostname, port: Number(redis.port || 6379) },
    ...nats.map((url) => ({ label: 'NATS', variable: 'NATS_URL', host: url.hostname, port: Number(url.port || 4222) })),
  ];
  const results = await Promise.allSettled(targets.map((target) => canConnect(target.host, target.port)));
  const natsUp = results.some((result, index) => targets[index].label === 'NATS' && result.status === 'fulfilled');
  results.forEach((result, index) => {
    const target = targets[index];
    if (result.status === 'fulfilled' || (target.label === 'NATS' && natsUp)) return;
    throw new StartError(
      `${target.label} is not reachable at ${target.host}:${target.port} (${result.reason.code || result.reason.message}).`,
      `Start it, or set ${target.variable} if it runs elsewhere.`,
    );
  });
}

/** Resolves true when nothing listens on host:port yet. */
function portIsFree(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A port already taken (often another `npm start`) would make the readiness check answer for
 * the other process: refuse to start instead.
 */
async function checkPortsFree(services, host) {
  const taken = [];
  for (const service of services) {
    if (!(await portIsFree(service.port, host))) taken.push(`${service.port} (${service.name})`);
  }
  if (taken.length > 0) {
    throw new StartError(`Port${taken.length > 1 ? 's' : ''} already in use: ${taken.join(', ')}.`, 'Is the platform already running in another terminal? Stop it first.');
  }
}

module.exports = { ensureDatabase, checkBrokers, checkPortsFree, DEFAULT_DATABASE_URL };
