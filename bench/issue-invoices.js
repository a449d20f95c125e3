#!/usr/bin/env node
/**
 * Benchmark of issuing invoices through the whole stack (gateway → NATS → commerce → Postgres:
 * row lock on the series counter, number, frozen printable document, outbox event, commit):
 *
 *   1. as fast as possible on ONE series (one site): every issue queues on the same counter row;
 *   2. as fast as possible across TEN sites (ten series);
 *   3. at a fixed 50 issues/s on one series: latency p50/p99.
 *
 * Drafts are created first (not measured); each measure issues each draft once, so the numbers of
 * every series stay continuous. Run against a platform started with a rate limit that lets one
 * client through: `RATE_LIMIT_PER_MINUTE=1000000 npm start -- --json > /tmp/kpa.log`.
 *
 *   node bench/issue-invoices.js [--one-series 3000] [--ten-series 3000] [--rate 50] [--duration 10] [--connections 50]
 *   env: KPA_URL (default http://127.0.0.1:3000), KPA_ADMIN_EMAIL / KPA_ADMIN_PASSWORD
 *        (default: read from .local/secrets.env written by npm start)
 */
'use strict';
const { base, option, api, adminToken, run, row, inParallel } = require('./lib');

const oneSeries = option('one-series', 3000);
const tenSeries = option('ten-series', 3000);
const rate = option('rate', 50);
const duration = option('duration', 10);
const connections = option('connections', 50);

const SIRET = '12002701600357';
const IDENTITY = { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille Métropole', addressLine: '12 rue de la Paix', postalCode: '59000' };
const CLIENT = {
  kind: 'company',
  name: 'Boulangerie du banc d’essai',
  billingAddress: { line: '3 place du Marché', postalCode: '59100', city: 'Roubaix' },
  siret: SIRET,
  vatNumber: 'FR85120027016',
};
const LINES = [
  { description: 'Repassage à domicile', quantity: '2.5', unit: 'hour', unitPrice: '18.1234', vatRate: '5.5' },
  { description: 'Déplacement', quantity: '1', unit: 'flat_rate', unitPrice: '15', vatRate: '20' },
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bench's host structure (the demo's if it exists), with the legal identity invoices need. */
async function benchHost(token) {
  const created = await api('POST', '/v1/host-structures', token, {
    kind: 'cae',
    legalName: 'CAE du banc d’essai',
    siret: SIRET,
    vatNumber: 'FR85120027016',
    city: 'Lille',
    ...IDENTITY,
  });
  const hostId = created.status === 201 ? created.body.id : created.body.details && created.body.details.existingId;
  if (!hostId) throw new Error(`could not create the bench host structure: ${JSON.stringify(created.body)}`);
  const host = await api('GET', `/v1/host-structures/${hostId}`, token);
  if (!host.body.legalForm || !host.body.postalCode) await api('PATCH', `/v1/host-structures/${hostId}`, token, IDENTITY);
  return hostId;
}

async function allSites(token) {
  const sites = [];
  let cursor = null;
  do {
    const page = await api('GET', `/v1/sites?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    if (page.status !== 200) throw new Error(`GET /v1/sites answered ${page.status}: ${JSON.stringify(page.body)}`);
    sites.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return sites;
}

/** Sites BENCH0…BENCH9 and a client on each, once commerce knows them. */
async function benchSites(token, hostId, count) {
  const existing = new Map((await allSites(token)).map((site) => [site.code, site.id]));
  const sites = [];
  for (let i = 0; i < count; i++) {
    const code = `BENCH${i}`;
    let siteId = existing.get(code);
    if (!siteId) {
      const site = await api('POST', '/v1/sites', token, { name: `Banc d’essai ${i}`, code, city: 'Lille', status: 'active', hostStructureId: hostId });
      if (site.status !== 201) throw new Error(`could not create the site ${code}: ${JSON.stringify(site.body)}`);
      siteId = site.body.id;
    }
    sites.push({ code, siteId });
  }
  // Commerce learns sites and the host's identity from membership's events: wait for both.
  for (const site of sites) {
    for (let attempt = 0; ; attempt++) {
      const client = await api('POST', `/v1/sites/${site.siteId}/clients`, token, CLIENT);
      if (client.status === 201 || client.body.code === 'CLIENT_SIRET_TAKEN') {
        site.clientId = client.status === 201 ? client.body.id : client.body.details.existingId;
        break;
      }
      if (attempt > 100) throw new Error(`commerce does not know the site ${site.code}: ${JSON.stringify(client.body)}`);
      await sleep(100);
    }
  }
  return sites;
}

/** `count` drafts spread over the sites in turn: the paths to issue them, interleaved. */
async function drafts(token, sites, count) {
  const paths = await inParallel(
    Array.from({ length: count }, (_, i) => sites[i % sites.length]),
    20,
    async (site) => {
      const draft = await api('POST', `/v1/sites/${site.siteId}/invoices`, token, { clientId: site.clientId, lines: LINES });
      if (draft.status !== 201) throw new Error(`could not draft an invoice: ${draft.status} ${JSON.stringify(draft.body)}`);
      return `/v1/sites/${site.siteId}/invoices/${draft.body.id}/issue`;
    },
  );
  return paths;
}

/** Issues each path once, `connections` at a time (or at `overallRate`). */
function issueAll(title, token, paths, extra = {}) {
  let next = 0;
  return run(title, {
    url: base,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
    amount: paths.length,
    connections,
    ...extra,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
}

async function main() {
  const token = await adminToken();
  const hostId = await benchHost(token);
  const sites = await benchSites(token, hostId, 10);
  console.log(`KPA-Cité invoice-issuing bench: ${base}; ${oneSeries} issues on one series, ${tenSeries} across ten, ${rate}/s for ${duration}s; ${connections} connections`);

  const results = [];
  const one = await drafts(token, sites.slice(0, 1), oneSeries);
  results.push(await issueAll('POST …/issue, one series (max)', token, one));
  const ten = await drafts(token, sites, tenSeries);
  results.push(await issueAll('POST …/issue, ten series (max)', token, ten));
  const paced = await drafts(token, sites.slice(0, 1), rate * duration);
  results.push(await issueAll(`POST …/issue, one series at ${rate}/s`, token, paced, { connections: 10, overallRate: rate }));

  console.table(results.map(row));
  const bad = results.some(({ result }) => result.non2xx > 0);
  if (bad) console.log('Some answers were not 2xx: is the platform running with a high RATE_LIMIT_PER_MINUTE?');
  console.log('Targets on 2 cores: >= 300 issues/s on one series, >= 800/s across ten sites; p99 <= 150 ms at 50 issues/s.');
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
