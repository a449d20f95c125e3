import { addDays, addMonths } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { aMemberFile, COORDINATOR_PASSWORD, Platform, registerMember, RegionSite, setUpRegion, usePlatform } from './platform';
import { today } from './generated-fixtures';

/**
 * Issue 12 §1–2 over HTTP: three sites find each other on the map and across the skill pool,
 * with consent respected (opt-in, revoked at once), minors never listed outside their site, an
 * unpublished profile invisible to other sites, and a public GeoJSON that is valid RFC 7946.
 */
describe('network directory, map and skill pools', () => {
  const platform = usePlatform('e2e_network_directory');
  let admin: string;
  let a: RegionSite;
  let b: RegionSite;
  let c: RegionSite;
  let karim: { memberId: string; token: string };
  let lea: { memberId: string; token: string };
  const day = today();

  const ROUBAIX = { latitude: 50.6942, longitude: 3.1746 };
  const MOULINS = { latitude: 50.6186, longitude: 3.0706 };
  const LA_ROCHELLE = { latitude: 46.1603, longitude: -1.1511 };

  async function thirdSite(platform: Platform, hostStructureId: string): Promise<RegionSite> {
    const created = await platform.http('POST', '/v1/sites', {
      token: admin,
      body: { name: 'Les Coopains à bord', code: 'COOPAINS', city: 'La Rochelle', status: 'in_reflection', hostStructureId },
    });
    const coordinatorEmail = 'coordination@coopains.kpa.local';
    await platform.http('POST', `/v1/sites/${created.body.id}/users`, {
      token: admin,
      body: { email: coordinatorEmail, displayName: 'Coordination COOPAINS', role: 'coordinator', password: COORDINATOR_PASSWORD },
    });
    return { id: created.body.id, code: 'COOPAINS', coordinatorEmail, coordinator: (await platform.login(coordinatorEmail, COORDINATOR_PASSWORD)).accessToken };
  }

  async function memberWithAccount(site: RegionSite, firstName: string, lastName: string, birthDate: string): Promise<{ memberId: string; token: string }> {
    const memberId = await registerMember(platform, site, aMemberFile(firstName, lastName, birthDate, addDays(day, -30)));
    const email = `${firstName.toLowerCase()}.${site.code.toLowerCase()}@network.kpa.local`;
    const account = await platform.http('POST', `/v1/sites/${site.id}/members/${memberId}/account`, { token: site.coordinator, body: { email, password: COORDINATOR_PASSWORD } });
    if (account.status !== 201) throw new Error(`account of ${firstName}: ${account.status} ${JSON.stringify(account.body)}`);
    return { memberId, token: (await platform.login(email, COORDINATOR_PASSWORD)).accessToken };
  }

  /** The member's consent, once networking knows the member (membership's event takes a moment). */
  async function optIn(member: { token: string }, body: Record<string, unknown>): Promise<void> {
    await eventually(async () => (await platform.http('PUT', '/v1/me/network-profile', { token: member.token, body })).status === 200, { what: 'the opt-in accepted' });
  }

  const peopleOf = async (token: string, skill: string) => {
    const result = await platform.http('GET', `/v1/network/skills?skill=${encodeURIComponent(skill)}`, { token });
    expect(result.status).toBe(200);
    return (
      result.body.skills as Array<{ skill: string; sites: Array<{ siteId: string; count: number; people: Array<{ firstName: string } & Record<string, unknown>> }> }>
    ).flatMap((group) => group.sites.flatMap((site) => site.people.map((person) => ({ ...person, siteId: site.siteId, skill: group.skill }))));
  };

  const profile = (over: Record<string, unknown>) => ({
    presentation: 'Coopérative de quartier',
    poles: [],
    offers: [],
    contactEmail: null,
    latitude: null,
    longitude: null,
    openingHours: null,
    published: true,
    ...over,
  });

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    admin = region.admin;
    ({ a, b } = region.sites);
    c = await thirdSite(platform, region.hostStructureId);
    await eventually(async () => (await platform.query('SELECT 1 FROM networking.directory_site WHERE id = ANY($1)', [[a.id, b.id, c.id]])).length === 3, {
      what: 'the three sites in the network directory',
    });
    karim = await memberWithAccount(b, 'Karim', 'Haddad', '1990-03-02');
    lea = await memberWithAccount(b, 'Léa', 'Martin', addMonths(day, -12 * 17 - 1));

    const put = (site: RegionSite, body: Record<string, unknown>) => platform.http('PUT', `/v1/sites/${site.id}/network-profile`, { token: site.coordinator, body });
    expect(
      (
        await put(
          a,
          profile({ presentation: 'Pas encore prêt', ...ROUBAIX, published: false, poles: [{ name: 'Couture', description: 'retouches' }], contactEmail: 'contact@lacape.fr' }),
        )
      ).status,
    ).toBe(200);
    const moulins = await put(
      b,
      profile({
        presentation: 'Tiers-lieu à Moulins, cuisine partagée et atelier couture',
        ...MOULINS,
        poles: [{ name: 'Couture', description: 'retouches et confection' }],
        offers: [{ kind: 'equipment', label: 'Cuisine partagée', description: 'à la demi-journée' }],
        contactEmail: 'contact@moulins.kpa.local',
        openingHours: 'du mardi au samedi',
      }),
    );
    expect(moulins.status).toBe(200);
    expect((await put(c, profile({ presentation: 'Un KPA en réflexion au bord de l’océan', ...LA_ROCHELLE, poles: [{ name: 'Jardinage', description: 'potager' }] }))).status).toBe(
      200,
    );
  });

  it('refuses a profile with bad coordinates, one coordinate alone, a too long presentation, and a member editing it', async () => {
    const put = (body: Record<string, unknown>, token = b.coordinator) => platform.http('PUT', `/v1/sites/${b.id}/network-profile`, { token, body });
    for (const body of [
      profile({ latitude: 91, longitude: 3 }),
      profile({ latitude: 50, longitude: -181 }),
      profile({ latitude: 50.6 }),
      profile({ presentation: 'x'.repeat(1001) }),
    ]) {
      const refused = await put(body);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await put(profile({}), karim.token)).status).toBe(403);
  });

  it("hides A's unpublished profile from C (404) and shows it to A and the network admin", async () => {
    const fromC = await platform.http('GET', `/v1/network/sites/${a.id}`, { token: c.coordinator });
    expect({ status: fromC.status, code: fromC.body.code }).toEqual({ status: 404, code: 'NETWORK_SITE_NOT_FOUND' });
    expect((await platform.http('GET', `/v1/network/sites/${a.id}`, { token: a.coordinator })).body).toMatchObject({ siteId: a.id, published: false });
    expect((await platform.http('GET', `/v1/network/sites/${a.id}`, { token: admin })).status).toBe(200);
    const published = await platform.http('GET', `/v1/network/sites/${b.id}`, { token: c.coordinator });
    expect(published.body).toMatchObject({ siteId: b.id, name: 'MOULINS', status: 'active', published: true, history: [{ kind: 'status', value: 'active' }] });

    const listedForC = await platform.http('GET', '/v1/network/sites', { token: c.coordinator });
    expect(listedForC.body.items.map((site: { siteId: string }) => site.siteId).sort()).toEqual([b.id, c.id].sort());
    const listedForA = await platform.http('GET', '/v1/network/sites', { token: a.coordinator });
    expect(listedForA.body.items.map((site: { siteId: string }) => site.siteId)).toContain(a.id);
  });

  it('filters the directory by status, pole, offer, words and distance', async () => {
    const ids = async (query: string, token = admin) => {
      const result = await platform.http('GET', `/v1/network/sites?${query}`, { token });
      expect(result.status).toBe(200);
      return (result.body.items as Array<{ siteId: string }>).map((site) => site.siteId).sort();
    };
    expect(await ids('status=in_reflection')).toEqual([c.id]);
    expect(await ids('pole=COUTURE')).toEqual([a.id, b.id].sort());
    expect(await ids('pole=couture', c.coordinator)).toEqual([b.id]);
    expect(await ids('offer=equipment')).toEqual([b.id]);
    expect(await ids('q=oc%C3%A9an')).toEqual([c.id]);
    // Moulins is 11 km from La Cape as the crow flies; La Rochelle about 590 km.
    expect(await ids(`near=${ROUBAIX.latitude},${ROUBAIX.longitude}&km=15`)).toEqual([a.id, b.id].sort());
    expect(await ids(`near=${ROUBAIX.latitude},${ROUBAIX.longitude}&km=15`, c.coordinator)).toEqual([b.id]);
    const near = await platform.http('GET', `/v1/network/sites?near=${ROUBAIX.latitude},${ROUBAIX.longitude}&km=1000`, { token: admin });
    expect(near.body.items.map((site: { siteId: string }) => site.siteId)).toEqual([a.id, b.id, c.id]);
    expect(near.body.items[1].distanceKm).toBeGreaterThan(10.9);
    expect(near.body.items[1].distanceKm).toBeLessThan(11.5);

    for (const bad of ['near=91,3&km=5', 'near=50.6&km=5', 'km=5', 'status=open', 'offer=money', 'km=0']) {
      const refused = await platform.http('GET', `/v1/network/sites?${bad}`, { token: admin });
      expect({ bad, status: refused.status, code: refused.body.code }).toEqual({ bad, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('serves the published sites as a valid RFC 7946 FeatureCollection, without login', async () => {
    const map = await platform.http('GET', '/public/network/sites.geojson');
    expect(map.status).toBe(200);
    expect(map.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const document = map.body as Record<string, any>;
    expect(Object.keys(document).sort()).toEqual(['features', 'type']);
    expect(document.type).toBe('FeatureCollection');
    expect(Array.isArray(document.features)).toBe(true);
    for (const feature of document.features) {
      expect(feature.type).toBe('Feature');
      expect(['string', 'number']).toContain(typeof feature.id);
      expect(feature.geometry.type).toBe('Point');
      const [longitude, latitude] = feature.geometry.coordinates;
      expect(feature.geometry.coordinates).toHaveLength(2);
      expect(longitude).toBeGreaterThanOrEqual(-180);
      expect(longitude).toBeLessThanOrEqual(180);
      expect(latitude).toBeGreaterThanOrEqual(-90);
      expect(latitude).toBeLessThanOrEqual(90);
      expect(typeof feature.properties).toBe('object');
      expect(Object.keys(feature.properties).sort()).toEqual(['city', 'contactEmail', 'launchStage', 'name', 'offers', 'openingHours', 'poles', 'presentation', 'status'].sort());
    }
    // Only the published ones, in [longitude, latitude] order.
    expect(document.features.map((feature: { id: string }) => feature.id).sort()).toEqual([b.id, c.id].sort());
    const moulins = document.features.find((feature: { id: string }) => feature.id === b.id);
    expect(moulins.geometry.coordinates).toEqual([MOULINS.longitude, MOULINS.latitude]);
  });

  it('lists a member of B who opted in to C, under any spelling of the skill, and drops them at once when they revoke', async () => {
    await optIn(karim, {
      visible: true,
      skills: [
        { name: 'Retouches', level: 'expert' },
        { name: 'Traiteur', level: 'beginner' },
      ],
      availability: 'available',
      note: 'le mardi',
    });
    for (const spelling of ['couture', 'COUTURE', 'retouches', 'Retouche']) {
      expect(await peopleOf(c.coordinator, spelling)).toEqual([
        { firstName: 'Karim', lastInitial: 'H.', level: 'expert', availability: 'available', siteId: b.id, skill: 'couture' },
      ]);
    }
    expect((await peopleOf(c.coordinator, 'cuisine')).map((person) => person.firstName)).toEqual(['Karim']);
    const own = await platform.http('GET', '/v1/me/network-profile', { token: karim.token });
    expect(own.body).toMatchObject({ siteId: b.id, memberId: karim.memberId, visible: true, note: 'le mardi' });

    const revoked = await platform.http('PUT', '/v1/me/network-profile', {
      token: karim.token,
      body: { visible: false, skills: [{ name: 'Retouches', level: 'expert' }], availability: 'available' },
    });
    expect(revoked.status).toBe(200);
    // At once: the very next search, no waiting.
    expect(await peopleOf(c.coordinator, 'couture')).toEqual([]);
    expect(await peopleOf(b.coordinator, 'couture')).toEqual([]);
  });

  it('never lists a minor outside their own site', async () => {
    await optIn(lea, { visible: true, skills: [{ name: 'Sérigraphie', level: 'intermediate' }], availability: 'limited' });
    expect((await peopleOf(b.coordinator, 'serigraphie')).map((person) => person.firstName)).toEqual(['Léa']);
    expect(await peopleOf(c.coordinator, 'serigraphie')).toEqual([]);
    expect(await peopleOf(a.coordinator, 'serigraphie')).toEqual([]);
    expect(await peopleOf(admin, 'serigraphie')).toEqual([]);
    const pool = await platform.http('GET', `/v1/sites/${b.id}/pool-people`, { token: b.coordinator });
    expect(pool.body.items.find((person: { memberId: string }) => person.memberId === lea.memberId)).toMatchObject({ minor: true, visible: true });
  });

  it("lets a coordinator add the team's intervenants, not change a member's own listing; available= filters", async () => {
    const added = await platform.http('POST', `/v1/sites/${c.id}/pool-people`, {
      token: c.coordinator,
      body: { firstName: 'Nadia', lastName: 'lefebvre', role: 'intervenant', skills: [{ name: 'Menuiserie', level: 'expert' }], availability: 'unavailable' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'team', firstName: 'Nadia', lastInitial: 'L.', role: 'intervenant' });
    expect((await peopleOf(a.coordinator, 'ébénisterie')).map((person) => person.firstName)).toEqual(['Nadia']);
    const available = await platform.http('GET', '/v1/network/skills?skill=menuiserie&available=true', { token: a.coordinator });
    expect(available.body.skills).toEqual([]);

    const karimEntry = (await platform.http('GET', `/v1/sites/${b.id}/pool-people`, { token: b.coordinator })).body.items.find(
      (person: { memberId: string }) => person.memberId === karim.memberId,
    );
    const refused = await platform.http('DELETE', `/v1/sites/${b.id}/pool-people/${karimEntry.id}`, { token: b.coordinator });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'POOL_PERSON_IS_MEMBER' });
    // Another site's person does not exist for B.
    const foreign = await platform.http('DELETE', `/v1/sites/${b.id}/pool-people/${added.body.id}`, { token: b.coordinator });
    expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 404, code: 'POOL_PERSON_NOT_FOUND' });
    expect((await platform.http('DELETE', `/v1/sites/${c.id}/pool-people/${added.body.id}`, { token: c.coordinator })).status).toBe(200);
    expect(await peopleOf(a.coordinator, 'menuiserie')).toEqual([]);
  });

  it("gives the network admin the network's figures, and no one else", async () => {
    const stats = await platform.http('GET', '/v1/network/stats', { token: admin });
    expect(stats.status).toBe(200);
    expect(stats.body.sitesByStatus).toEqual({ active: 2, in_reflection: 1 });
    await eventually(
      async () =>
        (await platform.http('GET', '/v1/network/stats', { token: admin })).body.activeMembers.find((site: { siteId: string }) => site.siteId === b.id)?.activeMembers === 2,
      { what: "B's two active members in the figures" },
    );
    expect((await platform.http('GET', '/v1/network/stats', { token: c.coordinator })).status).toBe(403);
  });
});
