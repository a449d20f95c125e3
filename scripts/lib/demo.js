'use strict';

const path = require('node:path');
const { createApiClient, ApiError } = require('./api-client');
const { loadOrCreateEnvFile, randomPassword } = require('./env-file');
// The demo CAE's identifiers: SIREN 987654324 (Luhn-valid), establishment 00019, VAT key
// (12 + 3 × (987654324 mod 97)) mod 97 = 14. The gateway checks them when the demo loads.
const DEMO_SIRET = '98765432400019';
const DEMO_VAT_NUMBER = 'FR14987654324';
const { info } = require('./output');

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
};

const SITES = [
  {
    site: { name: 'La Cape', code: 'LACAPE', city: 'Roubaix', status: 'active' },
    coordinator: { email: 'coordination@lacape.kpa.local', displayName: 'Coordination La Cape' },
    passwordKey: 'DEMO_LACAPE_COORDINATOR_PASSWORD',
  },
  {
    site: { name: 'Kpa-Moulins', code: 'MOULINS', city: 'Lille', status: 'active' },
    coordinator: { email: 'coordination@moulins.kpa.local', displayName: 'Coordination Kpa-Moulins' },
    passwordKey: 'DEMO_MOULINS_COORDINATOR_PASSWORD',
  },
  // networking: equipment, launches. A new KPA in reflection, on its launch path with La Cape as mentor.
  {
    site: { name: 'KPA Bailleul', code: 'BAILLEUL', city: 'Bailleul', status: 'in_reflection' },
    coordinator: { email: 'coordination@bailleul.kpa.local', displayName: 'Coordination KPA Bailleul' },
    passwordKey: 'DEMO_BAILLEUL_COORDINATOR_PASSWORD',
  },
];

/** The demo users' passwords: random, generated on the first --demo run, then reused. */
function loadDemoPasswords(root) {
  const generators = Object.fromEntries(SITES.map((entry) => [entry.passwordKey, () => randomPassword(16)]));
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

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const logins = [];
  const siteIds = {};
  for (const entry of SITES) {
    const siteId = await ensureSite(api, hostStructureId, entry.site);
    siteIds[entry.site.code] = siteId;
    const password = passwords[entry.passwordKey];
    const state = await ensureCoordinator(api, apiBaseUrl, siteId, entry.coordinator, password);
    logins.push({ email: entry.coordinator.email, password: state === 'other-password' ? null : password, site: entry.site.name, state });
  }
  await ensureEquipmentAndLaunch(api, siteIds);
  return logins;
}

module.exports = { loadDemo, DEMO_FILE };
