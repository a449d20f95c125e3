#!/usr/bin/env node
/**
 * Benchmark of the network's two region-wide searches (issue 12, "Speed") on a region of 1,000
 * sites and 50,000 pooled skills, through the whole stack (gateway → NATS → networking →
 * Postgres), next to the gateway's /health/live in the same run:
 *   GET /v1/network/skills?skill=…   who can do what across the region
 *   GET /v1/network/sites?near=…     the directory around a point
 * each at a steady 50 req/s (p50/p99) and at saturation (req/s).
 *
 * The region is written straight into networking's tables (creating 1,000 sites through
 * membership would take minutes and measure something else): sites tagged BENCHN…, published
 * profiles with coordinates (a third in Hauts-de-France, the rest over France), 25,000 people
 * (half members of the site, one in twenty a minor; half team people) with two skills each.
 * Seeding is skipped when it is already there. Run against a platform started with a high rate
 * limit: `RATE_LIMIT_PER_MINUTE=1000000 npm start -- --json > /tmp/kpa.log`.
 *
 *   node bench/network.js [--sites 1000] [--skills 50000] [--duration 10] [--connections 20] [--rate 50]
 *   env: KPA_URL, DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kpa, npm start's),
 *        KPA_ADMIN_EMAIL / KPA_ADMIN_PASSWORD (default: .local/secrets.env)
 */
'use strict';
const { randomUUID } = require('node:crypto');
const { Client } = require('pg');
const { base, option, adminToken, run, paced, row } = require('./lib');

const siteCount = option('sites', 1000);
const skillCount = option('skills', 50000);
const duration = option('duration', 10);
const connections = option('connections', 20);
const rate = option('rate', 50);
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/kpa';

/** Canonical skill keys, as the skill-name normaliser stores them (apps/networking/src/skills/skill-names.ts). */
const SKILLS = [
  'couture',
  'cuisine',
  'menuiserie',
  'serigraphie',
  'jardinage',
  'numerique',
  'conciergerie',
  'petits travaux',
  'menage',
  'repassage',
  'animation',
  'accueil',
  'comptabilite',
  'photographie',
  'video',
  'graphisme',
  'peinture',
  'electricite',
  'plomberie',
  'mecanique velo',
  'soudure',
  'tapisserie',
  'broderie',
  'tricot',
  'patisserie',
  'boulangerie',
  'apiculture',
  'compostage',
  'demenagement',
  'livraison',
  'traduction arabe',
  'traduction anglais',
  'soutien scolaire',
  'garde d enfants',
  'aide administrative',
  'musique',
  'theatre',
  'coiffure',
  'esthetique',
  'recyclage',
];
const LEVELS = ['beginner', 'intermediate', 'expert'];
const POLES = ['couture', 'cuisine', 'conciergerie', 'jardin', 'menuiserie', 'numerique', 'serigraphie'];

/** A deterministic pseudo-random sequence, so that two runs seed the same region. */
function random(seed) {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function seed(db) {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM networking.directory_site WHERE code LIKE 'BENCHN%'`);
  if (rows[0].n >= siteCount) {
    console.log(`Region already seeded: ${rows[0].n} BENCHN sites.`);
    return;
  }
  const next = random(20261204);
  const started = Date.now();
  const sites = Array.from({ length: siteCount }, (_, i) => {
    const northern = i % 3 === 0;
    return {
      id: randomUUID(),
      code: `BENCHN${String(i).padStart(4, '0')}`,
      name: `KPA banc d’essai ${i}`,
      latitude: northern ? 50.2 + next() * 0.8 : 43 + next() * 8,
      longitude: northern ? 2 + next() * 2 : -1.5 + next() * 9,
      pole: POLES[i % POLES.length],
    };
  });
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO networking.directory_site (id, code, name, city, status, updated_at)
     SELECT id, code, name, 'Ville ' || code, 'active', now() FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, code, name)`,
    [sites.map((s) => s.id), sites.map((s) => s.code), sites.map((s) => s.name)],
  );
  await db.query(
    `INSERT INTO networking.site_profile (site_id, presentation, poles, offers, contact_email, latitude, longitude, opening_hours, published, pole_keys, offer_kinds, search_text, updated_at, updated_by)
     SELECT id, 'Coopérative de quartier', jsonb_build_array(jsonb_build_object('name', pole, 'description', '')), '[]'::jsonb, NULL, lat, lon, NULL, true,
            ARRAY[pole], ARRAY[]::text[], ' kpa banc d essai ' || pole || ' ', now(), 'bench'
       FROM unnest($1::uuid[], $2::float8[], $3::float8[], $4::text[]) AS t(id, lat, lon, pole)`,
    [sites.map((s) => s.id), sites.map((s) => s.latitude), sites.map((s) => s.longitude), sites.map((s) => s.pole)],
  );
  const people = skillCount / 2;
  const batch = 5000;
  for (let from = 0; from < people; from += batch) {
    const rowsOf = Array.from({ length: Math.min(batch, people - from) }, (_, k) => {
      const i = from + k;
      const site = sites[Math.floor(next() * sites.length)];
      const member = i % 2 === 0;
      const first = Math.floor(next() * SKILLS.length);
      const second = (first + 1 + Math.floor(next() * (SKILLS.length - 1))) % SKILLS.length;
      return {
        id: randomUUID(),
        memberId: member ? randomUUID() : null,
        siteId: site.id,
        member,
        minor: member && i % 20 === 0,
        skills: [SKILLS[first], SKILLS[second]],
        levels: [next(), next()].map((x) => Math.floor(x * 3)),
      };
    });
    const members = rowsOf.filter((p) => p.member);
    await db.query(
      `INSERT INTO networking.known_member (id, site_id, first_name, last_initial, adult_on, active, erased, updated_at)
       SELECT id, site_id, 'Prénom', 'B.', CASE WHEN minor THEN current_date + 200 END, true, false, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::bool[]) AS t(id, site_id, minor)`,
      [members.map((p) => p.memberId), members.map((p) => p.siteId), members.map((p) => p.minor)],
    );
    await db.query(
      `INSERT INTO networking.pool_person (id, site_id, kind, member_id, role, first_name, last_initial, visible, availability, note, updated_at)
       SELECT id, site_id, CASE WHEN member_id IS NULL THEN 'team' ELSE 'member' END, member_id,
              CASE WHEN member_id IS NULL THEN 'intervenant' END, CASE WHEN member_id IS NULL THEN 'Intervenant' END, CASE WHEN member_id IS NULL THEN 'C.' END,
              true, 'available', NULL, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS t(id, site_id, member_id)`,
      [rowsOf.map((p) => p.id), rowsOf.map((p) => p.siteId), rowsOf.map((p) => p.memberId)],
    );
    const skillRows = rowsOf.flatMap((p) => p.skills.map((skill, n) => ({ personId: p.id, skill, level: LEVELS[p.levels[n]], rank: p.levels[n], siteId: p.siteId })));
    await db.query(
      `INSERT INTO networking.pool_skill (person_id, skill_key, name, level, level_rank, site_id)
       SELECT person_id, skill, skill, level, rank, site_id FROM unnest($1::uuid[], $2::text[], $3::text[], $4::smallint[], $5::uuid[]) AS t(person_id, skill, level, rank, site_id)`,
      [skillRows.map((r) => r.personId), skillRows.map((r) => r.skill), skillRows.map((r) => r.level), skillRows.map((r) => r.rank), skillRows.map((r) => r.siteId)],
    );
  }
  // What the search reads is copied onto each skill, as SkillPoolRepository.refreshListing does.
  await db.query(
    `UPDATE networking.pool_skill s
        SET listed = p.visible AND (p.kind = 'team' OR coalesce(m.active AND NOT m.erased, false)),
            first_name = coalesce(m.first_name, p.first_name, ''), last_initial = coalesce(m.last_initial, p.last_initial, ''),
            availability = p.availability, minor_until = m.adult_on, site_id = p.site_id
       FROM networking.pool_person p LEFT JOIN networking.known_member m ON m.id = p.member_id
      WHERE s.person_id = p.id AND s.site_id = ANY($1::uuid[])`,
    [sites.map((site) => site.id)],
  );
  await db.query('COMMIT');
  // As autovacuum leaves a table after bulk inserts: the visibility map lets the search read its index only.
  await db.query('VACUUM ANALYZE networking.directory_site, networking.site_profile, networking.known_member, networking.pool_person, networking.pool_skill');
  const { rows: counts } = await db.query(`SELECT (SELECT count(*) FROM networking.directory_site)::int AS sites, (SELECT count(*) FROM networking.pool_skill)::int AS skills`);
  console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts[0].sites} sites, ${counts[0].skills} pooled skills in networking.`);
}

async function main() {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await seed(db);
  } finally {
    await db.end();
  }
  const token = await adminToken();
  const headers = { authorization: `Bearer ${token}` };
  // Several skills and centres in turn, so that no single plan or page is all that is measured.
  const skillRequests = ['couture', 'Retouches', 'cuisine', 'sérigraphie', 'menuiserie', 'jardinage'].map((skill) => ({
    method: 'GET',
    path: `/v1/network/skills?skill=${encodeURIComponent(skill)}`,
  }));
  const nearRequests = ['50.6292,3.0573', '50.6942,3.1746', '50.9513,1.8587', '48.8566,2.3522', '45.764,4.8357'].map((near) => ({
    method: 'GET',
    path: `/v1/network/sites?near=${near}&km=30`,
  }));
  for (const request of [...skillRequests, ...nearRequests]) {
    const response = await fetch(`${base}${request.path}`, { headers });
    if (response.status !== 200) throw new Error(`${request.path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  console.log(`KPA-Cité network bench: ${base}, ${duration}s per measure, ${connections} connections`);

  const results = [];
  results.push(await run('GET /health/live (max)', { url: `${base}/health/live`, duration, connections }));
  results.push(await paced(`GET /v1/network/skills?skill=… at ${rate} req/s`, { requests: skillRequests, headers, rate, duration }));
  results.push(await paced(`GET /v1/network/sites?near=… at ${rate} req/s`, { requests: nearRequests, headers, rate, duration }));
  results.push(await run('GET /v1/network/skills?skill=… (max)', { url: base, requests: skillRequests, headers, duration, connections }));
  results.push(await run('GET /v1/network/sites?near=… (max)', { url: base, requests: nearRequests, headers, duration, connections }));
  const table = results.map(row);
  console.table(table);
  const live = table[0]['req/s'];
  console.log(`Ratio to /health/live at saturation: skills ${(table[3]['req/s'] / live).toFixed(2)}, sites near ${(table[4]['req/s'] / live).toFixed(2)}.`);
  if (results.some(({ result }) => result['4xx'] > 0)) console.log('Some answers were 4xx: is the platform running with a high RATE_LIMIT_PER_MINUTE?');
  console.log(`Targets on 2 cores: p99 <= 50 ms at ${rate} req/s; >= 500 req/s at saturation.`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
