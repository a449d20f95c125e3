#!/usr/bin/env node
/**
 * Benchmark of a funders' region report through the whole stack: POST /v1/reports (gateway →
 * worker), then the worker's job asks membership, commerce and remuneration for their figures by
 * RPC, draws the charts, renders the PDF and freezes the snapshot; the time is from the POST to
 * the report read back as done.
 *
 * The region's data is written straight into the services' tables as the owner (creating 100 000
 * invoices and 5 000 members through the API would take long and measure something else): two
 * sites of their own (BENCHRA, BENCHRB), 5 000 members over both, 100 000 issued invoices over the
 * year (one in ten of a completed mission with an activity pole). Run against a platform started
 * with a high rate limit: `RATE_LIMIT_PER_MINUTE=1000000 npm start -- --json > /tmp/kpa.log`.
 *
 *   node bench/report.js [--invoices 100000] [--members 5000] [--runs 3]
 *   env: KPA_URL, DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kpa, npm start's),
 *        KPA_ADMIN_EMAIL / KPA_ADMIN_PASSWORD (default: .local/secrets.env)
 */
'use strict';
const { Client } = require('pg');
const { base, option, api, adminToken } = require('./lib');

const invoices = option('invoices', 100000);
const members = option('members', 5000);
const runs = option('runs', 3);
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/kpa';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const POLES = ['restauration', 'conciergerie', 'jardinage', 'couture', 'réparation vélo'];

async function benchHost(token) {
  const created = await api('POST', '/v1/host-structures', token, {
    kind: 'cae',
    legalName: 'CAE du banc d’essai des rapports',
    siret: '12002701600357',
    vatNumber: 'FR85120027016',
    city: 'Lille',
  });
  const hostId = created.status === 201 ? created.body.id : created.body.details && created.body.details.existingId;
  if (!hostId) throw new Error(`could not create the bench host structure: ${JSON.stringify(created.body)}`);
  return hostId;
}

async function benchSite(token, hostId, code) {
  const sites = await api('GET', '/v1/sites?limit=100', token);
  const found = sites.body.items.find((site) => site.code === code);
  if (found) return found.id;
  const site = await api('POST', '/v1/sites', token, { name: `Banc d’essai des rapports ${code}`, code, city: 'Lille', status: 'active', hostStructureId: hostId });
  if (site.status !== 201) throw new Error(`could not create the site ${code}: ${JSON.stringify(site.body)}`);
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
  throw new Error('commerce does not know the bench site');
}

/** Members, missions and invoices of one site, straight into the tables (once: a second run finds them). */
async function seed(db, siteId, clientId, share) {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM commerce.invoice WHERE site_id = $1', [siteId]);
  if (rows[0].n >= share.invoices) return;
  const year = new Date().getFullYear();
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO membership.member (id, site_id, first_name, last_name, birth_date, gender, priority_neighbourhood, situation, referred_by, joined_on, left_on, leaving_outcome, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'Membre' || g, 'Banc', date '1990-01-01' + (g % 7000), (ARRAY['female','male','non_binary','not_said'])[1 + g % 4], g % 3 = 0,
            (ARRAY['job_seeker','rsa','student','employed_part_time','other'])[1 + g % 5], (ARRAY['mission_locale','social_centre','word_of_mouth','other'])[1 + g % 4],
            make_date($3::int, 1, 1) + (g % 300), CASE WHEN g % 6 = 0 THEN make_date($3::int, 1, 1) + (g % 300) + 20 END,
            CASE WHEN g % 6 = 0 THEN (ARRAY['employment','training','own_activity_cae_bge','company_created','other'])[1 + g % 5] END, now(), now()
       FROM generate_series(1, $2::int) g`,
    [siteId, share.members, year],
  );
  await db.query(
    `INSERT INTO commerce.mission (id, site_id, title, activity_pole, starts_on, ends_on, people_needed, status, team_confirmed_on, completed_on, created_by, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'Mission ' || g, ($2::text[])[1 + g % array_length($2::text[], 1)], make_date($3::int, 1, 1) + g, make_date($3::int, 1, 1) + g, 2, 'completed',
            make_date($3::int, 1, 1) + g, make_date($3::int, 1, 1) + g, gen_random_uuid(), now(), now()
       FROM generate_series(1, 50) g`,
    [siteId, POLES, year],
  );
  const missions = (await db.query('SELECT id FROM commerce.mission WHERE site_id = $1', [siteId])).rows.map((row) => row.id);
  await db.query(`INSERT INTO commerce.mission_participant (mission_id, member_id, site_id, hours_hundredths) SELECT m, gen_random_uuid(), $2, 350 FROM unnest($1::uuid[]) m`, [
    missions,
    siteId,
  ]);
  await db.query(
    `INSERT INTO commerce.invoice (id, site_id, client_id, kind, status, number, issued_on, due_on, mission_id, operation_category, lines, totals, printable,
                                  total_cents, net_cents, created_by, created_by_role, created_at, updated_at)
     SELECT gen_random_uuid(), $1, $2, 'standard', 'issued', $5 || '-F-' || $4::text || '-' || lpad(g::text, 6, '0'), make_date($4::int, 1, 1) + (g % 330), make_date($4::int, 1, 1) + (g % 330) + 30,
            CASE WHEN g % 10 = 0 THEN ($6::uuid[])[1 + g % array_length($6::uuid[], 1)] END, 'services',
            '[{"description":"Jardinage","quantity":"4","unit":"hour","unitPrice":"25","vatRate":"20","exemptionReason":null,"catalogueItemId":null}]',
            '{"net":"100.00","vat":"20.00","total":"120.00","vatBreakdown":[],"deposits":[],"depositsDeducted":"0.00","amountDue":"120.00"}',
            '{"kind":"invoice","title":"Facture"}', 12000, 10000, gen_random_uuid(), 'coordinator', now(), now()
       FROM generate_series(1, $3::int) g`,
    [siteId, clientId, share.invoices, year, share.code, missions],
  );
  await db.query(
    `INSERT INTO commerce.document_counter (site_id, kind, next_sequence, last_issued_on) VALUES ($1, 'invoice', $2, current_date)
     ON CONFLICT (site_id, kind) DO UPDATE SET next_sequence = $2, last_issued_on = current_date`,
    [siteId, share.invoices + 1],
  );
  await db.query('COMMIT');
}

async function main() {
  const token = await adminToken();
  const hostId = await benchHost(token);
  const sites = [];
  for (const code of ['BENCHRA', 'BENCHRB']) sites.push({ code, id: await benchSite(token, hostId, code) });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const started = Date.now();
  try {
    for (const site of sites) {
      const clientId = await benchClient(token, site.id);
      await seed(db, site.id, clientId, { code: site.code, invoices: invoices / sites.length, members: members / sites.length });
    }
    await db.query('ANALYZE membership.member; ANALYZE commerce.invoice; ANALYZE commerce.mission');
    const [counts] = (await db.query(`SELECT (SELECT count(*) FROM commerce.invoice)::int AS invoices, (SELECT count(*) FROM membership.member)::int AS members`)).rows;
    console.log(
      `KPA-Cité report bench: ${base}; region holding ${counts.invoices} invoices and ${counts.members} members (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } finally {
    await db.end();
  }

  const year = new Date().getFullYear();
  const results = [];
  for (let run = 0; run < runs; run++) {
    const asked = Date.now();
    const posted = await api('POST', '/v1/reports', token, { kind: 'activity', scope: 'region', from: `${year}-01-01`, to: `${year}-12-31` });
    if (posted.status !== 202) throw new Error(`POST /v1/reports answered ${posted.status}: ${JSON.stringify(posted.body)}`);
    let report;
    for (;;) {
      report = (await api('GET', `/v1/reports/${posted.body.id}`, token)).body;
      if (report.status === 'done' || report.status === 'failed') break;
      await sleep(50);
    }
    const seconds = (Date.now() - asked) / 1000;
    if (report.status !== 'done') throw new Error(`the report failed: ${report.error}`);
    const csv = await fetch(`${base}/v1/reports/${report.id}/report.csv`, { headers: { authorization: `Bearer ${token}` } });
    const rows = (await csv.text()).split('\r\n').map((line) => line.split(';'));
    const value = (id) => (rows.find((row) => row[0] === id) || [])[3];
    const pdf = await fetch(`${base}/v1/reports/${report.id}/report.pdf`, { headers: { authorization: `Bearer ${token}` } });
    const pdfBytes = (await pdf.arrayBuffer()).byteLength;
    results.push({
      run: run + 1,
      'POST → done (s)': seconds.toFixed(2),
      'took part': value('people.took_part'),
      'revenue excl. VAT (€)': value('economy.revenue'),
      'mission hours': value('economy.mission_hours'),
      'PDF (kB)': (pdfBytes / 1024).toFixed(0),
      sha256: report.sha256.slice(0, 12),
    });
  }
  console.table(results);
  console.log('Target: a region report over 100 000 invoices and 5 000 members in under 10 s; the same period on unchanged data gives the same sha256.');
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
