'use strict';

const { info } = require('../output');
const { retryWhile } = require('./api-helpers');
const { addDays } = require('./dates');

/**
 * commerce: each site's activity poles (from the seeds), clients of every kind, a catalogue,
 * quotes in each state, missions planned and completed with hours, invoices paid, partly paid
 * and due, a credit note, expenses. Found again by natural keys: a client's name, an item's label, a quote's or
 * an invoice's first line, a mission's title, an expense's description.
 */

// The seeds' activity poles, as each site's profile lists them.
const POLES = {
  LACAPE: ['couture', 'traiteur', 'SOS numérique'],
  MOULINS: ['traiteur', 'conciergerie de quartier', 'jardin'],
};

// Catalogue items by pole: [label, unit, unitPrice excl. VAT, VAT rate]. Take-away catering is at 10 % (CGI art. 279).
const CATALOGUE = {
  couture: ['Retouche simple (ourlet, bouton)', 'piece', '8.00', '20'],
  traiteur: ['Buffet traiteur, par personne', 'piece', '12.50', '10'],
  'SOS numérique': ['Dépannage informatique à domicile', 'hour', '25.00', '20'],
  'conciergerie de quartier': ['Petits services de conciergerie', 'hour', '18.00', '20'],
  jardin: ['Entretien de jardin', 'hour', '22.00', '20'],
};

// Clients of every kind; SIRETs are Luhn-valid demo numbers (the API checks the key).
const CLIENTS = {
  LACAPE: {
    individual: { kind: 'individual', name: 'Josiane Delattre', billingAddress: { line: '14 rue de l’Épeule', postalCode: '59100', city: 'Roubaix' } },
    company: { kind: 'company', name: 'Boulangerie du Pile', billingAddress: { line: '3 place du Marché', postalCode: '59100', city: 'Roubaix' }, siret: '44123456400017' },
    association: { kind: 'association', name: 'Association Les Amis de l’Épeule', billingAddress: { line: '8 rue Watt', postalCode: '59100', city: 'Roubaix' } },
    publicBody: { kind: 'public_body', name: 'Ville de Roubaix', billingAddress: { line: '17 Grand-Place', postalCode: '59100', city: 'Roubaix' }, siret: '21590512600011' },
  },
  MOULINS: {
    individual: { kind: 'individual', name: 'Ahmed Benkhaled', billingAddress: { line: '22 rue d’Arras', postalCode: '59000', city: 'Lille' } },
    company: { kind: 'company', name: 'Brasserie des Moulins', billingAddress: { line: '5 rue de Wazemmes', postalCode: '59000', city: 'Lille' }, siret: '51234567900017' },
    association: { kind: 'association', name: 'Association Moulins Solidaires', billingAddress: { line: '40 rue Fombelle', postalCode: '59000', city: 'Lille' } },
    publicBody: { kind: 'public_body', name: 'Ville de Lille', billingAddress: { line: 'Place Augustin Laurent', postalCode: '59000', city: 'Lille' }, siret: '21590350100017' },
  },
};

// Quotes, one per state; the first line's description is the quote's natural key (unique per site).
// [client, target status, pole, first line description, quantity, execution start (days from today)]
const QUOTES = {
  LACAPE: [
    ['association', 'draft', 'couture', 'Costumes du spectacle de fin d’année (20 pièces)', '20', 30],
    ['company', 'submitted', 'SOS numérique', 'Installation des postes de la boulangerie', '4', 12],
    ['publicBody', 'validated', 'traiteur', 'Buffet des vœux de la mairie de quartier', '80', 25],
    ['individual', 'sent', 'couture', 'Retouches d’une garde-robe', '12', 7],
    ['company', 'accepted', 'traiteur', 'Buffet d’inauguration de la boulangerie', '40', -6],
    ['association', 'declined', 'SOS numérique', 'Formation au smartphone des bénévoles', '6', 15],
  ],
  MOULINS: [
    ['association', 'draft', 'jardin', 'Potager partagé de la rue Fombelle', '10', 30],
    ['company', 'submitted', 'traiteur', 'Plateaux-repas du séminaire de la brasserie', '25', 14],
    ['publicBody', 'validated', 'jardin', 'Entretien des jardinières de la mairie de quartier', '16', 20],
    ['individual', 'sent', 'conciergerie de quartier', 'Aide au déménagement', '6', 9],
    ['company', 'accepted', 'traiteur', 'Buffet de la fête de la brasserie', '60', -5],
    ['publicBody', 'declined', 'conciergerie de quartier', 'Conciergerie de la résidence seniors', '40', 21],
  ],
};
const QUOTE_STEPS = {
  draft: [],
  submitted: ['submit'],
  validated: ['submit', 'validate'],
  sent: ['submit', 'validate', 'send'],
  accepted: ['submit', 'validate', 'send', 'accept'],
  declined: ['submit', 'validate', 'send', 'decline'],
};
const QUOTE_ORDER = ['draft', 'submitted', 'validated', 'sent', 'accepted', 'declined'];

// Missions not born from a quote: [title, pole, starts (days from today), days, people needed, hours each or null while planned, team journeys].
const MISSIONS = {
  LACAPE: [
    ['Repas partagé du quartier de l’Épeule', 'traiteur', -9, 1, 4, '5', ['explorer', 'focus', 'tester']],
    ['Atelier réparation de smartphones au centre social', 'SOS numérique', 10, 1, 2, null, ['explorer', 'focus']],
  ],
  MOULINS: [
    ['Grand nettoyage du jardin partagé', 'jardin', -8, 1, 5, '4.5', ['explorer', 'focus', 'opening']],
    ['Conciergerie du marché de Noël de Wazemmes', 'conciergerie de quartier', 12, 2, 3, null, ['explorer', 'focus']],
  ],
};

// Free invoices: [client, first line, quantity, pole, paid share: 'part' or 'none' ('none' for a private client is due on receipt)].
const INVOICES = {
  LACAPE: [
    ['association', 'Retouches des tenues de la chorale', '15', 'couture', 'part'],
    ['individual', 'Dépannage de l’ordinateur familial', '2', 'SOS numérique', 'none'],
  ],
  MOULINS: [
    ['association', 'Buffet de l’assemblée générale', '35', 'traiteur', 'part'],
    ['individual', 'Tonte et taille de haie', '3', 'jardin', 'none'],
  ],
};

// Expenses: [description, amount incl. VAT, VAT, category, days ago, paid by (journey key or null: the site), approved?]
const EXPENSES = {
  LACAPE: [
    ['Nappes et serviettes pour le buffet', '36.00', '6.00', 'supplies', 7, null, true],
    ['Tickets de métro pour l’atelier smartphones', '8.60', '0.78', 'travel', 2, 'focus', false],
  ],
  MOULINS: [
    ['Terreau et semis pour le jardin partagé', '54.00', '9.00', 'supplies', 9, null, true],
    ['Gants de jardinage', '12.00', '2.00', 'equipment', 3, 'explorer', false],
  ],
};

function line(pole, description, quantity) {
  const [, unit, unitPrice, vatRate] = CATALOGUE[pole];
  return { description, quantity, unit, unitPrice, vatRate };
}

async function ensureProfilePoles(api, siteId, code) {
  const site = await api.call('GET', `/sites/${siteId}`, undefined, [200]);
  const poles = POLES[code];
  if (JSON.stringify(site.activityPoles) === JSON.stringify(poles)) return;
  await api.call('PATCH', `/sites/${siteId}`, { activityPoles: poles }, [200]);
}

async function ensureClients(api, siteId, code) {
  // Commerce knows the site once membership's event reached it: until then 404 SITE_NOT_FOUND.
  const existing = await retryWhile(['SITE_NOT_FOUND'], () => api.listAll(`/sites/${siteId}/clients?limit=100`));
  const clients = {};
  for (const [key, body] of Object.entries(CLIENTS[code])) {
    clients[key] = existing.find((client) => client.name === body.name) ?? (await retryWhile(['SITE_NOT_FOUND'], () => api.call('POST', `/sites/${siteId}/clients`, body, [201])));
  }
  return clients;
}

async function ensureCatalogue(api, siteId, code) {
  const existing = await api.listAll(`/sites/${siteId}/catalogue-items?includeArchived=true&limit=100`);
  for (const pole of POLES[code]) {
    const [label, unit, unitPrice, vatRate] = CATALOGUE[pole];
    if (existing.some((item) => item.label === label)) continue;
    await api.call('POST', `/sites/${siteId}/catalogue-items`, { label, unit, unitPrice, vatRate, activityPole: pole }, [201]);
  }
}

/** Takes a quote from where it is to its target state, one action at a time (a rerun has nothing to do). */
async function advanceQuote(api, siteId, quote, target) {
  let current = quote;
  // An expired quote (a rerun long after the first) stays as it is.
  if (!QUOTE_ORDER.includes(current.status)) return current;
  for (const action of QUOTE_STEPS[target]) {
    const reached = { submit: 'submitted', validate: 'validated', send: 'sent', accept: 'accepted', decline: 'declined' }[action];
    if (QUOTE_ORDER.indexOf(current.status) >= QUOTE_ORDER.indexOf(reached)) continue;
    current = await api.call('POST', `/sites/${siteId}/quotes/${quote.id}/${action}`, undefined, [200]);
  }
  return current;
}

async function ensureQuotes(api, siteId, code, clients, today) {
  const existing = await api.listAll(`/sites/${siteId}/quotes?limit=100`);
  const quotes = {};
  for (const [clientKey, target, pole, description, quantity, startsIn] of QUOTES[code]) {
    let quote = existing.find((item) => item.lines?.[0]?.description === description);
    if (!quote) {
      const executionStartsOn = addDays(today, startsIn);
      quote = await api.call(
        'POST',
        `/sites/${siteId}/quotes`,
        {
          clientId: clients[clientKey].id,
          lines: [line(pole, description, quantity)],
          validUntil: addDays(today, 45),
          executionPlace: clients[clientKey].billingAddress.city,
          executionStartsOn,
          executionEndsOn: executionStartsOn,
        },
        [201],
      );
    }
    quotes[target] = await advanceQuote(api, siteId, quote, target);
  }
  return quotes;
}

/** Signs up the team (coordinator for them), confirms it and records the hours, as far as the target goes. */
async function runMission(api, siteId, mission, teamIds, hours) {
  const base = `/sites/${siteId}/missions/${mission.id}`;
  let current = mission;
  if (current.status === 'planned') {
    const signedUp = new Set(current.signUps.map((signUp) => signUp.memberId));
    for (const memberId of teamIds) {
      if (signedUp.has(memberId)) continue;
      // Commerce learns of a new member from membership's event: a moment after the registration.
      current = await retryWhile(['MEMBER_NOT_FOUND'], () => api.call('POST', `${base}/sign-ups`, { memberId }, [200]));
    }
    if (!hours) return current;
    current = await api.call('POST', `${base}/confirm-team`, { memberIds: teamIds }, [200]);
  }
  if (current.status === 'team_confirmed' && hours) {
    current = await api.call('POST', `${base}/complete`, { participants: teamIds.map((memberId) => ({ memberId, hours })) }, [200]);
  }
  return current;
}

async function ensureMissions(api, siteId, code, people, today) {
  const existing = await api.listAll(`/sites/${siteId}/missions?limit=100`);
  for (const [title, pole, startsIn, days, peopleNeeded, hours, team] of MISSIONS[code]) {
    let mission = existing.find((item) => item.title === title);
    if (!mission) {
      const startsOn = addDays(today, startsIn);
      const body = { title, activityPole: pole, startsOn, endsOn: addDays(startsOn, days - 1), place: 'au local de la KPA', peopleNeeded, description: `Mission du pôle ${pole}.` };
      mission = await api.call('POST', `/sites/${siteId}/missions`, body, [201]);
    }
    await runMission(
      api,
      siteId,
      mission,
      team.map((key) => people.byKey[key].id),
      hours,
    );
  }
}

/** Issues the invoice if it is a draft, then records payments up to `paid` (the amount paid in all). */
async function issueAndPay(api, siteId, invoice, share, today) {
  const base = `/sites/${siteId}/invoices/${invoice.id}`;
  let current = invoice;
  // Commerce learns the host structure's legal identity from membership: issuing waits for it.
  if (current.status === 'draft') current = await retryWhile(['SELLER_IDENTITY_INCOMPLETE'], () => api.call('POST', `${base}/issue`, undefined, [200]));
  if (current.status !== 'issued' || share === 'none') return current;
  // Part: 40 % of what is due, in whole cents.
  const cents = Number(current.outstanding.replace('.', ''));
  const amount = share === 'all' ? current.outstanding : (Math.floor((cents * 40) / 100) / 100).toFixed(2);
  const payment = await api.call('POST', `${base}/payments`, { amount, receivedOn: today, method: 'transfer' }, [201]);
  return payment.invoice;
}

/** The accepted quote's mission carried out and its invoice paid; the free invoices paid in part or due. */
async function ensureAcceptedWorkAndInvoices(api, siteId, code, clients, quotes, people, today) {
  const accepted = quotes.accepted;
  const missions = await api.listAll(`/sites/${siteId}/missions?limit=100`);
  const mission = missions.find((item) => item.quoteId === accepted.id);
  if (mission) await runMission(api, siteId, mission, [people.byKey.opening.id, people.byKey.nextStep.id], '6');
  const invoices = await api.listAll(`/sites/${siteId}/invoices?limit=100`);
  const fromQuote = invoices.find((item) => item.quoteId === accepted.id && item.kind === 'standard');
  if (fromQuote) await issueAndPay(api, siteId, fromQuote, 'all', today);
  for (const [clientKey, description, quantity, pole, share] of INVOICES[code]) {
    let invoice = invoices.find((item) => item.lines?.[0]?.description === description);
    // The day of the service: an invoice states it (CGI ann. II 242 nonies A 10°), or is not issued.
    if (!invoice)
      invoice = await api.call('POST', `/sites/${siteId}/invoices`, { clientId: clients[clientKey].id, lines: [line(pole, description, quantity)], supplyDate: today }, [201]);
    else if (invoice.status === 'draft' && !invoice.supplyDate && !invoice.deliveryStartsOn)
      invoice = await api.call('PATCH', `/sites/${siteId}/invoices/${invoice.id}`, { supplyDate: today }, [200]);
    await issueAndPay(api, siteId, invoice, share, today);
  }
}

// A credit note: one of the two hours of a free invoice waived after the fact (found again by its reason).
const CREDIT_NOTES = {
  LACAPE: ['Dépannage de l’ordinateur familial', '1', 'SOS numérique', 'Geste commercial : une heure offerte'],
  MOULINS: ['Tonte et taille de haie', '1', 'jardin', 'Geste commercial : une heure offerte'],
};

async function ensureCreditNote(api, siteId, code) {
  const [description, quantity, pole, reason] = CREDIT_NOTES[code];
  const invoices = await api.listAll(`/sites/${siteId}/invoices?limit=100`);
  const invoice = invoices.find((item) => item.lines?.[0]?.description === description);
  if (!invoice || invoice.status === 'draft') return;
  const notes = await api.listAll(`/sites/${siteId}/credit-notes?invoiceId=${invoice.id}&limit=100`);
  if (notes.some((note) => note.reason === reason)) return;
  // Only while something is still owed (a rerun after the client paid credits nothing).
  if (invoice.outstanding === '0.00') return;
  await api.call('POST', `/sites/${siteId}/invoices/${invoice.id}/credit-notes`, { lines: [line(pole, description, quantity)], reason }, [201]);
}

// After payment: a commercial gesture on the paid invoice of the accepted quote, refunded by transfer
// (a credit note on a paid part, then the refund that settles what is due back: issue 15).
const REFUND_REASON = 'Geste commercial après paiement : une prestation commencée en retard';

async function ensureRefund(api, siteId, quotes, today) {
  const invoices = await api.listAll(`/sites/${siteId}/invoices?limit=100`);
  const invoice = invoices.find((item) => item.quoteId === quotes.accepted.id && item.kind === 'standard');
  if (!invoice || invoice.status === 'draft') return;
  const base = `/sites/${siteId}/invoices/${invoice.id}`;
  const notes = await api.listAll(`/sites/${siteId}/credit-notes?invoiceId=${invoice.id}&limit=100`);
  let current = invoice;
  if (!notes.some((note) => note.reason === REFUND_REASON)) {
    if (invoice.status !== 'paid') return;
    const gesture = { description: 'Geste commercial', quantity: '1', unit: 'flat_rate', unitPrice: '10.00', vatRate: invoice.lines[0].vatRate };
    await api.call('POST', `${base}/credit-notes`, { lines: [gesture], reason: REFUND_REASON }, [201]);
    current = await api.call('GET', base, undefined, [200]);
  }
  if (current.refundDue === '0.00') return;
  await api.call('POST', `${base}/refunds`, { amount: current.refundDue, refundedOn: today, method: 'transfer' }, [201]);
}

async function ensureExpenses(api, siteId, code, people, today) {
  const existing = await api.listAll(`/sites/${siteId}/expenses?limit=100`);
  for (const [description, amount, vat, category, daysAgo, paidBy, approve] of EXPENSES[code]) {
    let expense = existing.find((item) => item.description === description);
    if (!expense) {
      const paidByMemberId = paidBy ? people.byKey[paidBy].id : null;
      const body = { paidByMemberId, spentOn: addDays(today, -daysAgo), description, amount, vat, category };
      expense = await retryWhile(['MEMBER_NOT_FOUND'], () => api.call('POST', `/sites/${siteId}/expenses`, body, [201]));
    }
    if (approve && expense.status === 'submitted') await api.call('POST', `/sites/${siteId}/expenses/${expense.id}/approve`, undefined, [200]);
  }
}

/** The same client, counting the writes: the summary line is printed only when something changed. */
function countingWrites(api) {
  const counted = { ...api, writes: 0 };
  counted.call = (method, ...rest) => {
    if (method !== 'GET') counted.writes++;
    return api.call(method, ...rest);
  };
  return counted;
}

/** The site's commerce, in the order a KPA lives it. */
async function ensureCommerce(client, { code, siteId, siteName, people, today }) {
  const api = countingWrites(client);
  await ensureProfilePoles(api, siteId, code);
  const clients = await ensureClients(api, siteId, code);
  await ensureCatalogue(api, siteId, code);
  const quotes = await ensureQuotes(api, siteId, code, clients, today);
  await ensureMissions(api, siteId, code, people, today);
  await ensureAcceptedWorkAndInvoices(api, siteId, code, clients, quotes, people, today);
  await ensureCreditNote(api, siteId, code);
  await ensureRefund(api, siteId, quotes, today);
  await ensureExpenses(api, siteId, code, people, today);
  if (api.writes > 0) info(`${siteName}: clients, catalogue, quotes in each state, missions, invoices, credit notes (one refunded) and expenses loaded`);
}

module.exports = { ensureCommerce };
