'use strict';

const { createApiClient } = require('../api-client');
const { info } = require('../output');
const { retryWhile, until } = require('./api-helpers');
const { addDays, addMonths, endOfMonth, firstOfMonth, latest } = require('./dates');

/**
 * remuneration: contributive days (validated and waiting), then the current period closed with its
 * shares, peer recognition given before the close, an objection answered, and the period approved.
 * The API dates payments on their issue day (today) and a period's pot is the payments it counts:
 * a past period would have nothing to share, so the demo closes the current one.
 */

// [journey key, kind, task (collective tasks only), days ago (kept in this month), hours, note, validated?]
const CONTRIBUTIONS = [
  ['explorer', 'contributive_day', undefined, 6, '7', 'Journée contributive : rangement du local et inventaire', true],
  ['focus', 'collective_task', 'communication', 4, '3.5', 'Affiches de la fête de quartier', true],
  ['tester', 'peer_training', undefined, 3, '2', 'Formation hygiène pour les nouveaux', true],
  ['newcomer', 'contributive_day', undefined, 1, '4', 'Accueil des habitants à la permanence', false],
  ['ending', 'collective_task', 'accounting', 0, '1.5', 'Classement des factures du mois', false],
];

async function ensureContributions(api, siteId, people, today) {
  const from = firstOfMonth(today);
  for (const [key, kind, task, daysAgo, hours, note, validate] of CONTRIBUTIONS) {
    const memberId = people.byKey[key].id;
    const existing = await api.listAll(`/sites/${siteId}/contributions?memberId=${memberId}&limit=100`);
    let entry = existing.find((item) => item.note === note);
    if (!entry) {
      const body = { memberId, kind, ...(task ? { task } : {}), date: latest(from, addDays(today, -daysAgo)), hours, note };
      // Remuneration learns of a new member from membership's event, a moment after the registration.
      entry = await retryWhile(['MEMBER_NOT_FOUND'], () => api.call('POST', `/sites/${siteId}/contributions`, body, [201]));
    }
    if (validate && entry.status === 'submitted') await api.call('POST', `/sites/${siteId}/contributions/${entry.id}/validate`, undefined, [200]);
  }
}

const SETTLED = ['approved', 'exported', 'paid'];

/**
 * The period the demo closes: none once one is approved (a rerun, even months later, leaves the
 * periods alone), a closed one left by an interrupted run, else the one containing today (it opens
 * by itself once remuneration knows the site).
 */
async function periodToClose(api, siteId, today) {
  const periods = await until('the current remuneration period to open', async () => {
    const all = await retryWhile(['SITE_NOT_FOUND'], () => api.listAll(`/sites/${siteId}/periods?limit=100`));
    return all.some((period) => period.startsOn <= today && today <= period.endsOn) && all;
  });
  if (periods.some((period) => SETTLED.includes(period.status))) return null;
  return periods.find((period) => period.status === 'closed') ?? periods.find((period) => period.startsOn <= today && today <= period.endsOn);
}

async function memberClient(apiBaseUrl, account) {
  const client = createApiClient(apiBaseUrl);
  await client.login(account.email, account.password);
  return client;
}

/** Each member with an account thanks the other with points (once: their own gifts are listed). */
async function giveRecognitions(apiBaseUrl, siteId, period, accounts) {
  const path = `/sites/${siteId}/periods/${period.id}/recognitions`;
  for (const [from, to] of [
    [accounts[0], accounts[1]],
    [accounts[1], accounts[0]],
  ]) {
    if (!from?.password || !to) continue;
    const asMember = await memberClient(apiBaseUrl, from);
    const mine = await asMember.call('GET', path, undefined, [200]);
    if (mine.given.length > 0) continue;
    await asMember.call('POST', path, { toMemberId: to.memberId, points: 60, note: `Merci ${to.name.split(' ')[0]} pour le coup de main !` }, [201]);
  }
}

/**
 * The period's figures count the payments, missions and expenses commerce reported by events: the
 * close waits until they are all in, or the frozen pot would miss some.
 */
async function waitForLedger(api, siteId, period, expected) {
  await until('the payments, missions and expenses to reach the period', async () => {
    const view = await api.call('GET', `/sites/${siteId}/periods/${period.id}`, undefined, [200]);
    const { movements, missions } = view.figures.ledger;
    const count = (kind) => movements.filter((movement) => movement.kind === kind).length;
    return count('payment') >= expected.payments && count('expense') >= expected.expenses && missions.length >= expected.missions;
  });
}

async function ensureClosedPeriod(api, apiBaseUrl, { siteId, siteName, people, today }) {
  let period = await periodToClose(api, siteId, today);
  if (!period) return;
  const base = `/sites/${siteId}/periods/${period.id}`;
  if (period.status === 'open') {
    await giveRecognitions(apiBaseUrl, siteId, period, people.accounts);
    // Per site: the accepted quote's invoice paid in full and the association's paid in part; one approved
    // expense; two completed missions (the accepted quote's and the shared meal or the garden).
    await waitForLedger(api, siteId, period, { payments: 2, expenses: 1, missions: 2 });
    period = await api.call('POST', `${base}/close`, undefined, [200]);
    info(`${siteName}: remuneration period ${period.startsOn} – ${period.endsOn} closed, ${period.totals.distributed} € shared`);
  }
  if (period.status === 'closed') {
    // One member asks a question about the shares; the coordinator answers, so the period can be approved.
    const objections = await api.call('GET', `${base}/objections`, undefined, [200]);
    const asker = people.accounts.find((account) => account.password);
    if (objections.items.length === 0 && asker) {
      const asMember = await memberClient(apiBaseUrl, asker);
      await asMember.call('POST', `${base}/objections`, { text: 'Mes heures de la journée contributive sont-elles bien comptées ?' }, [201]);
    }
    const open = (await api.call('GET', `${base}/objections`, undefined, [200])).items.filter((item) => item.status === 'open');
    for (const objection of open) {
      await api.call('POST', `${base}/objections/${objection.id}/answer`, { answer: 'Oui : 7 h validées, comptées dans la règle « temps ».' }, [200]);
    }
    await api.call('POST', `${base}/approve`, undefined, [200]);
    info(`${siteName}: remuneration period approved`);
  }
}

/**
 * The console's period screens want a period in progress beside the approved one: the demo closed
 * the month containing today, so the next month is opened by hand (a period may not overlap another;
 * the remuneration service opens the current one by itself only when none contains today). Its
 * figures are a preview; the contributions still waiting (newcomer, ending) stay to be validated.
 */
async function ensureOpenPeriod(api, { siteId, siteName, today }) {
  const periods = await api.listAll(`/sites/${siteId}/periods?limit=100`);
  if (periods.some((period) => period.status === 'open')) return;
  const startsOn = addMonths(firstOfMonth(today), 1);
  const period = await api.call('POST', `/sites/${siteId}/periods`, { startsOn, endsOn: endOfMonth(startsOn) }, [201]);
  info(`${siteName}: remuneration period ${period.startsOn} – ${period.endsOn} opened`);
}

/** The site's involvement ledger, its period closed and approved, and the next one open. */
async function ensureRemuneration(api, apiBaseUrl, context) {
  await ensureContributions(api, context.siteId, context.people, context.today);
  await ensureClosedPeriod(api, apiBaseUrl, context);
  return ensureOpenPeriod(api, context);
}

module.exports = { ensureRemuneration };
