'use strict';

const http = require('node:http');
const { StartError } = require('./output');

const POLL_INTERVAL_MS = 500;

/** GET url; resolves { status, body } or { error } (never rejects: a refused connection just means "not yet"). */
function probe(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        if (body.length < 2000) body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode, body }));
      response.on('error', (error) => resolve({ error }));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => resolve({ error }));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls GET /health/ready of every service until each answers 200.
 * Calls onReady(service) as each one becomes ready; throws a StartError after timeoutMs naming
 * the services still not ready and their last answer. Stops quietly when signal is aborted.
 */
async function waitUntilReady(services, { host, timeoutMs, signal, onReady }) {
  const pending = new Map(services.map((service) => [service.name, { service, last: 'no answer yet' }]));
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0 && !signal.aborted) {
    await Promise.all(
      [...pending.values()].map(async (entry) => {
        const result = await probe(`http://${host}:${entry.service.port}/health/ready`);
        if (result.status === 200) {
          pending.delete(entry.service.name);
          onReady(entry.service);
        } else {
          entry.last = result.error ? result.error.code || result.error.message : `${result.status} ${result.body.slice(0, 300)}`;
        }
      }),
    );
    if (pending.size === 0 || signal.aborted) break;
    if (Date.now() > deadline) {
      const details = [...pending.values()].map((entry) => `${entry.service.name} (port ${entry.service.port}): ${entry.last}`);
      throw new StartError(`Not ready after ${timeoutMs / 1000} s:\n  ${details.join('\n  ')}`, 'Their logs above say what they are waiting for (database, Redis, NATS…).');
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

module.exports = { waitUntilReady, probe };
