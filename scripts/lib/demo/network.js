'use strict';

const { createApiClient } = require('../api-client');
const { info } = require('../output');
const { retryWhile } = require('./api-helpers');

/**
 * networking, as the console's network screens show it (`/reseau/...`): a help request of La Cape
 * that Kpa-Moulins answered, done and with its hours confirmed (the reciprocity board is not empty),
 * a manual reciprocity entry confirmed by the other site, and members of both sites who agreed to
 * share their skills with the region (their own choice: each logs in and says so). Through the API,
 * as the people would; a rerun finds what is there (by title, label, member) and adds nothing.
 */

const DONE_HELP_REQUEST = {
  title: 'Retouches pour la friperie solidaire',
  description: 'Une centaine de vêtements à reprendre avant la vente de samedi.',
  activityPole: 'couture',
  skills: ['couture'],
  place: 'La Cape, Roubaix',
  peopleNeeded: 2,
  returnKind: 'reciprocity',
  visibility: 'region',
};
const DONE_HOURS = '6';
const MANUAL_ENTRY_LABEL = 'formation entre pairs (demi-journée)';

async function coordinatorClient(apiBaseUrl, site) {
  const client = createApiClient(apiBaseUrl);
  await client.login(site.email, site.password);
  return client;
}

/** La Cape asks, Kpa-Moulins offers, La Cape accepts and records the hours, Kpa-Moulins confirms them. */
async function ensureConfirmedHelp(apiBaseUrl, cape, moulins, today) {
  const asCape = await coordinatorClient(apiBaseUrl, cape);
  const asMoulins = await coordinatorClient(apiBaseUrl, moulins);
  const existing = await asCape.listAll(`/network/help-requests?siteId=${cape.siteId}&limit=100`);
  let request = existing.find((item) => item.title === DONE_HELP_REQUEST.title);
  if (!request) {
    // It starts today: the hours of a help may be recorded from its first day on.
    request = await asCape.call('POST', `/sites/${cape.siteId}/help-requests`, { ...DONE_HELP_REQUEST, startsOn: today, endsOn: today }, [201]);
    info(`help request posted by ${cape.name}: ${request.title}`);
  }
  if (['cancelled', 'expired', 'confirmed'].includes(request.status)) return;
  if (!request.offers.some((offer) => offer.fromSiteId === moulins.siteId)) {
    request = await asMoulins.call(
      'POST',
      `/network/help-requests/${request.id}/offers`,
      { fromSiteId: moulins.siteId, people: [{ firstName: 'Inès' }], hours: DONE_HOURS, note: 'Inès vient avec sa machine' },
      [201],
    );
  }
  const offer = request.offers.find((item) => item.fromSiteId === moulins.siteId);
  if (offer.status === 'pending') request = await asCape.call('POST', `/network/help-requests/${request.id}/offers/${offer.id}/accept`, undefined, [200, 201]);
  if (request.status === 'accepted') {
    request = await asCape.call('POST', `/network/help-requests/${request.id}/done`, { hours: [{ siteId: moulins.siteId, hours: DONE_HOURS }] }, [200, 201]);
  }
  if (request.status === 'done') {
    await asMoulins.call('POST', `/network/help-requests/${request.id}/confirm`, { siteId: moulins.siteId }, [200, 201]);
    info(`help from ${moulins.name} to ${cape.name}: ${DONE_HOURS} h confirmed into the reciprocity ledger`);
  }
}

/** Kpa-Moulins records a half-day of peer training received from La Cape; La Cape confirms it. */
async function ensureManualEntry(apiBaseUrl, cape, moulins) {
  const asCape = await coordinatorClient(apiBaseUrl, cape);
  const asMoulins = await coordinatorClient(apiBaseUrl, moulins);
  const mine = await asMoulins.call('GET', `/sites/${moulins.siteId}/reciprocity?kind=manual&limit=100`, undefined, [200]);
  if (mine.movements.items.some((movement) => movement.label === MANUAL_ENTRY_LABEL)) return;
  let entry = mine.pendingEntries.find((item) => item.label === MANUAL_ENTRY_LABEL);
  if (!entry) {
    const templates = await asMoulins.call('GET', '/network/reciprocity/templates', undefined, [200]);
    const template = templates.items.find((item) => item.label === MANUAL_ENTRY_LABEL);
    const body = template
      ? { otherSiteId: cape.siteId, direction: 'received', templateId: template.id }
      : { otherSiteId: cape.siteId, direction: 'received', hours: '3.5', label: MANUAL_ENTRY_LABEL };
    entry = await asMoulins.call('POST', `/sites/${moulins.siteId}/reciprocity/entries`, body, [201]);
  }
  if (entry.status === 'proposed') {
    await asCape.call('POST', `/network/reciprocity/entries/${entry.id}/confirm`, undefined, [200, 201]);
    info(`reciprocity entry confirmed: ${cape.name} gave ${moulins.name} ${entry.hours} h (${MANUAL_ENTRY_LABEL})`);
  }
}

// [site name, skills] for the first member account of each site who agrees to be listed.
const MEMBER_SKILLS = {
  'La Cape': [
    { name: 'Couture', level: 'intermediate' },
    { name: 'Cuisine', level: 'beginner' },
  ],
  'Kpa-Moulins': [{ name: 'Jardinage', level: 'expert' }],
};

/** A member of each site says yes to the skill pool, herself (PUT /v1/me/network-profile). */
async function ensureMemberConsents(apiBaseUrl, memberLogins) {
  for (const [siteName, skills] of Object.entries(MEMBER_SKILLS)) {
    const login = memberLogins.find((item) => item.password && item.site.startsWith(`${siteName} ·`));
    if (!login) continue;
    const asMember = createApiClient(apiBaseUrl);
    await asMember.login(login.email, login.password);
    // Networking learns of a member from membership's event, a moment after the registration.
    const profile = await retryWhile(['MEMBER_NOT_FOUND'], () => asMember.call('GET', '/me/network-profile', undefined, [200]));
    if (profile.visible) continue;
    await asMember.call('PUT', '/me/network-profile', { visible: true, skills, availability: 'available', note: null }, [200]);
    info(`${login.site}: listed in the region's skill pool by their own choice`);
  }
}

/**
 * `sites`: [{ siteId, name, email, password }] of La Cape and Kpa-Moulins' coordinators (password
 * null when unknown: those steps are skipped); `memberLogins`: the story's member accounts.
 */
async function ensureNetworkActivity({ apiBaseUrl, sites, memberLogins, today }) {
  const cape = sites.find((site) => site.name === 'La Cape');
  const moulins = sites.find((site) => site.name === 'Kpa-Moulins');
  if (cape?.password && moulins?.password) {
    await ensureConfirmedHelp(apiBaseUrl, cape, moulins, today);
    await ensureManualEntry(apiBaseUrl, cape, moulins);
  }
  await ensureMemberConsents(apiBaseUrl, memberLogins);
}

module.exports = { ensureNetworkActivity };
