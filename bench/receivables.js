#!/usr/bin/env node
/**
 * Benchmark of the receivables board of a site holding 100 000 issued invoices, through the whole
 * stack: GET /v1/sites/:siteId/receivables (first page and the totals per aging bucket).
 *
 * The invoices are written straight into commerce's tables (issuing 100 000 through the API would
 * take minutes and measure something else: see issue-invoices.js), on a site of their own
 * (BENCHR), numbered continuously with the series counter set after them. Run against a platform
 * started with a high rate limit: `RATE_LIMIT_PER_MINUTE=1000000 npm start -- --json > /tmp/kpa.log`.
 *
 *   node bench/receivables.js [--invoices 100000] [--duration 10] [--connections 10]
 *   env: KPA_URL, DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kpa, npm start's),
 *        KPA_ADMIN_EMAIL / KPA_ADMIN_PASSWORD (default: .local/secrets.env)
 */
'use strict';
const { Client } = require('pg');
const { base, option, api, adminToken, run, row } = require('./lib');

const invoices = option('invoices', 100000);
const duration = option('duration', 10);
const connections = option('connections', 10);
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/kpa';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function benchSite(token) {
  const sites = await api('GET', '/v1/sites?limit=100', token);
  const found = sites.body.items.find((site) => site.code === 'BENCHR');
  if (found) return found.id;
  const hosts = await api('GET', '/v1/host-structures?limit=1', token);
  if (!hosts.body.items || hosts.body.items.length === 0) throw new Error('No host structure: start the platform with --demo, or run bench/issue-invoices.js first.');
  const site = await api('POST', '/v1/sites', token, {
    name: 'Banc d’essai des impayés',
    code: 'BENCHR',
    city: 'Lille',
    status: 'active',
    hostStructureId: hosts.body.items[0].id,
  });
  if (site.status !== 201) throw new Error(`could not create the site BENCHR: ${JSON.stringify(site.body)}`);
  return site.body.id;
}

async function benchClient(token, siteId) {
  const body = {
    kind: 'company',
    name: 'Mairie du banc d’essai',
    billingAddress: { line: '1 place de la République', postalCode: '59000', city: 'Lille' },
    siret: '12002701600357',
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    const client = await api('POST', `/v1/sites/${siteId}/clients`, token, body);
    if (client.status === 201) return client.body.id;
    if (client.body.code === 'CLIENT_SIRET_TAKEN') return client.body.details.existingId;
    await sleep(100);
  }
  throw new Error('commerce does not know the site BENCHR');
}

/** 100 000 invoices: due dates spread over 400 days around today, one in ten paid, one in seven partly paid. */
async function seed(db, siteId, clientId) {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM commerce.invoice WHERE site_id = $1', [siteId]);
  if (rows[0].n >= invoices) return rows[0].n;
  const year = new Date().getFullYear();
  const started = Date.now();
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO commerce.invoice (id, site_id, client_id, kind, status, number, issued_on, due_on, paid_on, operation_category, lines, totals, printable,
                                  total_cents, net_cents, paid_cents, paid_net_cents, created_by, created_by_role, created_at, updated_at)
     SELECT gen_random_uuid(), $1, $2, 'standard', s.status, 'BENCHR-F-${year}-' || lpad((g + $4::int)::text, 6, '0'), s.due - 30, s.due, CASE WHEN s.status = 'paid' THEN s.due - 30 END, 'services',
            '[{"description":"Jardinage","quantity":"4","unit":"hour","unitPrice":"25","vatRate":"20","exemptionReason":null,"catalogueItemId":null}]',
            '{"net":"100.00","vat":"20.00","total":"120.00","vatBreakdown":[{"category":"S","rate":"20","exemptionReason":null,"base":"100.00","vat":"20.00"}],"deposits":[],"depositsDeducted":"0.00","amountDue":"120.00"}',
            '{"kind":"invoice","title":"Facture"}',
            12000, 10000, s.paid, s.paid_net, gen_random_uuid(), 'coordinator', now(), now()
       FROM generate_series(1, $3::int) g,
            LATERAL (SELECT CASE WHEN g % 10 = 0 THEN 'paid' WHEN g % 7 = 0 THEN 'partially_paid' ELSE 'issued' END AS status,
                            current_date + 30 - (g % 400) AS due) s0,
            LATERAL (SELECT s0.status, s0.due,
                            CASE s0.status WHEN 'paid' THEN 12000 WHEN 'partially_paid' THEN 5000 ELSE 0 END AS paid,
                            CASE s0.status WHEN 'paid' THEN 10000 WHEN 'partially_paid' THEN 4000 ELSE 0 END AS paid_net) s`,
    [siteId, clientId, invoices - rows[0].n, rows[0].n],
  );
  // The series goes on after them (and no later issue may be dated before them).
  await db.query(
    `INSERT INTO commerce.document_counter (site_id, kind, next_sequence, last_issued_on) VALUES ($1, 'invoice', $2, current_date)
     ON CONFLICT (site_id, kind) DO UPDATE SET next_sequence = $2, last_issued_on = current_date`,
    [siteId, invoices + 1],
  );
  await db.query('COMMIT');
  await db.query('ANALYZE commerce.invoice');
  console.log(`seeded ${invoices - rows[0].n} invoices in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return invoices;
}

async function main() {
  const token = await adminToken();
  const siteId = await benchSite(token);
  const clientId = await benchClient(token, siteId);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const count = await seed(db, siteId, clientId).finally(() => db.end());
  const headers = { authorization: `Bearer ${token}` };

  const once = await api('GET', `/v1/sites/${siteId}/receivables?limit=50`, token);
  if (once.status !== 200) throw new Error(`GET …/receivables answered ${once.status}: ${JSON.stringify(once.body)}`);
  console.log(`KPA-Cité receivables bench: ${base}; site BENCHR with ${count} invoices; ${duration}s, ${connections} connections`);
  console.log('buckets:', JSON.stringify(once.body.buckets));

  const results = [];
  results.push(
    await run('GET /v1/sites/:siteId/receivables (first page + bucket totals)', { url: `${base}/v1/sites/${siteId}/receivables?limit=50`, headers, duration, connections }),
  );
  results.push(await run('GET /v1/sites/:siteId/receivables, one at a time', { url: `${base}/v1/sites/${siteId}/receivables?limit=50`, headers, duration, connections: 1 }));
  console.table(results.map(row));
  console.log('Target: the board of a site with 100 000 invoices in under 200 ms.');
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
