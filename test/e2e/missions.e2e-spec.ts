import { addDays } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { aMemberFile, Platform, registerMember, setUpRegion, siteUserToken, untilCommerceKnows, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Commerce learns members from membership's events: waits until it knows these. */
async function untilCommerceKnowsMembers(platform: Platform, memberIds: string[]): Promise<void> {
  await eventually(async () => (await platform.query('SELECT 1 FROM commerce.known_member WHERE id = ANY($1)', [memberIds])).length === memberIds.length, {
    what: 'the members known by commerce',
  });
}

/**
 * Missions over HTTP: a coordinator plans a self-financed mission (the shared canteen), members
 * sign themselves up (one withdraws), the coordinator confirms the team and records the hours:
 * `commerce.mission.completed` is in commerce's outbox. A minor is never booked more than 8 hours
 * a day, over several missions of the same day too; roles and tenancy.
 */
describe('missions over HTTP', () => {
  const platform = usePlatform('e2e_missions');
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const day = today();
  const missions = () => `/v1/sites/${site.a.id}/missions`;
  const canteen = {
    title: 'Cantine partagée du midi',
    activityPole: 'restauration',
    startsOn: day,
    endsOn: day,
    place: 'Cuisine partagée, 12 rue de l’Épeule, Roubaix',
    peopleNeeded: 3,
  };

  const person = (firstName: string, lastName: string, birthDate: string) => aMemberFile(firstName, lastName, birthDate, addDays(day, -30), { situation: 'student' });

  async function register(key: string, file: Record<string, unknown>): Promise<void> {
    ids[key] = await registerMember(platform, site.a, file);
  }

  async function giveAccount(key: string): Promise<void> {
    const email = `${key}@lacape.kpa.local`;
    const account = await platform.http('POST', `/v1/sites/${site.a.id}/members/${ids[key]}/account`, {
      token: site.a.coordinator,
      body: { email, password: 'mon parcours à la cape' },
    });
    expect(account.status).toBe(201);
    tokens[key] = (await platform.login(email, 'mon parcours à la cape')).accessToken;
  }

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    Object.assign(site, region.sites);
    tokens.accountant = await siteUserToken(platform, site.a, 'accountant');
    await untilCommerceKnows(platform, [site.a.id, site.b.id]);
    // Inès is 16 (17 × 365 days old, a few days short of 17): a minor for a year yet, with her mother's consent.
    const minorBirth = addDays(day, -17 * 365);
    await register('ines', { ...person('Inès', 'Benali', minorBirth), guardian: { name: 'Nadia Benali', relationship: 'mère', consentedOn: addDays(day, -30) } });
    await register('karim', person('Karim', 'Haddad', '2001-02-03'));
    await register('lina', person('Lina', 'Moreau', '1990-07-14'));
    await giveAccount('karim');
    await giveAccount('lina');
    await untilCommerceKnowsMembers(platform, [ids.ines, ids.karim, ids.lina]);
  });

  it('a coordinator plans a self-financed mission: no client, planned, one day', async () => {
    const created = await platform.http('POST', missions(), { token: site.a.coordinator, body: canteen });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...canteen,
      siteId: site.a.id,
      clientId: null,
      quoteId: null,
      description: null,
      status: 'planned',
      days: 1,
      signUps: [],
      team: [],
      participants: [],
      totalHours: '0.00',
      completedOn: null,
    });
    ids.canteen = created.body.id;

    const noPole = await platform.http('POST', missions(), { token: site.a.coordinator, body: { ...canteen, activityPole: undefined } });
    expect(noPole.status).toBe(400);
    const backwards = await platform.http('POST', missions(), { token: site.a.coordinator, body: { ...canteen, endsOn: addDays(day, -1) } });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'endsOn' } });
    expect((await platform.http('POST', missions(), { token: tokens.karim, body: canteen })).status).toBe(403);
  });

  it('members sign themselves up (twice changes nothing), one withdraws, a coordinator signs up the minor', async () => {
    const signUps = `${missions()}/${ids.canteen}/sign-ups`;
    const karim = await platform.http('POST', signUps, { token: tokens.karim, body: {} });
    expect(karim.status).toBe(200);
    expect(karim.body.signUps).toEqual([{ memberId: ids.karim, name: 'Karim Haddad', signedUpAt: expect.any(String) }]);
    const again = await platform.http('POST', signUps, { token: tokens.karim, body: { memberId: ids.karim } });
    expect(again.status).toBe(200);
    expect(again.body.signUps).toEqual(karim.body.signUps);

    const forSomeoneElse = await platform.http('POST', signUps, { token: tokens.karim, body: { memberId: ids.lina } });
    expect(forSomeoneElse.status).toBe(403);
    const lina = await platform.http('POST', signUps, { token: tokens.lina });
    expect(lina.body.signUps.map((s: any) => s.memberId)).toEqual([ids.karim, ids.lina]);
    expect((await platform.http('DELETE', `${signUps}/${ids.lina}`, { token: tokens.karim })).status).toBe(403);
    const withdrawn = await platform.http('DELETE', `${signUps}/${ids.lina}`, { token: tokens.lina });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.signUps.map((s: any) => s.memberId)).toEqual([ids.karim]);

    const noMember = await platform.http('POST', signUps, { token: site.a.coordinator, body: {} });
    expect(noMember.status).toBe(400);
    const ines = await platform.http('POST', signUps, { token: site.a.coordinator, body: { memberId: ids.ines } });
    expect(ines.status).toBe(200);
    expect(ines.body.signUps.map((s: any) => s.name)).toEqual(['Karim Haddad', 'Inès Benali']);
    const unknown = await platform.http('POST', signUps, { token: site.a.coordinator, body: { memberId: '0190a0b0-0000-7000-8000-000000000009' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('MEMBER_NOT_FOUND');

    const patched = await platform.http('PATCH', `${missions()}/${ids.canteen}`, { token: site.a.coordinator, body: { peopleNeeded: 2, description: 'Menu : couscous' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ peopleNeeded: 2, description: 'Menu : couscous', title: canteen.title });
  });

  it('the coordinator confirms the team; then members can no longer sign up or withdraw (409 MISSION_NOT_OPEN)', async () => {
    const path = `${missions()}/${ids.canteen}`;
    expect((await platform.http('POST', `${path}/confirm-team`, { token: tokens.karim, body: {} })).status).toBe(403);
    const stranger = await platform.http('POST', `${path}/confirm-team`, { token: site.a.coordinator, body: { memberIds: [ids.karim, ids.lina] } });
    expect(stranger.status).toBe(422);
    expect(stranger.body).toMatchObject({ code: 'MISSION_MEMBER_NOT_SIGNED_UP', details: { memberId: ids.lina } });
    const early = await platform.http('POST', `${path}/complete`, { token: site.a.coordinator, body: { participants: [{ memberId: ids.karim, hours: '1' }] } });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'MISSION_TRANSITION_REFUSED', details: { status: 'planned', allowed: ['confirm_team', 'cancel'] } });

    const confirmed = await platform.http('POST', `${path}/confirm-team`, { token: site.a.coordinator, body: { memberIds: [ids.karim, ids.ines] } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'team_confirmed', teamConfirmedOn: day });
    expect(confirmed.body.team.map((s: any) => s.memberId)).toEqual([ids.karim, ids.ines]);

    const late = await platform.http('POST', `${path}/sign-ups`, { token: tokens.lina });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('MISSION_NOT_OPEN');
    const leave = await platform.http('DELETE', `${path}/sign-ups/${ids.karim}`, { token: tokens.karim });
    expect(leave.status).toBe(409);
    expect(leave.body.code).toBe('MISSION_NOT_OPEN');
    expect((await platform.http('PATCH', path, { token: site.a.coordinator, body: { peopleNeeded: 4 } })).body.code).toBe('MISSION_NOT_OPEN');
  });

  it('a member cannot complete (403); the minor with 9 h on a one-day mission is refused (422 MINOR_DAILY_HOURS_EXCEEDED)', async () => {
    const complete = `${missions()}/${ids.canteen}/complete`;
    expect((await platform.http('POST', complete, { token: tokens.karim, body: { participants: [{ memberId: ids.karim, hours: '7.5' }] } })).status).toBe(403);
    const tooLong = await platform.http('POST', complete, {
      token: site.a.coordinator,
      body: {
        participants: [
          { memberId: ids.karim, hours: '9' },
          { memberId: ids.ines, hours: '9' },
        ],
      },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.code).toBe('MINOR_DAILY_HOURS_EXCEEDED');
    expect(tooLong.body.message).toContain('Inès Benali');
    expect(tooLong.body.message).toContain('8.00 h');
    expect(tooLong.body.details).toMatchObject({ memberId: ids.ines, limit: '8.00', hours: '9.00', day, field: 'participants[1].hours' });
    const floaty = await platform.http('POST', complete, { token: site.a.coordinator, body: { participants: [{ memberId: ids.karim, hours: '7.555' }] } });
    expect(floaty.status).toBe(400);
    expect((await platform.http('GET', `${missions()}/${ids.canteen}`, { token: site.a.coordinator })).body.status).toBe('team_confirmed');
  });

  it('completion records the hours (Lina replaced someone) and publishes commerce.mission.completed with ids and hours only', async () => {
    const completed = await platform.http('POST', `${missions()}/${ids.canteen}/complete`, {
      token: site.a.coordinator,
      body: {
        participants: [
          { memberId: ids.karim, hours: '7.5' },
          { memberId: ids.ines, hours: '6' },
          { memberId: ids.lina, hours: '2.25' },
        ],
      },
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed', completedOn: day, totalHours: '15.75' });
    expect(completed.body.participants).toEqual([
      { memberId: ids.ines, name: 'Inès Benali', hours: '6.00' },
      { memberId: ids.karim, name: 'Karim Haddad', hours: '7.50' },
      { memberId: ids.lina, name: 'Lina Moreau', hours: '2.25' },
    ]);
    const twice = await platform.http('POST', `${missions()}/${ids.canteen}/complete`, {
      token: site.a.coordinator,
      body: { participants: [{ memberId: ids.karim, hours: '1' }] },
    });
    expect(twice.status).toBe(409);

    const rows = await platform.query<{ envelope: any }>("SELECT envelope FROM commerce.outbox WHERE envelope->>'type' = 'commerce.mission.completed'");
    expect(rows).toHaveLength(1);
    const event = rows[0].envelope;
    expect(event).toMatchObject({ type: 'commerce.mission.completed', version: 1, siteId: site.a.id });
    expect(event.data).toEqual({
      missionId: ids.canteen,
      title: canteen.title,
      activityPole: 'restauration',
      clientId: null,
      quoteId: null,
      startsOn: day,
      endsOn: day,
      completedOn: day,
      participants: [
        { memberId: ids.karim, hours: '7.50' },
        { memberId: ids.ines, hours: '6.00' },
        { memberId: ids.lina, hours: '2.25' },
      ],
    });
    expect(JSON.stringify(event)).not.toContain('Benali');
  });

  it("a minor's hours on the other missions of the same day count: 6 h + 3 h is refused, 6 h + 2 h passes", async () => {
    const second = await platform.http('POST', missions(), { token: site.a.coordinator, body: { ...canteen, title: 'Goûter du quartier', activityPole: 'restauration' } });
    const path = `${missions()}/${second.body.id}`;
    await platform.http('POST', `${path}/sign-ups`, { token: site.a.coordinator, body: { memberId: ids.ines } });
    const confirmed = await platform.http('POST', `${path}/confirm-team`, { token: site.a.coordinator, body: {} });
    expect(confirmed.body.team.map((s: any) => s.memberId)).toEqual([ids.ines]);
    const three = await platform.http('POST', `${path}/complete`, { token: site.a.coordinator, body: { participants: [{ memberId: ids.ines, hours: '3' }] } });
    expect(three.status).toBe(422);
    expect(three.body.code).toBe('MINOR_DAILY_HOURS_EXCEEDED');
    expect(three.body.message).toContain('already has 6.00 h');
    expect(three.body.details).toMatchObject({ alreadyBooked: '6.00', limit: '8.00' });
    const two = await platform.http('POST', `${path}/complete`, { token: site.a.coordinator, body: { participants: [{ memberId: ids.ines, hours: '2' }] } });
    expect(two.status).toBe(200);
    expect(two.body.totalHours).toBe('2.00');
  });

  it('a mission for a client; not for a quote that is not accepted; cancelled with a reason', async () => {
    const client = await platform.http('POST', `/v1/sites/${site.a.id}/clients`, {
      token: site.a.coordinator,
      body: { kind: 'individual', name: 'Mme Durand', billingAddress: { line: '8 rue Jules Guesde', postalCode: '59100', city: 'Roubaix' } },
    });
    const later = addDays(day, 7);
    const sewing = await platform.http('POST', missions(), {
      token: site.a.coordinator,
      body: { ...canteen, title: 'Retouches', activityPole: 'couture', startsOn: later, endsOn: addDays(later, 2), clientId: client.body.id, peopleNeeded: 1 },
    });
    expect(sewing.status).toBe(201);
    expect(sewing.body).toMatchObject({ clientId: client.body.id, days: 3 });
    ids.sewing = sewing.body.id;

    const draft = await platform.http('POST', `/v1/sites/${site.a.id}/quotes`, {
      token: site.a.coordinator,
      body: { clientId: client.body.id, lines: [{ description: 'Ourlets', quantity: '2', unit: 'hour', unitPrice: '15', vatRate: '20' }], validUntil: addDays(day, 30) },
    });
    const fromDraft = await platform.http('POST', missions(), { token: site.a.coordinator, body: { ...canteen, quoteId: draft.body.id } });
    expect(fromDraft.status).toBe(409);
    expect(fromDraft.body).toMatchObject({ code: 'MISSION_QUOTE_NOT_ACCEPTED', details: { status: 'draft' } });

    const noReason = await platform.http('POST', `${missions()}/${ids.sewing}/cancel`, { token: site.a.coordinator, body: {} });
    expect(noReason.status).toBe(400);
    const cancelled = await platform.http('POST', `${missions()}/${ids.sewing}/cancel`, { token: site.a.coordinator, body: { reason: 'La cliente a reporté' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledOn: day, cancellationReason: 'La cliente a reporté' });
    const again = await platform.http('POST', `${missions()}/${ids.sewing}/cancel`, { token: site.a.coordinator, body: { reason: 'encore' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MISSION_TRANSITION_REFUSED');
  });

  it('lists by status and dates; every role of the site reads, an accountant changes nothing', async () => {
    const all = await platform.http('GET', missions(), { token: tokens.accountant });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(3);
    const completed = await platform.http('GET', `${missions()}?status=completed`, { token: tokens.karim });
    expect(completed.body.items.map((m: any) => m.title).sort()).toEqual(['Cantine partagée du midi', 'Goûter du quartier']);
    const upcoming = await platform.http('GET', `${missions()}?from=${addDays(day, 1)}`, { token: tokens.lina });
    expect(upcoming.body.items.map((m: any) => m.id)).toEqual([ids.sewing]);
    const past = await platform.http('GET', `${missions()}?to=${day}`, { token: tokens.lina });
    expect(past.body.items).toHaveLength(2);
    expect((await platform.http('GET', `${missions()}?status=done`, { token: tokens.karim })).status).toBe(400);
    expect((await platform.http('GET', `${missions()}?from=demain`, { token: tokens.karim })).status).toBe(400);
    expect((await platform.http('POST', missions(), { token: tokens.accountant, body: canteen })).status).toBe(403);
    expect((await platform.http('POST', `${missions()}/${ids.canteen}/sign-ups`, { token: tokens.accountant, body: {} })).status).toBe(403);
  });

  it("another site's coordinator gets 404 on the mission, and cannot sign up this site's members", async () => {
    for (const [method, path, body] of [
      ['GET', `${missions()}/${ids.canteen}`, undefined],
      ['GET', missions(), undefined],
      ['POST', `${missions()}/${ids.canteen}/cancel`, { reason: 'x' }],
      ['POST', `${missions()}/${ids.canteen}/complete`, { participants: [{ memberId: ids.karim, hours: '1' }] }],
    ] as const) {
      expect((await platform.http(method, path, { token: site.b.coordinator, body })).status).toBe(404);
    }
    const underB = await platform.http('GET', `/v1/sites/${site.b.id}/missions/${ids.canteen}`, { token: site.b.coordinator });
    expect(underB.status).toBe(404);
    expect(underB.body.code).toBe('MISSION_NOT_FOUND');
    const onB = await platform.http('POST', `/v1/sites/${site.b.id}/missions`, { token: site.b.coordinator, body: canteen });
    expect(onB.status).toBe(201);
    const foreign = await platform.http('POST', `/v1/sites/${site.b.id}/missions/${onB.body.id}/sign-ups`, { token: site.b.coordinator, body: { memberId: ids.karim } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('MEMBER_NOT_FOUND');
  });
});
