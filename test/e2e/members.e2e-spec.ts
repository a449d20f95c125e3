import { setUpRegion, usePlatform } from './platform';

/**
 * A coordinator runs the people of a site: registers members (a minor among them), reads and
 * changes their files, records a departure and a return; other roles see only what they may.
 */
describe('members over HTTP', () => {
  const platform = usePlatform('e2e_members');
  let admin: string;
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  const password = 'coordonner la cape ensemble';
  let minorId: string;

  const minor = {
    firstName: 'Inès',
    lastName: 'Benali',
    birthDate: '2009-05-14',
    gender: 'female',
    situation: 'student',
    referredBy: 'mission_locale',
    priorityNeighbourhood: true,
    address: { line: '12 rue de l’Épeule', postalCode: '59100', city: 'Roubaix' },
    skills: [{ name: 'Cuisine', level: 3, wantsToLearn: false }],
    passions: ['couture'],
    joinedOn: '2026-09-01',
  };

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    admin = region.admin;
    Object.assign(site, region.sites);
  });

  it('a coordinator registers a 17-year-old and reads the whole file', async () => {
    const created = await platform.http('POST', `/v1/sites/${site.a.id}/members`, { token: site.a.coordinator, body: minor });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ firstName: 'Inès', birthDate: '2009-05-14', priorityNeighbourhood: true, active: true, guardian: null, history: [] });
    minorId = created.body.id;
    const read = await platform.http('GET', `/v1/sites/${site.a.id}/members/${minorId}`, { token: site.a.coordinator });
    expect(read.body).toEqual(created.body);
  });

  it('refuses bad member data with the field to fix', async () => {
    const future = await platform.http('POST', `/v1/sites/${site.a.id}/members`, { token: site.a.coordinator, body: { ...minor, birthDate: '2099-01-01' } });
    expect(future.status).toBe(400);
    expect(future.body.details).toMatchObject({ field: 'birthDate' });
    const badSkill = await platform.http('POST', `/v1/sites/${site.a.id}/members`, {
      token: site.a.coordinator,
      body: { ...minor, skills: [{ name: 'x', level: 7, wantsToLearn: true }] },
    });
    expect(badSkill.status).toBe(400);
    expect(badSkill.body.message).toContain('level');
    const other = await platform.http('POST', `/v1/sites/${site.a.id}/members`, { token: site.a.coordinator, body: { ...minor, referredBy: 'other' } });
    expect(other.status).toBe(400);
    expect(other.body.details).toMatchObject({ field: 'referredByDetail' });
  });

  it('an accountant sees names only, another member the public profile: never the personal data', async () => {
    for (const [role, email] of [
      ['accountant', 'compta@lacape.kpa.local'],
      ['member', 'membre@lacape.kpa.local'],
    ] as const) {
      await platform.http('POST', `/v1/sites/${site.a.id}/users`, { token: site.a.coordinator, body: { email, displayName: role, role, password } });
      const token = (await platform.login(email, password)).accessToken;
      const read = await platform.http('GET', `/v1/sites/${site.a.id}/members/${minorId}`, { token });
      expect(read.status).toBe(200);
      const list = await platform.http('GET', `/v1/sites/${site.a.id}/members`, { token });
      for (const seen of [read.body, list.body.items[0]]) {
        expect(seen).toMatchObject({ id: minorId, firstName: 'Inès', lastName: 'Benali' });
        for (const personal of ['birthDate', 'situation', 'priorityNeighbourhood', 'address', 'guardian', 'email', 'phone']) expect(seen).not.toHaveProperty(personal);
      }
      if (role === 'member') expect(read.body.skills).toEqual(minor.skills);
      else expect(read.body).not.toHaveProperty('skills');
      expect((await platform.http('POST', `/v1/sites/${site.a.id}/members`, { token, body: minor })).status).toBe(403);
    }
  });

  it("coordinator B gets 404 on site A's members", async () => {
    for (const [method, path] of [
      ['GET', `/v1/sites/${site.a.id}/members`],
      ['GET', `/v1/sites/${site.a.id}/members/${minorId}`],
      ['PATCH', `/v1/sites/${site.a.id}/members/${minorId}`],
    ]) {
      const result = await platform.http(method, path, { token: site.b.coordinator, body: method === 'PATCH' ? { firstName: 'X' } : undefined });
      expect(result.status).toBe(404);
    }
    // The member id under B's own site is absent too.
    const viaOwnSite = await platform.http('GET', `/v1/sites/${site.b.id}/members/${minorId}`, { token: site.b.coordinator });
    expect(viaOwnSite.status).toBe(404);
    expect(viaOwnSite.body.code).toBe('MEMBER_NOT_FOUND');
  });

  it('records the guardian, a departure and a return, keeping the history', async () => {
    const guardian = { name: 'Nadia Benali', relationship: 'mère', consentedOn: '2026-09-01' };
    const patched = await platform.http('PATCH', `/v1/sites/${site.a.id}/members/${minorId}`, { token: site.a.coordinator, body: { guardian } });
    expect(patched.status).toBe(200);
    expect(patched.body.guardian).toEqual(guardian);

    const left = await platform.http('POST', `/v1/sites/${site.a.id}/members/${minorId}/leave`, { token: site.a.coordinator, body: { leftOn: '2026-10-15', outcome: 'training' } });
    expect(left.body).toMatchObject({ active: false, leftOn: '2026-10-15', leavingOutcome: 'training' });
    const twice = await platform.http('POST', `/v1/sites/${site.a.id}/members/${minorId}/leave`, {
      token: site.a.coordinator,
      body: { leftOn: '2026-10-16', outcome: 'training' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('MEMBER_ALREADY_LEFT');
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/members`, { token: site.a.coordinator })).body.items).toHaveLength(0);
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/members?status=left`, { token: site.a.coordinator })).body.items).toHaveLength(1);

    const back = await platform.http('POST', `/v1/sites/${site.a.id}/members/${minorId}/rejoin`, { token: site.a.coordinator, body: { joinedOn: '2026-11-02' } });
    expect(back.body).toMatchObject({ active: true, joinedOn: '2026-11-02', leftOn: null, history: [{ joinedOn: '2026-09-01', leftOn: '2026-10-15', outcome: 'training' }] });
  });

  it('finds members by skill and by name', async () => {
    const bySkill = await platform.http('GET', `/v1/sites/${site.a.id}/members?skill=cuisine`, { token: site.a.coordinator });
    expect(bySkill.body.items.map((m: any) => m.id)).toEqual([minorId]);
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/members?skill=jardinage`, { token: site.a.coordinator })).body.items).toEqual([]);
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/members?q=benal`, { token: site.a.coordinator })).body.items).toHaveLength(1);
    const { stage } = (await platform.http('GET', `/v1/sites/${site.a.id}/members/${minorId}/journey`, { token: site.a.coordinator })).body;
    const otherStage = stage === 'next_step' ? 'immersion' : 'next_step';
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/members?stage=${stage}`, { token: site.a.coordinator })).body.items).toHaveLength(1);
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/members?stage=${otherStage}`, { token: site.a.coordinator })).body.items).toHaveLength(0);
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/members?stage=retired`, { token: site.a.coordinator })).status).toBe(400);
  });

  it("shows a member's journey stage from the calendar, a coordinator's override with its reason, and what is due", async () => {
    const path = `/v1/sites/${site.a.id}/members/${minorId}/journey`;
    const journey = await platform.http('GET', path, { token: site.a.coordinator });
    expect(journey.status).toBe(200);
    expect(journey.body).toMatchObject({ memberId: minorId, joinedOn: '2026-11-02', overridden: false, nextPath: null });
    expect(journey.body.stage).toBe(journey.body.computedStage);
    expect(journey.body.due.map((d: any) => d.kind)).toEqual(['first_interview', 'mid_term_review', 'exit_interview']);
    expect(journey.body.due[0].dueOn).toBe('2026-11-16');

    const noReason = await platform.http('PUT', path, { token: site.a.coordinator, body: { stageOverride: { stage: 'opening', reason: '' } } });
    expect(noReason.status).toBe(400);
    const set = await platform.http('PUT', path, {
      token: site.a.coordinator,
      body: { stageOverride: { stage: 'opening', reason: 'prête à tester son activité' }, nextPath: 'salaried_entrepreneur' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ stage: 'opening', overridden: true, overrideReason: 'prête à tester son activité', nextPath: 'salaried_entrepreneur' });
    expect(set.body.history.map((h: any) => h.kind)).toEqual(['override', 'next_path']);
    const cleared = await platform.http('PUT', path, { token: site.a.coordinator, body: { stageOverride: null } });
    expect(cleared.body).toMatchObject({ overridden: false, nextPath: 'salaried_entrepreneur' });
    expect(cleared.body.stage).toBe(cleared.body.computedStage);
    expect((await platform.http('GET', path, { token: site.b.coordinator })).status).toBe(404);
  });

  it("a member with an account sees their own file, never another member's birth date", async () => {
    const other = await platform.http('POST', `/v1/sites/${site.a.id}/members`, {
      token: site.a.coordinator,
      body: { ...minor, firstName: 'Karim', lastName: 'Haddad', birthDate: '2001-02-03', skills: [] },
    });
    const account = await platform.http('POST', `/v1/sites/${site.a.id}/members/${minorId}/account`, {
      token: site.a.coordinator,
      body: { email: 'ines@lacape.kpa.local', password: 'mon parcours à la cape' },
    });
    expect(account.status).toBe(201);
    expect(account.body).toMatchObject({ role: 'member', displayName: 'Inès Benali' });
    const twice = await platform.http('POST', `/v1/sites/${site.a.id}/members/${minorId}/account`, {
      token: site.a.coordinator,
      body: { email: 'ines2@lacape.kpa.local', password: 'mon parcours à la cape' },
    });
    expect(twice.status).toBe(409);

    const ines = (await platform.login('ines@lacape.kpa.local', 'mon parcours à la cape')).accessToken;
    const own = await platform.http('GET', '/v1/me/member', { token: ines });
    expect(own.status).toBe(200);
    expect(own.body.member).toMatchObject({ id: minorId, birthDate: '2009-05-14' });
    expect(own.body.journey.memberId).toBe(minorId);
    expect(own.body.capeContracts).toEqual([]);
    expect(own.body.interviews).toEqual([]);
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/members/${minorId}`, { token: ines })).body.birthDate).toBe('2009-05-14');
    const karim = await platform.http('GET', `/v1/sites/${site.a.id}/members/${other.body.id}`, { token: ines });
    expect(karim.status).toBe(200);
    expect(karim.body).not.toHaveProperty('birthDate');

    const passions = await platform.http('PATCH', '/v1/me/member', { token: ines, body: { passions: ['couture', 'cuisine'] } });
    expect(passions.status).toBe(200);
    expect(passions.body.passions).toEqual(['couture', 'cuisine']);
    const sneaky = await platform.http('PATCH', '/v1/me/member', { token: ines, body: { birthDate: '2000-01-01' } });
    expect(sneaky.status).toBe(400);
    expect((await platform.http('GET', '/v1/me/member', { token: site.a.coordinator })).status).toBe(404);
  });

  it("gives a site's figures to its coordinator and the region's to the network admin", async () => {
    const own = await platform.http('GET', `/v1/sites/${site.a.id}/stats?from=2026-01-01&to=2026-12-31`, { token: site.a.coordinator });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ tookPart: 2, activeNow: 2, joined: 3, left: 1, leavingOutcomes: { training: 1 }, smallCountsHidden: false });
    expect(own.body.priorityNeighbourhood).toEqual({ count: 2, of: 2 });
    expect(own.body.interviewsHeld).toBe(0);
    const region = await platform.http('GET', '/v1/stats?from=2026-01-01&to=2026-12-31', { token: admin });
    expect(region.body).toMatchObject({ tookPart: 2, smallCountsHidden: true, priorityNeighbourhood: { count: null, of: 2 } });
    expect((await platform.http('GET', '/v1/stats?from=2026-01-01&to=2026-12-31', { token: site.a.coordinator })).status).toBe(403);
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/stats?from=2026-12-31&to=2026-01-01`, { token: site.a.coordinator })).status).toBe(400);
  });

  it('a coordinator sets the site settings the rules use', async () => {
    const changed = await platform.http('PATCH', `/v1/sites/${site.a.id}`, { token: site.a.coordinator, body: { settings: { minimumAge: 17, charterRequired: true } } });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toEqual({ minimumAge: 17, charterRequired: true, interviewCadenceDays: 60, midTermReviewAfterMonths: 8, exitInterviewAfterMonths: 15 });
    const wrong = await platform.http('PATCH', `/v1/sites/${site.a.id}`, { token: site.a.coordinator, body: { settings: { minimumAge: 10 } } });
    expect(wrong.status).toBe(400);
    const profile = await platform.http('PATCH', `/v1/sites/${site.a.id}`, {
      token: site.a.coordinator,
      body: {
        carryingStructure: { name: 'Centre social de l’Épeule', kind: 'social_centre' },
        venues: [{ name: 'La cuisine partagée', kind: 'shared_kitchen', address: '5 place de la Liberté, Roubaix' }],
        activityPoles: ['cuisine', 'conciergerie'],
      },
    });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ carryingStructure: { kind: 'social_centre' }, activityPoles: ['cuisine', 'conciergerie'] });
    expect(profile.body.venues).toHaveLength(1);
  });
});
