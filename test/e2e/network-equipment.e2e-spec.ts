import { addDays } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { aMemberFile, COORDINATOR_PASSWORD, Platform, registerMember, RegionSite, setUpRegion, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A site the network admin creates, with a coordinator logged in. */
async function aSite(platform: Platform, admin: string, hostStructureId: string, code: string, status: 'active' | 'in_reflection'): Promise<RegionSite> {
  const created = await platform.http('POST', '/v1/sites', { token: admin, body: { name: `KPA ${code}`, code, city: 'Bailleul', status, hostStructureId } });
  expect(created.status).toBe(201);
  const coordinatorEmail = `coordination@${code.toLowerCase()}.kpa.local`;
  await platform.http('POST', `/v1/sites/${created.body.id}/users`, {
    token: admin,
    body: { email: coordinatorEmail, displayName: `Coordination ${code}`, role: 'coordinator', password: COORDINATOR_PASSWORD },
  });
  return { id: created.body.id, code, coordinatorEmail, coordinator: (await platform.login(coordinatorEmail, COORDINATOR_PASSWORD)).accessToken };
}

/**
 * Shared equipment and launches over HTTP: La Cape (A) lends its kitchen, Moulins (B) reserves
 * it, Illicoop (C) asks for an overlapping range and gets 409 with the range it hit; A accepts,
 * checks out and takes it back: the loan's hours are in the reciprocity ledger, given by A to B.
 * C can neither accept nor see A's reservations. A new KPA in reflection (Bailleul) follows its
 * launch path: its first member joining completes a step by itself; A, named mentor by the
 * network admin, logs an accompaniment session the new KPA confirms, into the ledger too.
 */
describe('shared equipment and launches over HTTP', () => {
  const platform = usePlatform('e2e_network_equipment');
  let admin: string;
  let a: RegionSite;
  let b: RegionSite;
  let c: RegionSite;
  let fresh: RegionSite;
  let kitchenId: string;
  let reservationId: string;
  const day = today();
  // Tomorrow-ish, on the hour, as UTC instants: 08:00–12:00 for B, 10:00–14:00 for C.
  const base = new Date(Math.ceil((Date.now() + 36 * 3_600_000) / 3_600_000) * 3_600_000);
  const at = (hours: number) => new Date(base.getTime() + hours * 3_600_000).toISOString();

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    admin = region.admin;
    ({ a, b } = region.sites);
    c = await aSite(platform, admin, region.hostStructureId, 'ILLICOOP', 'active');
    fresh = await aSite(platform, admin, region.hostStructureId, 'BAILLEUL', 'in_reflection');
  });

  it('A lends its kitchen, valued 4 hours per half-day; every site finds it by a word of it', async () => {
    const created = await platform.http('POST', `/v1/sites/${a.id}/equipment`, {
      token: a.coordinator,
      body: {
        name: 'Cuisine partagée',
        description: 'Cuisine professionnelle, piano 6 feux, chambre froide',
        prerequisite: 'formation hygiène alimentaire (HACCP)',
        deposit: '300',
        maxDurationHours: 48,
        value: { hours: '4', per: 'half_day' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ siteId: a.id, deposit: '300.00', value: { hours: '4.00', per: 'half_day' }, status: 'available' });
    kitchenId = created.body.id;
    const found = await platform.http('GET', '/v1/network/equipment?q=CUISINE%20partagee%20piano', { token: c.coordinator });
    expect(found.status).toBe(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toContain(kitchenId);
    const bad = await platform.http('POST', `/v1/sites/${a.id}/equipment`, { token: a.coordinator, body: { name: 'Van', description: 'x', value: { hours: '0', per: 'week' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('B reserves; C’s overlapping request gets 409 with the range it hit; C can neither accept nor see it', async () => {
    const reserved = await platform.http('POST', `/v1/sites/${b.id}/equipment-reservations`, {
      token: b.coordinator,
      body: { equipmentId: kitchenId, startsAt: at(0), endsAt: at(4), note: 'Repas de quartier' },
    });
    expect(reserved.status).toBe(201);
    expect(reserved.body).toMatchObject({ status: 'requested', ownerSiteId: a.id, borrowerSiteId: b.id, hours: '4.00' });
    reservationId = reserved.body.id;

    const overlapping = await platform.http('POST', `/v1/sites/${c.id}/equipment-reservations`, {
      token: c.coordinator,
      body: { equipmentId: kitchenId, startsAt: at(2), endsAt: at(6) },
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.code).toBe('RESERVATION_OVERLAP');
    expect(overlapping.body.details.conflictingRange).toEqual({ startsAt: at(0), endsAt: at(4) });

    const own = await platform.http('POST', `/v1/sites/${a.id}/equipment-reservations`, {
      token: a.coordinator,
      body: { equipmentId: kitchenId, startsAt: at(10), endsAt: at(12) },
    });
    expect([own.status, own.body.code]).toEqual([422, 'RESERVATION_OWN_EQUIPMENT']);

    const viaOwnSite = await platform.http('POST', `/v1/sites/${c.id}/equipment-reservations/${reservationId}/accept`, { token: c.coordinator });
    expect([viaOwnSite.status, viaOwnSite.body.code]).toEqual([404, 'RESERVATION_NOT_FOUND']);
    const viaA = await platform.http('POST', `/v1/sites/${a.id}/equipment-reservations/${reservationId}/accept`, { token: c.coordinator });
    expect([viaA.status, viaA.body.code]).toEqual([404, 'SITE_NOT_FOUND']);
    const byBorrower = await platform.http('POST', `/v1/sites/${b.id}/equipment-reservations/${reservationId}/accept`, { token: b.coordinator });
    expect([byBorrower.status, byBorrower.body.code]).toEqual([403, 'FORBIDDEN']);
    const listC = await platform.http('GET', `/v1/sites/${c.id}/equipment-reservations`, { token: c.coordinator });
    expect(listC.body.items).toEqual([]);
  });

  it('A accepts, checks out and takes the kitchen back: 4 hours given by A to B in the ledger', async () => {
    const path = (action: string) => `/v1/sites/${a.id}/equipment-reservations/${reservationId}/${action}`;
    expect((await platform.http('POST', path('accept'), { token: a.coordinator })).body.status).toBe('accepted');
    const early = await platform.http('POST', path('return'), { token: a.coordinator, body: { condition: 'Propre' } });
    expect([early.status, early.body.code]).toEqual([409, 'RESERVATION_TRANSITION_REFUSED']);
    const noCondition = await platform.http('POST', path('check-out'), { token: a.coordinator, body: {} });
    expect(noCondition.status).toBe(400);
    expect((await platform.http('POST', path('check-out'), { token: a.coordinator, body: { condition: 'Propre, complet' } })).body.status).toBe('checked_out');
    const returned = await platform.http('POST', path('return'), { token: a.coordinator, body: { condition: 'Propre, un bac gastro fêlé' } });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', checkOutCondition: 'Propre, complet', returnCondition: 'Propre, un bac gastro fêlé' });
    const movements = await platform.query(
      `SELECT id, giver_site_id, receiver_site_id, hours::text AS hours FROM networking.reciprocity_movement WHERE kind = 'equipment_loan' AND source_id = $1`,
      [reservationId],
    );
    expect(movements).toEqual([{ id: returned.body.movementId, giver_site_id: a.id, receiver_site_id: b.id, hours: '4.00' }]);
    const listB = await platform.http('GET', `/v1/sites/${b.id}/equipment-reservations?side=borrower`, { token: b.coordinator });
    expect(listB.body.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[reservationId, 'returned']]);
  });

  it('a new KPA’s launch path progresses from its first member joining, then by hand; everyone in the region sees it', async () => {
    const launchOf = async (token: string) => {
      const list = await platform.http('GET', '/v1/network/launches', { token });
      expect(list.status).toBe(200);
      return list.body.items.find((launch: { siteId: string }) => launch.siteId === fresh.id);
    };
    await eventually(async () => (await launchOf(c.coordinator)) !== undefined, { what: 'the new KPA on a launch path' });
    expect((await launchOf(c.coordinator)).stage).toBe('carrying_structure_found');
    expect((await launchOf(c.coordinator)).steps).toHaveLength(8);

    await registerMember(platform, fresh, aMemberFile('Nadia', 'Kaci', '1990-03-01', addDays(day, -1)));
    await eventually(async () => (await launchOf(b.coordinator)).steps.find((s: { step: string }) => s.step === 'first_members').completedOn !== null, {
      what: 'first_members completed from membership.member.joined',
    });
    expect((await launchOf(b.coordinator)).steps.find((s: { step: string }) => s.step === 'first_members')).toEqual({
      step: 'first_members',
      completedOn: addDays(day, -1),
      source: 'event',
    });

    const step = (token: string, body: unknown, siteId = fresh.id) => platform.http('POST', `/v1/sites/${siteId}/launch/steps`, { token, body });
    const done = await step(fresh.coordinator, { step: 'carrying_structure_found', on: addDays(day, -20) });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ stage: 'host_structure_agreed', completedSteps: 2 });
    const again = await step(fresh.coordinator, { step: 'carrying_structure_found' });
    expect([again.status, again.body.code]).toEqual([409, 'LAUNCH_STEP_ALREADY_COMPLETED']);
    expect((await step(fresh.coordinator, { step: 'venue_found', on: addDays(day, 3) })).body.code).toBe('LAUNCH_STEP_DATE_INVALID');
    expect((await step(c.coordinator, { step: 'venue_found' })).status).toBe(404);
    expect((await step(c.coordinator, { step: 'venue_found' }, c.id)).body.code).toBe('LAUNCH_NOT_FOUND');
    expect((await step(admin, { step: 'host_structure_agreed' })).body.stage).toBe('venue_found');
    await eventually(async () => (await platform.query('SELECT launch_stage FROM networking.directory_site WHERE id = $1', [fresh.id]))[0]?.launch_stage === 'venue_found', {
      what: 'the stage in the directory',
    });
  });

  it('A, named mentor by the network admin, logs a session the new KPA confirms: its hours enter the ledger', async () => {
    const mentor = (token: string, mentorSiteId: string | null) => platform.http('PUT', `/v1/sites/${fresh.id}/launch/mentor`, { token, body: { mentorSiteId } });
    expect((await mentor(a.coordinator, a.id)).status).toBe(403);
    expect((await mentor(admin, fresh.id)).body.code).toBe('MENTOR_NOT_ESTABLISHED');
    const named = await mentor(admin, a.id);
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ mentorSiteId: a.id, mentorName: 'LACAPE' });

    const session = { menteeSiteId: fresh.id, on: day, hours: '3.5', topic: 'Monter le premier devis traiteur' };
    const byC = await platform.http('POST', `/v1/sites/${c.id}/accompaniment-sessions`, { token: c.coordinator, body: session });
    expect([byC.status, byC.body.code]).toEqual([422, 'ACCOMPANIMENT_NOT_MENTOR']);
    const logged = await platform.http('POST', `/v1/sites/${a.id}/accompaniment-sessions`, { token: a.coordinator, body: session });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ mentorSiteId: a.id, menteeSiteId: fresh.id, hours: '3.50', status: 'logged' });

    const confirm = (site: RegionSite) => platform.http('POST', `/v1/sites/${site.id}/accompaniment-sessions/${logged.body.id}/confirm`, { token: site.coordinator });
    expect((await confirm(a)).body.code).toBe('FORBIDDEN');
    expect((await confirm(c)).body.code).toBe('ACCOMPANIMENT_NOT_FOUND');
    const confirmed = await confirm(fresh);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await confirm(fresh)).body.code).toBe('ACCOMPANIMENT_ALREADY_CONFIRMED');
    const movements = await platform.query(
      `SELECT id, giver_site_id, receiver_site_id, hours::text AS hours FROM networking.reciprocity_movement WHERE kind = 'accompaniment' AND source_id = $1`,
      [logged.body.id],
    );
    expect(movements).toEqual([{ id: confirmed.body.movementId, giver_site_id: a.id, receiver_site_id: fresh.id, hours: '3.50' }]);
    const listed = await platform.http('GET', `/v1/sites/${fresh.id}/accompaniment-sessions`, { token: fresh.coordinator });
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([logged.body.id]);
  });
});
