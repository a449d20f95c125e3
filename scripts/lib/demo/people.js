'use strict';

const { createApiClient } = require('../api-client');
const { info } = require('../output');
const { hasCode } = require('./api-helpers');
const { addDays, addMonths, endOfMonth, instantOn } = require('./dates');

/**
 * membership: a dozen members per site, one at each point of the journey a coordinator meets.
 * Every date is an offset from today (days ago), so the journeys, the follow-up board and the
 * CAPE calendar always look current. Members are found again by first and last name.
 */

// One journey each; `names` (below) gives each site its people. Offsets are days before today.
const JOURNEYS = [
  // A 17-year-old: the guardian's consent is recorded, so the CAPE could be signed (C. com. L127-1, DOMAIN-RULES).
  { key: 'minor', joinedDaysAgo: 20, ageYears: 17, situation: 'student', guardian: true, cape: { startsDaysAgo: 14, months: 6 }, interviews: [['first', 12]] },
  { key: 'newcomer', joinedDaysAgo: 35, ageYears: 24, situation: 'job_seeker', interviews: [['first', 25]] },
  {
    key: 'explorer',
    joinedDaysAgo: 100,
    ageYears: 31,
    situation: 'rsa',
    account: true,
    cape: { startsDaysAgo: 90, months: 12 },
    interviews: [
      ['first', 92],
      ['follow_up', 30],
    ],
  },
  // Last interview 140 days ago, the site's cadence is 60 days: on the follow-up board as overdue.
  { key: 'overdue', joinedDaysAgo: 150, ageYears: 45, situation: 'job_seeker', cape: { startsDaysAgo: 140, months: 6 }, interviews: [['first', 140]] },
  // The CAPE ends on the last day of this month: "cape_ending_soon" on the board.
  {
    key: 'ending',
    joinedDaysAgo: 210,
    ageYears: 38,
    situation: 'rsa',
    cape: { endsThisMonth: true, months: 6 },
    interviews: [
      ['first', 200],
      ['follow_up', 20],
    ],
  },
  {
    key: 'focus',
    joinedDaysAgo: 270,
    ageYears: 27,
    situation: 'employed_part_time',
    account: true,
    cape: { startsDaysAgo: 260, months: 12 },
    interviews: [
      ['first', 262],
      ['mid_term_review', 25],
      ['follow_up', 5],
    ],
  },
  {
    key: 'tester',
    joinedDaysAgo: 330,
    ageYears: 52,
    situation: 'job_seeker',
    cape: { startsDaysAgo: 320, months: 12 },
    interviews: [
      ['first', 320],
      ['mid_term_review', 80],
      ['follow_up', 40],
    ],
  },
  {
    key: 'opening',
    joinedDaysAgo: 400,
    ageYears: 34,
    situation: 'rsa',
    cape: { startsDaysAgo: 330, months: 12 },
    interviews: [
      ['first', 390],
      ['mid_term_review', 150],
      ['follow_up', 45],
    ],
  },
  {
    key: 'opening2',
    joinedDaysAgo: 430,
    ageYears: 41,
    situation: 'other',
    cape: { startsDaysAgo: 300, months: 12 },
    interviews: [
      ['first', 420],
      ['mid_term_review', 180],
      ['follow_up', 35],
    ],
  },
  {
    key: 'nextStep',
    joinedDaysAgo: 500,
    ageYears: 29,
    situation: 'job_seeker',
    cape: { startsDaysAgo: 300, months: 12 },
    interviews: [
      ['first', 490],
      ['mid_term_review', 250],
      ['exit', 10],
    ],
  },
  // Left a month ago for a job, after a CAPE of eleven months and the exit interview.
  {
    key: 'leftForJob',
    joinedDaysAgo: 420,
    ageYears: 26,
    situation: 'job_seeker',
    cape: { startsDaysAgo: 400, months: 11 },
    interviews: [
      ['first', 410],
      ['mid_term_review', 180],
      ['exit', 40],
    ],
    left: { daysAgo: 30, outcome: 'employment' },
  },
  {
    key: 'explorer2',
    joinedDaysAgo: 75,
    ageYears: 22,
    situation: 'student',
    cape: { startsDaysAgo: 60, months: 6 },
    interviews: [
      ['first', 65],
      ['follow_up', 10],
    ],
  },
];

// Per site, per journey: [firstName, lastName, gender, skills ([name, level 1–4]), passions].
const NAMES = {
  LACAPE: {
    minor: ['Lina', 'Bouzid', 'female', [['couture', 2]], ['dessin']],
    newcomer: ['Mehdi', 'Kaci', 'male', [['informatique', 2]], ['jeux vidéo']],
    explorer: ['Inès', 'Benali', 'female', [['cuisine', 3]], ['couture']],
    overdue: ['Thierry', 'Vandaele', 'male', [['bricolage', 3]], ['vélo']],
    ending: ['Fatou', 'Diallo', 'female', [['couture', 4]], ['wax', 'mode']],
    focus: ['Karim', 'Haddad', 'male', [['dépannage informatique', 3]], ['photo']],
    tester: ['Sandrine', 'Lemaire', 'female', [['cuisine', 4]], ['pâtisserie']],
    opening: ['Youssef', 'El Amrani', 'male', [['traiteur', 3]], ['football']],
    opening2: ['Chantal', 'Dubois', 'female', [['retouches', 4]], ['tricot']],
    nextStep: ['Aïcha', 'Mansouri', 'female', [['cuisine du monde', 4]], ['voyages']],
    leftForJob: ['Kevin', 'Desmet', 'male', [['logistique', 3]], ['musique']],
    explorer2: ['Nora', 'Belkacem', 'female', [['accueil', 2]], ['théâtre']],
  },
  MOULINS: {
    minor: ['Théo', 'Lambert', 'male', [['jardinage', 2]], ['skate']],
    newcomer: ['Samira', 'Touati', 'female', [['cuisine', 2]], ['lecture']],
    explorer: ['Julie', 'Caron', 'female', [['conciergerie', 3]], ['randonnée']],
    overdue: ['Rachid', 'Ouali', 'male', [['jardinage', 3]], ['pêche']],
    ending: ['Mariam', 'Sow', 'female', [['traiteur', 4]], ['chant']],
    focus: ['Antoine', 'Leroy', 'male', [['petits travaux', 3]], ['cyclisme']],
    tester: ['Halima', 'Cherif', 'female', [['cuisine', 4]], ['couture']],
    opening: ['Bruno', 'Delannoy', 'male', [['espaces verts', 4]], ['apiculture']],
    opening2: ['Sofia', 'Marques', 'female', [['repassage', 3]], ['danse']],
    nextStep: ['Ibrahim', 'Keita', 'male', [['traiteur', 4]], ['basket']],
    leftForJob: ['Laetitia', 'Hennebert', 'female', [['accueil', 3]], ['cinéma']],
    explorer2: ['Jordan', 'Petit', 'male', [['jardinage', 2]], ['rap']],
  },
};

const SITE_DOMAIN = { LACAPE: 'lacape.kpa.local', MOULINS: 'moulins.kpa.local' };

/** The e-mail of a member's account: `ines.benali@lacape.kpa.local`. */
function accountEmail(code, firstName, lastName) {
  const ascii = (text) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '-');
  return `${ascii(firstName)}.${ascii(lastName)}@${SITE_DOMAIN[code]}`;
}

/** The demo.env keys of the member accounts' passwords (random, generated on the first run). */
function memberPasswordKeys() {
  const keys = [];
  for (const code of Object.keys(NAMES)) {
    for (const journey of JOURNEYS.filter((j) => j.account)) keys.push(`DEMO_${code}_MEMBER_${journey.key.toUpperCase()}_PASSWORD`);
  }
  return keys;
}

function memberBody(code, journey, today) {
  const [firstName, lastName, gender, skills, passions] = NAMES[code][journey.key];
  const joinedOn = addDays(today, -journey.joinedDaysAgo);
  // A birthday a few weeks away: the minor stays 17 for a while after each run.
  const birthDate = addDays(addMonths(today, -12 * journey.ageYears), -45);
  return {
    firstName,
    lastName,
    birthDate,
    gender,
    situation: journey.situation,
    referredBy: journey.key === 'minor' ? 'mission_locale' : journey.ageYears > 40 ? 'social_centre' : 'word_of_mouth',
    priorityNeighbourhood: journey.key !== 'opening2',
    skills: skills.map(([name, level]) => ({ name, level, wantsToLearn: level < 3 })),
    passions,
    joinedOn,
  };
}

function capeBody(cape, today, activity) {
  if (cape.endsThisMonth) {
    const endsOn = endOfMonth(today);
    return { startsOn: addDays(addMonths(endsOn, -cape.months), 1), endsOn, activity };
  }
  const startsOn = addDays(today, -cape.startsDaysAgo);
  return { startsOn, endsOn: addDays(addMonths(startsOn, cape.months), -1), activity };
}

async function ensureMember(api, siteId, body, existing) {
  const found = existing.find((member) => member.firstName === body.firstName && member.lastName === body.lastName);
  if (found) return { member: found, created: false };
  return { member: await api.call('POST', `/sites/${siteId}/members`, body, [201]), created: true };
}

/** The member's story, each step skipped when it is there: guardian, CAPE, interviews, departure. */
async function ensureJourney(api, siteId, member, journey, body, today) {
  const base = `/sites/${siteId}/members/${member.id}`;
  if (journey.guardian && !member.guardian) {
    const guardian = { name: `Nadia ${body.lastName}`, relationship: 'mère', consentedOn: body.joinedOn };
    await api.call('PATCH', base, { guardian }, [200]);
  }
  if (journey.cape) {
    const contracts = await api.call('GET', `${base}/cape-contracts`, undefined, [200]);
    if (contracts.items.length === 0) await api.call('POST', `${base}/cape-contracts`, capeBody(journey.cape, today, body.skills[0].name), [201]);
  }
  const interviews = await api.call('GET', `${base}/interviews`, undefined, [200]);
  if (interviews.items.length === 0) {
    for (const [kind, daysAgo] of journey.interviews) {
      const at = instantOn(addDays(today, -daysAgo), 10);
      const notes = kind === 'first' ? `Premier entretien : envies autour de « ${body.skills[0].name} ».` : 'Point d’étape : le projet avance.';
      await api.call(
        'POST',
        `${base}/interviews`,
        { kind, scheduledAt: at, status: 'held', heldAt: at, notes, skillsAssessment: body.skills.map(({ name, level }) => ({ name, level })) },
        [201],
      );
    }
  }
  if (journey.left && member.active !== false && !member.leftOn) {
    await api.call('POST', `${base}/leave`, { leftOn: addDays(today, -journey.left.daysAgo), outcome: journey.left.outcome }, [200]);
  }
}

/** A login for the member; 'existing' when it was there and the password from demo.env works. */
async function ensureMemberAccount(api, apiBaseUrl, siteId, memberId, email, password) {
  try {
    await api.call('POST', `/sites/${siteId}/members/${memberId}/account`, { email, password }, [201]);
    info(`member account created: ${email}`);
    return 'created';
  } catch (error) {
    if (!hasCode(error, 'MEMBER_HAS_ACCOUNT', 'USER_EMAIL_TAKEN')) throw error;
  }
  try {
    await createApiClient(apiBaseUrl).login(email, password);
    return 'existing';
  } catch (error) {
    if (hasCode(error, 'INVALID_CREDENTIALS')) return 'other-password';
    throw error;
  }
}

/**
 * Registers the site's members and their journeys. Returns { byKey: {journeyKey: member}, accounts:
 * [{ key, memberId, name, email, password, state }] } for the steps that follow (missions, time, shares).
 */
async function ensurePeople(api, apiBaseUrl, { code, siteId, siteName, passwords, today }) {
  const existing = await api.listAll(`/sites/${siteId}/members?status=all&limit=100`);
  const byKey = {};
  const accounts = [];
  let created = 0;
  for (const journey of JOURNEYS) {
    const body = memberBody(code, journey, today);
    const { member, created: isNew } = await ensureMember(api, siteId, body, existing);
    if (isNew) created++;
    await ensureJourney(api, siteId, member, journey, body, today);
    byKey[journey.key] = { ...member, name: `${body.firstName} ${body.lastName}` };
    if (journey.account) {
      const email = accountEmail(code, body.firstName, body.lastName);
      const password = passwords[`DEMO_${code}_MEMBER_${journey.key.toUpperCase()}_PASSWORD`];
      const state = await ensureMemberAccount(api, apiBaseUrl, siteId, member.id, email, password);
      accounts.push({ key: journey.key, memberId: member.id, name: `${body.firstName} ${body.lastName}`, email, password: state === 'other-password' ? null : password, state });
    }
  }
  if (created > 0) info(`${siteName}: ${created} members registered, from a 17-year-old with a guardian’s consent to one who left for a job`);
  return { byKey, accounts };
}

module.exports = { ensurePeople, memberPasswordKeys, JOURNEYS };
