import { addDays } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { aMemberFile, registerMember, setUpRegion, siteUserToken, untilCommerceKnows, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * The involvement ledger over HTTP: a member logs a contributive day, the coordinator validates it,
 * the totals per kind add up; a minor is refused 9 hours a day and night work; another site's
 * coordinator sees nothing; a mission completed in commerce shows up in the member's mission hours
 * (commerce → JetStream → remuneration's ledger consumer). And the site's remuneration settings.
 */
describe('contributions and remuneration settings over HTTP', () => {
  const platform = usePlatform('e2e_contributions');
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const day = today();
  const yesterday = addDays(day, -1);
  const contributions = (siteId = site.a.id) => `/v1/sites/${siteId}/contributions`;
  const settings = (siteId = site.a.id) => `/v1/sites/${siteId}/remuneration/settings`;

  const person = (firstName: string, lastName: string, birthDate: string) => aMemberFile(firstName, lastName, birthDate, addDays(day, -30), { situation: 'student' });

  async function register(key: string, file: Record<string, unknown>): Promise<void> {
    ids[key] = await registerMember(platform, site.a, file);
  }

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    Object.assign(site, region.sites);
    tokens.accountant = await siteUserToken(platform, site.a, 'accountant');
    await untilCommerceKnows(platform, [site.a.id, site.b.id]);
    // Inès is 16 (a minor for a year yet, with her mother's consent); Karim is an adult with an account.
    await register('ines', { ...person('Inès', 'Benali', addDays(day, -17 * 365)), guardian: { name: 'Nadia Benali', relationship: 'mère', consentedOn: addDays(day, -30) } });
    await register('karim', person('Karim', 'Haddad', '2001-02-03'));
    const account = await platform.http('POST', `/v1/sites/${site.a.id}/members/${ids.karim}/account`, {
      token: site.a.coordinator,
      body: { email: 'karim@lacape.kpa.local', password: 'mon parcours à la cape' },
    });
    expect(account.status).toBe(201);
    tokens.karim = (await platform.login('karim@lacape.kpa.local', 'mon parcours à la cape')).accessToken;
    await eventually(async () => (await platform.query('SELECT 1 FROM remuneration.known_member WHERE id = ANY($1)', [[ids.ines, ids.karim]])).length === 2, {
      what: 'the members known by remuneration',
    });
    await eventually(async () => (await platform.query('SELECT 1 FROM commerce.known_member WHERE id = ANY($1)', [[ids.ines, ids.karim]])).length === 2, {
      what: 'the members known by commerce',
    });
  });

  it('a member logs their own contributive day (201, submitted); not for someone else (403); an accountant logs nothing (403)', async () => {
    const logged = await platform.http('POST', contributions(), {
      token: tokens.karim,
      body: { kind: 'contributive_day', date: yesterday, hours: '7', startTime: '09:00', note: 'Journée chantier du local' },
    });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({
      siteId: site.a.id,
      memberId: ids.karim,
      memberName: 'Karim Haddad',
      kind: 'contributive_day',
      task: null,
      date: yesterday,
      startTime: '09:00',
      hours: '7.00',
      note: 'Journée chantier du local',
      status: 'submitted',
      reason: null,
      decidedBy: null,
      decidedAt: null,
      periodId: null,
    });
    ids.day = logged.body.id;

    const forInes = await platform.http('POST', contributions(), { token: tokens.karim, body: { memberId: ids.ines, kind: 'contributive_day', date: yesterday, hours: '1' } });
    expect(forInes.status).toBe(403);
    expect((await platform.http('POST', contributions(), { token: tokens.accountant, body: { kind: 'contributive_day', date: yesterday, hours: '1' } })).status).toBe(403);

    const future = await platform.http('POST', contributions(), { token: tokens.karim, body: { kind: 'contributive_day', date: addDays(day, 1), hours: '1' } });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'date' } });
    const noTask = await platform.http('POST', contributions(), { token: tokens.karim, body: { kind: 'collective_task', date: yesterday, hours: '1' } });
    expect(noTask.status).toBe(400);
    expect(noTask.body.details).toMatchObject({ field: 'task' });
    const floaty = await platform.http('POST', contributions(), { token: tokens.karim, body: { kind: 'contributive_day', date: yesterday, hours: 1.5 } });
    expect(floaty.status).toBe(400);
    const beforeJoining = await platform.http('POST', contributions(), { token: tokens.karim, body: { kind: 'contributive_day', date: addDays(day, -31), hours: '1' } });
    expect(beforeJoining.status).toBe(422);
    expect(beforeJoining.body.code).toBe('CONTRIBUTION_OUTSIDE_MEMBERSHIP');
  });

  it('a coordinator logs for a member (memberId required), validates and rejects; members cannot decide; decided stays decided (409)', async () => {
    const noMember = await platform.http('POST', contributions(), { token: site.a.coordinator, body: { kind: 'peer_training', date: yesterday, hours: '2' } });
    expect(noMember.status).toBe(400);
    const task = await platform.http('POST', contributions(), {
      token: site.a.coordinator,
      body: { memberId: ids.karim, kind: 'collective_task', task: 'accounting', date: day, hours: '1.5' },
    });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ memberId: ids.karim, kind: 'collective_task', task: 'accounting', hours: '1.50', status: 'submitted' });
    const training = await platform.http('POST', contributions(), { token: site.a.coordinator, body: { memberId: ids.karim, kind: 'peer_training', date: day, hours: '2' } });

    expect((await platform.http('POST', `${contributions()}/${ids.day}/validate`, { token: tokens.karim })).status).toBe(403);
    const validated = await platform.http('POST', `${contributions()}/${ids.day}/validate`, { token: site.a.coordinator });
    expect(validated.status).toBe(200);
    expect(validated.body).toMatchObject({ status: 'validated', decidedBy: expect.any(String), decidedAt: expect.any(String) });
    const again = await platform.http('POST', `${contributions()}/${ids.day}/reject`, { token: site.a.coordinator, body: { reason: 'Trop tard' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONTRIBUTION_TRANSITION_REFUSED');

    const rejected = await platform.http('POST', `${contributions()}/${training.body.id}/reject`, { token: site.a.coordinator, body: { reason: 'Déjà comptée dans la mission' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Déjà comptée dans la mission' });

    const read = await platform.http('GET', `${contributions()}/${ids.day}`, { token: tokens.accountant });
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('validated');
    const unknown = await platform.http('GET', `${contributions()}/0190a0b0-0000-7000-8000-000000000009`, { token: site.a.coordinator });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CONTRIBUTION_NOT_FOUND');
  });

  it('lists with totals per kind (rejected counts nowhere); every role reads; filters by member, dates and status', async () => {
    const listed = await platform.http('GET', `${contributions()}?memberId=${ids.karim}`, { token: tokens.karim });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(3);
    expect(listed.body.nextCursor).toBeNull();
    expect(listed.body.totals).toEqual({
      byKind: {
        contributive_day: { validated: '7.00', submitted: '0.00' },
        collective_task: { validated: '0.00', submitted: '1.50' },
        peer_training: { validated: '0.00', submitted: '0.00' },
        mission: { validated: '0.00', submitted: '0.00' },
      },
      all: { validated: '7.00', submitted: '1.50' },
    });
    const onlyYesterday = await platform.http('GET', `${contributions()}?from=${yesterday}&to=${yesterday}`, { token: tokens.accountant });
    expect(onlyYesterday.body.items.map((c: any) => c.id)).toEqual([ids.day]);
    const submitted = await platform.http('GET', `${contributions()}?status=submitted`, { token: site.a.coordinator });
    expect(submitted.body.items.map((c: any) => c.kind)).toEqual(['collective_task']);
    const badStatus = await platform.http('GET', `${contributions()}?status=maybe`, { token: site.a.coordinator });
    expect(badStatus.status).toBe(400);
  });

  it('a minor is refused 9 hours a day (422 MINOR_DAILY_HOURS_EXCEEDED) and work at night (422 MINOR_NIGHT_WORK)', async () => {
    const nine = await platform.http('POST', contributions(), { token: site.a.coordinator, body: { memberId: ids.ines, kind: 'contributive_day', date: yesterday, hours: '9' } });
    expect(nine.status).toBe(422);
    expect(nine.body).toMatchObject({ code: 'MINOR_DAILY_HOURS_EXCEEDED', details: { date: yesterday, limit: '8.00' } });
    const six = await platform.http('POST', contributions(), {
      token: site.a.coordinator,
      body: { memberId: ids.ines, kind: 'contributive_day', date: yesterday, hours: '6', startTime: '09:00' },
    });
    expect(six.status).toBe(201);
    const three = await platform.http('POST', contributions(), {
      token: site.a.coordinator,
      body: { memberId: ids.ines, kind: 'collective_task', task: 'cleaning', date: yesterday, hours: '3' },
    });
    expect(three.status).toBe(422);
    expect(three.body).toMatchObject({ code: 'MINOR_DAILY_HOURS_EXCEEDED', details: { alreadyRecorded: '6.00' } });
    const night = await platform.http('POST', contributions(), {
      token: site.a.coordinator,
      body: { memberId: ids.ines, kind: 'collective_task', task: 'cleaning', date: addDays(day, -2), hours: '2', startTime: '21:00' },
    });
    expect(night.status).toBe(422);
    expect(night.body).toMatchObject({ code: 'MINOR_NIGHT_WORK', details: { startTime: '21:00' } });
    expect(night.body.message).toContain('22:00');
  });

  it("another site's coordinator sees nothing of site A (404) and cannot log for its members", async () => {
    const list = await platform.http('GET', contributions(), { token: site.b.coordinator });
    expect(list.status).toBe(404);
    expect(list.body.code).toBe('SITE_NOT_FOUND');
    expect((await platform.http('GET', `${contributions()}/${ids.day}`, { token: site.b.coordinator })).status).toBe(404);
    const viaOwnSite = await platform.http('GET', `${contributions(site.b.id)}/${ids.day}`, { token: site.b.coordinator });
    expect(viaOwnSite.status).toBe(404);
    expect(viaOwnSite.body.code).toBe('CONTRIBUTION_NOT_FOUND');
    expect((await platform.http('POST', `${contributions(site.b.id)}/${ids.day}/validate`, { token: site.b.coordinator })).status).toBe(404);
    const someoneElses = await platform.http('POST', contributions(site.b.id), {
      token: site.b.coordinator,
      body: { memberId: ids.karim, kind: 'contributive_day', date: yesterday, hours: '1' },
    });
    expect(someoneElses.status).toBe(404);
    expect(someoneElses.body.code).toBe('MEMBER_NOT_FOUND');
    const totals = await platform.http('GET', contributions(site.b.id), { token: site.b.coordinator });
    expect(totals.body).toMatchObject({ items: [], totals: { all: { validated: '0.00', submitted: '0.00' } } });
    expect((await platform.http('GET', settings(), { token: site.b.coordinator })).status).toBe(404);
  });

  it('a mission completed in commerce shows up in the member’s mission hours (eventually)', async () => {
    const missions = `/v1/sites/${site.a.id}/missions`;
    const created = await platform.http('POST', missions, {
      token: site.a.coordinator,
      body: { title: 'Cantine partagée du midi', activityPole: 'restauration', startsOn: day, endsOn: day, place: 'Cuisine partagée, Roubaix', peopleNeeded: 1 },
    });
    expect(created.status).toBe(201);
    const path = `${missions}/${created.body.id}`;
    expect((await platform.http('POST', `${path}/sign-ups`, { token: tokens.karim, body: {} })).status).toBe(200);
    expect((await platform.http('POST', `${path}/confirm-team`, { token: site.a.coordinator, body: {} })).status).toBe(200);
    const completed = await platform.http('POST', `${path}/complete`, { token: site.a.coordinator, body: { participants: [{ memberId: ids.karim, hours: '6.25' }] } });
    expect(completed.status).toBe(200);

    const totals = await eventually(
      async () => {
        const listed = await platform.http('GET', `${contributions()}?memberId=${ids.karim}&from=${day}&to=${day}`, { token: tokens.karim });
        return listed.body.totals.byKind.mission.validated === '6.25' ? listed.body.totals : undefined;
      },
      { what: 'the mission hours in the ledger' },
    );
    expect(totals.all).toEqual({ validated: '6.25', submitted: '1.50' });
    const rows = await platform.query(`SELECT member_id, hundredths, to_char(completed_on, 'YYYY-MM-DD') AS day FROM remuneration.mission_hours WHERE mission_id = $1`, [
      created.body.id,
    ]);
    expect(rows).toEqual([{ member_id: ids.karim, hundredths: 625, day }]);
  });

  it('settings: documented defaults for everyone to read; a coordinator changes them, checked field by field', async () => {
    const defaults = await platform.http('GET', settings(), { token: tokens.karim });
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({
      siteId: site.a.id,
      periodLength: 'month',
      pot: { hostContributionRate: '10', reserveRate: '0', fixedReserves: [] },
      distribution: { rules: { time: 50, peer: 30, equal: 20, mission: 0 }, timeWeights: { missionHours: '1', contributiveHours: '1' }, capPerMember: null },
      recognitionBudget: 100,
      payrollRatesAreExample: true,
      customised: false,
      updatedAt: null,
    });
    expect(defaults.body.payrollRates[0]).toMatchObject({ validFrom: '2024-01-01', employeeRate: '21' });

    expect((await platform.http('PUT', settings(), { token: tokens.karim, body: { recognitionBudget: 50 } })).status).toBe(403);
    const wrong = await platform.http('PUT', settings(), { token: site.a.coordinator, body: { pot: { hostContributionRate: '110' } } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'pot.hostContributionRate' } });
    const unknownField = await platform.http('PUT', settings(), { token: site.a.coordinator, body: { colour: 'blue' } });
    expect(unknownField.status).toBe(400);

    const saved = await platform.http('PUT', settings(), {
      token: site.a.coordinator,
      body: {
        periodLength: 'week',
        pot: { hostContributionRate: '11.5', fixedReserves: [{ label: 'Loyer', monthlyAmount: '300' }] },
        distribution: { rules: { time: 70, equal: 30 }, capPerMember: '1200' },
        payrollRates: [{ validFrom: '2026-01-01', label: 'CAE Grand Nord 2026', employerRates: [{ gross: '1801.80', rate: '4' }], employeeRate: '22' }],
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      periodLength: 'week',
      pot: { hostContributionRate: '11.5', reserveRate: '0', fixedReserves: [{ label: 'Loyer', monthlyAmount: '300.00' }] },
      distribution: { rules: { time: 70, equal: 30, peer: 0, mission: 0 }, capPerMember: '1200.00' },
      recognitionBudget: 100,
      payrollRates: [
        {
          validFrom: '2026-01-01',
          label: 'CAE Grand Nord 2026',
          employerRates: [{ gross: '1801.80', rate: '4' }],
          employeeRate: '22',
          employerMutual: '0.00',
          employeeMutual: '0.00',
        },
      ],
      payrollRatesAreExample: false,
      customised: true,
    });
    const reread = await platform.http('GET', settings(), { token: tokens.accountant });
    expect(reread.body).toEqual(saved.body);
    const budget = await platform.http('PUT', settings(), { token: site.a.coordinator, body: { recognitionBudget: 60 } });
    expect(budget.body).toMatchObject({ recognitionBudget: 60, periodLength: 'week', pot: { hostContributionRate: '11.5' } });
    // Site B is untouched.
    expect((await platform.http('GET', settings(site.b.id), { token: site.b.coordinator })).body.customised).toBe(false);
  });
});
