'use strict';

const path = require('node:path');
const { createApiClient, ApiError } = require('./api-client');
const { loadOrCreateEnvFile, randomPassword } = require('./env-file');
// The demo CAE's identifiers: SIREN 987654324 (Luhn-valid), establishment 00019, VAT key
// (12 + 3 × (987654324 mod 97)) mod 97 = 14. The gateway checks them when the demo loads.
const DEMO_SIRET = '98765432400019';
const DEMO_VAT_NUMBER = 'FR14987654324';
const { info } = require('./output');
const { ensurePeople, memberPasswordKeys } = require('./demo/people');
const { ensureCommerce } = require('./demo/commerce');
const { ensureRemuneration } = require('./demo/remuneration');
const { todayInParis } = require('./demo/dates');
const { ensureNetworkActivity } = require('./demo/network');
const { ensureSecondHostStructure } = require('./demo/admin');
const { ensureHostPrint, ensureSiteAddress, SITE_ADDRESSES } = require('./demo/host-print');

/**
 * `npm start -- --demo`: a small region loaded through the public API, as a user would, so
 * the demo also exercises validation and permissions. Every step first tries to create and
 * falls back to finding the existing record, so a second run neither fails nor duplicates.
 */

const DEMO_FILE = path.join('.local', 'demo.env');

const HOST_STRUCTURE = {
  kind: 'cae',
  legalName: "Coopérative d'activité et d'emploi Grand Nord",
  siret: DEMO_SIRET,
  vatNumber: DEMO_VAT_NUMBER,
  legalForm: 'SCOP SARL à capital variable',
  shareCapital: '15000.00',
  rcsCity: 'Lille Métropole',
  addressLine: '12 rue de la Paix',
  postalCode: '59000',
  city: 'Lille',
  // What the e-invoicing reform and the clients need on every invoice (issue 15).
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
  electronicAddress: '987654324',
  phone: '03 20 00 00 00',
  email: 'facturation@cae-grand-nord.example',
};

const SITES = [
  {
    site: { name: 'La Cape', code: 'LACAPE', city: 'Roubaix', status: 'active', ...SITE_ADDRESSES.LACAPE },
    coordinator: { email: 'coordination@lacape.kpa.local', displayName: 'Coordination La Cape' },
    passwordKey: 'DEMO_LACAPE_COORDINATOR_PASSWORD',
    // networking: directory & map, skill pools
    networkProfile: {
      presentation: 'Tiers-lieu coopératif du quartier de l’Épeule : couture, sérigraphie et cuisine, portés par les habitants.',
      poles: [
        { name: 'Couture', description: 'retouches, confection, ateliers ouverts le mardi' },
        { name: 'Sérigraphie', description: 'impression textile pour les associations et les entreprises' },
      ],
      offers: [
        { kind: 'equipment', label: 'Atelier sérigraphie', description: 'carrousel 4 couleurs, prêt à la journée' },
        { kind: 'accompaniment', label: 'Micro-accompagnement', description: 'deux jours pour une KPA qui démarre' },
      ],
      contactEmail: 'contact@lacape.kpa.local',
      latitude: 50.6942,
      longitude: 3.1746,
      openingHours: 'du mardi au samedi, 9 h – 17 h',
      published: true,
    },
    poolPeople: [{ firstName: 'Nadia', lastName: 'Lefebvre', role: 'intervenant', skills: [{ name: 'Sérigraphie', level: 'expert' }], availability: 'limited', note: 'le jeudi' }],
  },
  {
    site: { name: 'Kpa-Moulins', code: 'MOULINS', city: 'Lille', status: 'active', ...SITE_ADDRESSES.MOULINS },
    coordinator: { email: 'coordination@moulins.kpa.local', displayName: 'Coordination Kpa-Moulins' },
    passwordKey: 'DEMO_MOULINS_COORDINATOR_PASSWORD',
    networkProfile: {
      presentation: 'Conciergerie de quartier et traiteur solidaire à Moulins, avec une cuisine partagée.',
      poles: [
        { name: 'Cuisine', description: 'traiteur pour les associations et les entreprises du quartier' },
        { name: 'Conciergerie', description: 'petits services aux habitants' },
      ],
      offers: [{ kind: 'equipment', label: 'Cuisine partagée', description: 'cuisine professionnelle, à la demi-journée (formation hygiène requise)' }],
      contactEmail: 'contact@moulins.kpa.local',
      latitude: 50.6186,
      longitude: 3.0706,
      openingHours: 'du lundi au vendredi, 8 h 30 – 16 h',
      published: true,
    },
    poolPeople: [{ firstName: 'Samir', lastName: 'Bouaziz', role: 'facilitator', skills: [{ name: 'Traiteur', level: 'expert' }], availability: 'available', note: null }],
  },
  // networking: equipment, launches. A new KPA in reflection, on its launch path with La Cape as mentor.
  {
    site: { name: 'KPA Bailleul', code: 'BAILLEUL', city: 'Bailleul', status: 'in_reflection', ...SITE_ADDRESSES.BAILLEUL },
    coordinator: { email: 'coordination@bailleul.kpa.local', displayName: 'Coordination KPA Bailleul' },
    passwordKey: 'DEMO_BAILLEUL_COORDINATOR_PASSWORD',
    networkProfile: {
      presentation: 'Une KPA en réflexion au centre de Bailleul : des habitants, une association porteuse et La Cape pour marraine.',
      poles: [{ name: 'Cuisine', description: 'un repas partagé par mois pour commencer' }],
      offers: [],
      contactEmail: 'contact@bailleul.kpa.local',
      latitude: 50.7392,
      longitude: 2.7351,
      openingHours: 'le mercredi après-midi',
      published: true,
    },
    poolPeople: [],
  },
];

/** The demo users' passwords: random, generated on the first --demo run, then reused. */
function loadDemoPasswords(root) {
  const keys = [...SITES.map((entry) => entry.passwordKey), ...memberPasswordKeys()];
  const generators = Object.fromEntries(keys.map((key) => [key, () => randomPassword(16)]));
  const header = ['Passwords of the demo users created by `npm start -- --demo` (git-ignored).'];
  return loadOrCreateEnvFile(path.join(root, DEMO_FILE), generators, header).values;
}

/** Matches on the API's error code, not the status: the code is the contract. */
function hasCode(error, code) {
  return error instanceof ApiError && error.body?.code === code;
}

async function ensureHostStructure(api) {
  try {
    const created = await api.call('POST', '/host-structures', HOST_STRUCTURE, [201]);
    info(`host structure created: ${HOST_STRUCTURE.legalName}`);
    return created.id;
  } catch (error) {
    // The API refuses a second structure with the same SIRET (409 HOST_STRUCTURE_SIRET_TAKEN) and names the
    // existing one in details.existingId; when it does not, look it up in the list.
    if (!(error instanceof ApiError) || error.status >= 500) throw error;
    const existingId = error.body?.details?.existingId;
    if (hasCode(error, 'HOST_STRUCTURE_SIRET_TAKEN') && existingId) return existingId;
    const items = await api.listAll('/host-structures?limit=100');
    const existing = items.find((item) => item.siret === DEMO_SIRET);
    if (!existing) throw error;
    return existing.id;
  }
}

/** A demo region loaded before the e-invoicing fields existed gets them (a rerun changes nothing). */
async function ensureEInvoicingFields(api, hostStructureId) {
  const host = await api.call('GET', `/host-structures/${hostStructureId}`, undefined, [200]);
  if (host.iban) return;
  const { iban, bic, electronicAddress, phone, email } = HOST_STRUCTURE;
  await api.call('PATCH', `/host-structures/${hostStructureId}`, { iban, bic, electronicAddress, phone, email }, [200]);
}

async function ensureSite(api, hostStructureId, site) {
  try {
    const created = await api.call('POST', '/sites', { ...site, hostStructureId }, [201]);
    info(`site created: ${site.name} (${site.code})`);
    return created.id;
  } catch (error) {
    if (!hasCode(error, 'SITE_CODE_TAKEN')) throw error;
    const items = await api.listAll('/sites?limit=100');
    const existing = items.find((item) => String(item.code).toUpperCase() === site.code);
    if (!existing) throw error;
    return existing.id;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** networking: the site's public profile, once membership's event about the new site reached networking. */
async function ensureNetworkProfile(api, siteId, profile) {
  for (let attempt = 0; ; attempt++) {
    try {
      await api.call('PUT', `/sites/${siteId}/network-profile`, profile, [200]);
      return;
    } catch (error) {
      if (!hasCode(error, 'NETWORK_SITE_NOT_FOUND') || attempt >= 50) throw error;
      await sleep(200);
    }
  }
}

/** networking: a team person in the site's skill pool, once (found again by first name and role). */
async function ensurePoolPerson(api, siteId, person) {
  const pool = await api.call('GET', `/sites/${siteId}/pool-people`, undefined, [200]);
  if (pool.items.some((item) => item.kind === 'team' && item.firstName === person.firstName && item.role === person.role)) return;
  await api.call('POST', `/sites/${siteId}/pool-people`, person, [201]);
  info(`skill pool: ${person.firstName} (${person.role})`);
}

/**
 * Returns 'created', 'existing' (it was there and the password from demo.env works) or
 * 'other-password' (it was there with a password we do not know: demo.env was deleted since).
 */
async function ensureCoordinator(api, apiBaseUrl, siteId, coordinator, password) {
  try {
    await api.call('POST', `/sites/${siteId}/users`, { ...coordinator, role: 'coordinator', password }, [201]);
    info(`coordinator created: ${coordinator.email}`);
    return 'created';
  } catch (error) {
    if (!hasCode(error, 'USER_EMAIL_TAKEN')) throw error;
  }
  // A separate client: logging in as the coordinator must not replace the admin's token.
  try {
    await createApiClient(apiBaseUrl).login(coordinator.email, password);
    return 'existing';
  } catch (error) {
    if (hasCode(error, 'INVALID_CREDENTIALS')) return 'other-password';
    throw error;
  }
}

// networking: help requests, reciprocity
const RECIPROCITY_TEMPLATES = [
  { label: 'micro-accompagnement 2 jours', kind: 'accompaniment', hours: '14' },
  { label: 'prêt de cuisine ½ journée', kind: 'equipment_loan', hours: '4' },
  { label: 'formation entre pairs (demi-journée)', kind: 'manual', hours: '3.5' },
];
const DEMO_HELP_REQUEST = {
  title: 'Renfort traiteur pour le repas de quartier',
  description: '120 couverts, service du soir : deux personnes en cuisine et une au service.',
  activityPole: 'restauration',
  skills: ['cuisine', 'service'],
  place: 'Salle Watremez, Roubaix',
  peopleNeeded: 3,
  returnKind: 'reciprocity',
  reciprocityHours: '12',
  visibility: 'region',
};

/**
 * The network's reciprocity templates (network admin), a soft limit, and a help request of La
 * Cape with an offer from Kpa-Moulins: what a coordinator sees on the network board. Skipped
 * steps when they are there already (matched by label and title); the offer only when
 * Kpa-Moulins' coordinator password is known.
 */
async function ensureNetworkHelp(api, apiBaseUrl, sites) {
  const templates = await api.call('GET', '/network/reciprocity/templates?includeInactive=true', undefined, [200]);
  for (const template of RECIPROCITY_TEMPLATES) {
    if (templates.items.some((item) => item.label === template.label)) continue;
    await api.call('POST', '/network/reciprocity/templates', template, [201]);
    info(`reciprocity template created: ${template.label} = ${template.hours} h`);
  }
  await api.call('PUT', '/network/reciprocity/settings', { softLimit: '-40' }, [200]);
  const [cape, moulins] = sites;
  const existing = await api.listAll(`/network/help-requests?siteId=${cape.siteId}&limit=100`);
  if (existing.some((request) => request.title === DEMO_HELP_REQUEST.title)) return;
  const startsOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 14 * 86_400_000));
  const request = await api.call('POST', `/sites/${cape.siteId}/help-requests`, { ...DEMO_HELP_REQUEST, startsOn, endsOn: startsOn }, [201]);
  info(`help request posted by ${cape.name}: ${request.title}`);
  if (!moulins.password) return;
  const asMoulins = createApiClient(apiBaseUrl);
  await asMoulins.login(moulins.email, moulins.password);
  await asMoulins.call(
    'POST',
    `/network/help-requests/${request.id}/offers`,
    { fromSiteId: moulins.siteId, people: [{ firstName: 'Inès' }, { firstName: 'Karim' }], hours: '8', note: 'Disponibles à partir de 16 h' },
    [201],
  );
  info(`offer from ${moulins.name} on it`);
}

// worker: dunning. La Cape sends a courtesy notice 3 days before each due date and keeps the default
// reminders (due + 7 and + 21 days, the formal notice drafted at + 45 for a coordinator to send).
const DEMO_DUNNING_POLICY = {
  courtesy: { enabled: true, daysBefore: 3 },
  level1: { enabled: true, delayDays: 7 },
  level2: { enabled: true, delayDays: 21 },
  level3: { enabled: true, delayDays: 45 },
  sendFromHour: 9,
  sendUntilHour: 18,
};

/** worker: dunning. La Cape's policy (PUT replaces it: a rerun changes nothing). */
async function ensureDunningPolicy(api, siteId) {
  await api.call('PUT', `/sites/${siteId}/dunning-policy`, DEMO_DUNNING_POLICY, [200]);
  info('La Cape: dunning policy with a courtesy notice 3 days before the due date');
}

/**
 * networking: equipment, launches. La Cape lends its shared kitchen (valued 4 reciprocity hours a
 * half-day), Kpa-Moulins has a reservation of it accepted for next week; KPA Bailleul's launch
 * path has its carrying structure found and La Cape named its mentor. The admin acts on each
 * site's paths (a network admin may). Reruns find what is there and add nothing twice.
 */
async function ensureEquipmentAndLaunch(api, siteIds) {
  const { LACAPE: laCape, MOULINS: moulins, BAILLEUL: bailleul } = siteIds;
  const own = await api.listAll(`/sites/${laCape}/equipment?limit=100`);
  let kitchen = own.find((item) => item.name === 'Cuisine partagée de La Cape');
  if (!kitchen) {
    kitchen = await api.call(
      'POST',
      `/sites/${laCape}/equipment`,
      {
        name: 'Cuisine partagée de La Cape',
        description: 'Cuisine professionnelle de 40 m² : piano 6 feux, four mixte, chambre froide, plonge. Rue de l’Épeule, Roubaix.',
        prerequisite: 'Une personne formée à l’hygiène alimentaire (HACCP) présente',
        deposit: '300.00',
        maxDurationHours: 48,
        value: { hours: '4', per: 'half_day' },
      },
      [201],
    );
    info('equipment listed: Cuisine partagée de La Cape');
  }
  const reservations = await api.listAll(`/sites/${moulins}/equipment-reservations?side=borrower&limit=100`);
  if (!reservations.some((reservation) => reservation.equipmentId === kitchen.id && reservation.status === 'accepted')) {
    // Next week's Tuesday-ish morning, 08:00–12:00 in Paris (UTC+1 in winter: close enough for a demo).
    const start = new Date(Date.now() + 7 * 86_400_000);
    start.setUTCHours(7, 0, 0, 0);
    const reservation = await api.call(
      'POST',
      `/sites/${moulins}/equipment-reservations`,
      { equipmentId: kitchen.id, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 4 * 3_600_000).toISOString(), note: 'Repas de quartier, 60 couverts' },
      [201],
    );
    await api.call('POST', `/sites/${laCape}/equipment-reservations/${reservation.id}/accept`, undefined, [200]);
    info('reservation accepted: the kitchen for Kpa-Moulins');
  }
  // The launch path starts when networking has read the site's creation: a few seconds at most.
  for (let attempt = 0; ; attempt++) {
    try {
      await api.call('PUT', `/sites/${bailleul}/launch/mentor`, { mentorSiteId: laCape }, [200]);
      break;
    } catch (error) {
      if (!hasCode(error, 'LAUNCH_NOT_FOUND') || attempt >= 30) throw error;
      await sleep(500);
    }
  }
  try {
    await api.call('POST', `/sites/${bailleul}/launch/steps`, { step: 'carrying_structure_found' }, [200]);
    info('launch path: KPA Bailleul found its carrying structure, La Cape mentors it');
  } catch (error) {
    if (!hasCode(error, 'LAUNCH_STEP_ALREADY_COMPLETED')) throw error;
  }
}

// worker: reports
const DEMO_REPORT_FILE = path.join('.local', 'demo-report.id');

/**
 * The region's activity report for the year so far, asked for once (its id kept in
 * .local/demo-report.id, so a second run reuses it): the worker generates it in the background.
 */
async function ensureRegionReport(api, root) {
  const fs = require('node:fs');
  const file = path.join(root, DEMO_REPORT_FILE);
  const known = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  if (known) {
    try {
      await api.call('GET', `/reports/${known}`, undefined, [200]);
      return;
    } catch (error) {
      if (!hasCode(error, 'REPORT_NOT_FOUND')) throw error;
    }
  }
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const report = await api.call('POST', '/reports', { kind: 'activity', scope: 'region', from: `${today.slice(0, 4)}-01-01`, to: today }, [202]);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${report.id}\n`);
  info(`region activity report asked for: GET /v1/reports/${report.id}/report.pdf once done (network admin)`);
}

// worker: digest
/**
 * The coordinators' daily digest needs nothing loaded: the other sites' coordinators see La Cape's
 * help request in theirs at their digest hour (8:00 Paris unless they chose another).
 */
function describeDigest() {
  info('coordinators’ daily digest: at 8:00 Paris (PUT /v1/me/notification-preferences changes the hour), in GET /v1/me/notifications and by e-mail when something is new');
}

// demo: the story of the two active sites
const STORY_SITES = [
  { code: 'LACAPE', siteName: 'La Cape' },
  { code: 'MOULINS', siteName: 'Kpa-Moulins' },
];

/**
 * La Cape and Kpa-Moulins come alive: members at every stage of the journey, then their commerce,
 * then their time and shares. Each phase runs for both sites before the next, so the events one
 * service sends the others (a new member, a payment) have arrived by the time they are needed.
 * Returns the member accounts' logins.
 */
async function loadStory(api, apiBaseUrl, siteIds, passwords) {
  const today = todayInParis();
  const contexts = STORY_SITES.map((site) => ({ ...site, siteId: siteIds[site.code], passwords, today }));
  for (const context of contexts) context.people = await ensurePeople(api, apiBaseUrl, context);
  for (const context of contexts) await ensureCommerce(api, context);
  for (const context of contexts) await ensureRemuneration(api, apiBaseUrl, context);
  return contexts.flatMap((context) =>
    context.people.accounts.map((account) => ({
      email: account.email,
      password: account.password,
      site: `${context.siteName} · membre (${account.name})`,
      state: account.state,
      role: 'member',
    })),
  );
}

/**
 * Loads the demo region; returns the demo logins [{ email, password, site, state }] (password
 * null when the user existed with another one).
 * Throws (ApiError or Error) on the first unexpected answer.
 */
async function loadDemo({ root, apiBaseUrl, adminEmail, adminPassword }) {
  const passwords = loadDemoPasswords(root);
  const api = createApiClient(apiBaseUrl);
  try {
    await api.login(adminEmail, adminPassword);
  } catch (error) {
    if (hasCode(error, 'INVALID_CREDENTIALS')) {
      error.message +=
        '\n    The admin in the database has another password than KPA_ADMIN_PASSWORD (the gateway only creates it when missing):' +
        '\n    use its original password, or start with a fresh database.';
    }
    throw error;
  }
  const hostStructureId = await ensureHostStructure(api);
  await ensureEInvoicingFields(api, hostStructureId);
  await ensureHostPrint(api, hostStructureId);
  await ensureSecondHostStructure(api);
  const logins = [];
  const siteLogins = [];
  const siteIds = {};
  for (const entry of SITES) {
    const siteId = await ensureSite(api, hostStructureId, entry.site);
    siteIds[entry.site.code] = siteId;
    await ensureSiteAddress(api, siteId, entry.site.code);
    const password = passwords[entry.passwordKey];
    const state = await ensureCoordinator(api, apiBaseUrl, siteId, entry.coordinator, password);
    // networking: published profiles on the map, a facilitator or intervenant in each pool.
    await ensureNetworkProfile(api, siteId, entry.networkProfile);
    for (const person of entry.poolPeople) await ensurePoolPerson(api, siteId, person);
    logins.push({ email: entry.coordinator.email, password: state === 'other-password' ? null : password, site: entry.site.name, state, role: 'coordinator' });
    siteLogins.push({ siteId, name: entry.site.name, email: entry.coordinator.email, password: state === 'other-password' ? null : password });
  }
  // networking: help between sites, reciprocity, shared equipment, a launch
  await ensureNetworkHelp(api, apiBaseUrl, siteLogins);
  await ensureEquipmentAndLaunch(api, siteIds);
  // worker: dunning
  await ensureDunningPolicy(api, siteIds.LACAPE);
  // worker: reports
  await ensureRegionReport(api, root);
  // worker: digest
  describeDigest();
  // demo: the story of La Cape and Kpa-Moulins (members, commerce, remuneration)
  logins.push(...(await loadStory(api, apiBaseUrl, siteIds, passwords)));
  // networking: confirmed help, a reciprocity entry, members' own consent (the console's network screens)
  await ensureNetworkActivity({ apiBaseUrl, sites: siteLogins, memberLogins: logins.filter((login) => login.role === 'member'), today: todayInParis() });
  return logins;
}

module.exports = { loadDemo, DEMO_FILE };
