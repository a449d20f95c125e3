import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import fc from 'fast-check';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  DURABLE_CONSUMERS,
  EventDefinition,
  eventSubject,
  MEMBER_ERASED_V1,
  MEMBER_JOINED_V1,
  MEMBER_LEFT_V1,
  MEMBER_REJOINED_V1,
  MEMBER_UPDATED_V1,
  MemberChangedV1,
  NetworkViewer,
  SITE_CREATED_V1,
  SITE_UPDATED_V1,
  SiteChangedV1,
  SITES_PER_SKILL,
} from '@kpa/contracts';
import { createEvent, createLogger, eventStreamName, loadConfig, PlatformModule, ServiceConfig, todayInFrance } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, eventually, TestEnv } from '@kpa/testing';
import { NETWORKING_DATABASE, NetworkingRepositoriesModule } from './networking.module';
import { NetworkDirectorySubscription } from './directory/network-directory.subscription';
import { NetworkDirectoryRepository } from './directory/network-directory.repository';
import { NetworkDirectoryService } from './directory/network-directory.service';
import { haversineKm } from './directory/geo';
import { PoolMembersSubscription } from './members/pool-members.subscription';
import { SkillPoolService } from './skills/skill-pool.service';
import { listedFor } from './skills/pool-visibility';
import { NetworkStatsRepository } from './stats/network-stats.repository';

/**
 * Networking's directory and skill pools against real Postgres and NATS JetStream: membership's
 * events consumed by the real durable consumers (twice changes nothing, late versions change
 * nothing, an erasure removes at once), and the SQL of the searches held to the pure rules
 * (pool-visibility's listedFor, geo's haversine).
 */
describe('networking directory and skill pools', () => {
  let env: TestEnv;
  let app: INestApplicationContext;
  let db: DataSource;
  let nc: NatsConnection;
  let published = 0;
  const hostStructureId = randomUUID();

  function moduleFor(config: ServiceConfig): DynamicModule {
    @Module({})
    class NetworkingTestModule {}
    return {
      module: NetworkingTestModule,
      imports: [
        PlatformModule.forService({
          service: 'networking',
          config,
          logger: createLogger('networking', 'silent'),
          database: NETWORKING_DATABASE,
          subscriptions: [NetworkDirectorySubscription, PoolMembersSubscription],
        }),
        NetworkingRepositoriesModule,
      ],
      providers: [NetworkDirectoryService, SkillPoolService],
    };
  }

  async function deliver(envelope: { type: string; version: number }, durable: string): Promise<void> {
    const js = jetstream(nc);
    const ack = await js.publish(`${env.namespace}.${eventSubject(envelope)}`, JSON.stringify(envelope), { msgID: `delivery-${++published}` });
    const jsm = await jetstreamManager(nc);
    await eventually(
      async () => {
        const info = await jsm.consumers.info(eventStreamName(env.namespace), durable);
        return info.delivered.stream_seq >= ack.seq && info.num_ack_pending === 0;
      },
      { what: `${durable} to handle and acknowledge ${envelope.type}` },
    );
  }

  function event<T>(definition: EventDefinition<T>, data: T, site: string | null, at = new Date()) {
    return createEvent(definition, site, data, at);
  }

  function siteData(id: string, over: Partial<SiteChangedV1> = {}): SiteChangedV1 {
    return {
      id,
      name: `Site ${id.slice(0, 4)}`,
      code: `S${id.slice(0, 6).toUpperCase()}`,
      city: 'Lille',
      status: 'in_reflection',
      hostStructureId,
      addressLine: null,
      postalCode: null,
      carryingStructure: null,
      venues: [],
      activityPoles: [],
      updatedAt: new Date().toISOString(),
      ...over,
    };
  }

  function memberData(memberId: string, over: Partial<MemberChangedV1> = {}): MemberChangedV1 {
    return { memberId, firstName: 'Ines', lastName: 'Benali', joinedOn: '2026-01-05', leftOn: null, active: true, adultOn: null, updatedAt: new Date().toISOString(), ...over };
  }

  async function addSite(id: string, over: Partial<SiteChangedV1> = {}): Promise<void> {
    await deliver(event(SITE_CREATED_V1, siteData(id, over), id), DURABLE_CONSUMERS.networkingSiteDirectory);
  }

  async function addMember(siteId: string, data: MemberChangedV1): Promise<void> {
    await deliver(event(MEMBER_JOINED_V1, data, siteId), DURABLE_CONSUMERS.networkingMemberDirectory);
  }

  beforeAll(async () => {
    env = await createTestEnv('networking_directory');
    const config = loadConfig(ServiceConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    app = await NestFactory.createApplicationContext(moduleFor(config), { logger: false, abortOnError: false });
    await app.init();
    db = app.get(DataSource);
    nc = await connect({ servers: env.natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    if (env) await destroyTestEnv(env);
  });

  it('keeps every status change of a site with its date; twice or late, an event changes nothing', async () => {
    const id = randomUUID();
    const created = event(SITE_CREATED_V1, siteData(id, { updatedAt: '2026-01-10T09:00:00.000Z' }), id);
    await deliver(created, DURABLE_CONSUMERS.networkingSiteDirectory);
    await deliver(created, DURABLE_CONSUMERS.networkingSiteDirectory);
    await deliver(event(SITE_UPDATED_V1, siteData(id, { status: 'active', updatedAt: '2026-06-01T09:00:00.000Z' }), id), DURABLE_CONSUMERS.networkingSiteDirectory);
    // An older version arriving late.
    await deliver(event(SITE_UPDATED_V1, siteData(id, { status: 'closed', updatedAt: '2026-03-01T09:00:00.000Z' }), id), DURABLE_CONSUMERS.networkingSiteDirectory);

    const directory = app.get(NetworkDirectoryRepository);
    expect((await directory.site(id))?.status).toBe('active');
    expect(await directory.history(id)).toEqual([
      { kind: 'status', value: 'in_reflection', changedAt: '2026-01-10T09:00:00.000Z' },
      { kind: 'status', value: 'active', changedAt: '2026-06-01T09:00:00.000Z' },
    ]);

    // The launches feature sets the stage through the repository; the change is dated too.
    await db.transaction((manager) => directory.setLaunchStage(manager, id, 'venue_found', new Date('2026-07-01T00:00:00.000Z')));
    await db.transaction((manager) => directory.setLaunchStage(manager, id, 'venue_found', new Date('2026-07-02T00:00:00.000Z')));
    expect((await directory.site(id))?.launchStage).toBe('venue_found');
    expect((await directory.history(id)).filter((change) => change.kind === 'launch_stage')).toEqual([
      { kind: 'launch_stage', value: 'venue_found', changedAt: '2026-07-01T00:00:00.000Z' },
    ]);
  });

  it('keeps only first name and initial of a member; an erasure removes them from the pool at once and for good', async () => {
    const siteId = randomUUID();
    const memberId = randomUUID();
    await addSite(siteId, { status: 'active' });
    const joined = event(MEMBER_JOINED_V1, memberData(memberId, { updatedAt: '2026-02-01T00:00:00.000Z' }), siteId);
    await deliver(joined, DURABLE_CONSUMERS.networkingMemberDirectory);
    await deliver(joined, DURABLE_CONSUMERS.networkingMemberDirectory);
    const columns = (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'networking' AND table_name = 'known_member'`)).map(
      (row: { column_name: string }) => row.column_name,
    );
    expect(columns).not.toContain('last_name');
    expect(await db.query('SELECT first_name, last_initial FROM networking.known_member WHERE id = $1', [memberId])).toEqual([{ first_name: 'Ines', last_initial: 'B.' }]);

    const pool = app.get(SkillPoolService);
    await pool.setMemberProfile({ siteId, memberId, profile: { visible: true, skills: [{ name: 'Retouches', level: 'expert' }], availability: 'available', note: null } });
    const viewer: NetworkViewer = { networkAdmin: false, siteIds: [randomUUID()] };
    expect((await pool.search({ viewer, skill: 'couture' })).skills[0].sites.find((site) => site.siteId === siteId)?.people).toEqual([
      { firstName: 'Ines', lastInitial: 'B.', level: 'expert', availability: 'available' },
    ]);

    // Leaving takes them out of the listings at once; coming back brings their consent back with them.
    const left = { ...memberData(memberId, { active: false, leftOn: '2026-02-10', updatedAt: '2026-02-10T00:00:00.000Z' }), outcome: 'employment' };
    await deliver(event(MEMBER_LEFT_V1, left, siteId), DURABLE_CONSUMERS.networkingMemberDirectory);
    expect((await pool.search({ viewer, skill: 'couture' })).skills.flatMap((group) => group.sites).filter((site) => site.siteId === siteId)).toEqual([]);
    await deliver(event(MEMBER_REJOINED_V1, memberData(memberId, { updatedAt: '2026-02-12T00:00:00.000Z' }), siteId), DURABLE_CONSUMERS.networkingMemberDirectory);
    expect((await pool.search({ viewer, skill: 'couture' })).skills[0].sites.filter((site) => site.siteId === siteId)).toHaveLength(1);

    await deliver(event(MEMBER_ERASED_V1, { memberId, erasedAt: '2026-03-01T00:00:00.000Z' }, siteId), DURABLE_CONSUMERS.networkingMemberDirectory);
    expect(await db.query('SELECT 1 FROM networking.pool_person WHERE member_id = $1', [memberId])).toEqual([]);
    // A version published before the erasure, arriving after it, brings nothing back.
    await deliver(event(MEMBER_UPDATED_V1, memberData(memberId, { updatedAt: '2026-02-15T00:00:00.000Z' }), siteId), DURABLE_CONSUMERS.networkingMemberDirectory);
    expect(await db.query('SELECT first_name, erased FROM networking.known_member WHERE id = $1', [memberId])).toEqual([{ first_name: 'Membre effacé', erased: true }]);
    expect((await pool.search({ viewer, skill: 'couture' })).skills.flatMap((group) => group.sites).filter((site) => site.siteId === siteId)).toEqual([]);
  });

  it('the search lists exactly whom listedFor lets the viewer see (consent, left, minors, team people)', async () => {
    const sites = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of sites) await addSite(id, { status: 'active' });
    const pool = app.get(SkillPoolService);
    const today = todayInFrance();
    const skill = `vannerie ${randomUUID().slice(0, 8)}`;
    const people = fc.sample(
      fc.record({
        site: fc.nat(2),
        kind: fc.constantFrom<'member' | 'team'>('member', 'team'),
        visible: fc.boolean(),
        active: fc.boolean(),
        minor: fc.boolean(),
        availability: fc.constantFrom<'available' | 'limited' | 'unavailable'>('available', 'limited', 'unavailable'),
      }),
      { numRuns: 40, seed: 20261204 },
    );
    const entries: Array<{ firstName: string; entry: Parameters<typeof listedFor>[0]; availability: string }> = [];
    for (const [index, person] of people.entries()) {
      const siteId = sites[person.site];
      const firstName = `P${index}`;
      if (person.kind === 'member') {
        const memberId = randomUUID();
        const adultOn = person.minor ? '2099-01-01' : null;
        await addMember(siteId, memberData(memberId, { firstName, active: person.active, adultOn }));
        await pool.setMemberProfile({
          siteId,
          memberId,
          profile: { visible: person.visible, skills: [{ name: skill, level: 'beginner' }], availability: person.availability, note: null },
        });
        entries.push({ firstName, availability: person.availability, entry: { siteId, kind: 'member', visible: person.visible, active: person.active, erased: false, adultOn } });
      } else {
        await pool.create({
          siteId,
          person: { firstName, lastName: 'Equipe', role: 'intervenant', skills: [{ name: skill, level: 'expert' }], availability: person.availability, note: null },
        });
        entries.push({ firstName, availability: person.availability, entry: { siteId, kind: 'team', visible: true, active: true, erased: false, adultOn: null } });
      }
    }
    const viewers: NetworkViewer[] = [
      { networkAdmin: false, siteIds: [sites[0]] },
      { networkAdmin: false, siteIds: [sites[1], sites[2]] },
      { networkAdmin: true, siteIds: [] },
    ];
    for (const viewer of viewers) {
      for (const available of [false, true]) {
        const result = await pool.search({ viewer, skill, available });
        const found = result.skills.flatMap((group) => group.sites.flatMap((site) => site.people.map((person) => person.firstName))).sort();
        const expected = entries
          .filter(({ entry, availability }) => listedFor(entry, viewer, today) && (!available || availability !== 'unavailable'))
          .map(({ firstName }) => firstName)
          .sort();
        expect(found).toEqual(expected);
        const counted = result.skills.reduce((sum, group) => sum + group.total, 0);
        expect(counted).toBe(expected.length);
      }
    }
  });

  it('a skill in more sites than are shown: the sites with the most people first (nearest first near a point), totals over all of them', async () => {
    const pool = app.get(SkillPoolService);
    const directory = app.get(NetworkDirectoryService);
    const skill = `rempaillage ${randomUUID().slice(0, 8)}`;
    const sites = Array.from({ length: SITES_PER_SKILL + 3 }, (_, i) => ({ id: randomUUID(), people: 1 + (i % 4), latitude: 50 + i / 100, longitude: 3 }));
    for (const site of sites) {
      await addSite(site.id, { status: 'active' });
      await directory.setProfile({
        siteId: site.id,
        updatedBy: 'test',
        profile: { presentation: 'x', poles: [], offers: [], contactEmail: null, latitude: site.latitude, longitude: site.longitude, openingHours: null, published: true },
      });
      for (let n = 0; n < site.people; n++) {
        await pool.create({
          siteId: site.id,
          person: { firstName: `R${n}`, lastName: 'Equipe', role: 'intervenant', skills: [{ name: skill, level: 'expert' }], availability: 'available', note: null },
        });
      }
    }
    const viewer: NetworkViewer = { networkAdmin: false, siteIds: [randomUUID()] };
    const total = sites.reduce((sum, site) => sum + site.people, 0);
    const byCount = [...sites].sort((a, b) => b.people - a.people || (a.id < b.id ? -1 : 1));

    const [group] = (await pool.search({ viewer, skill })).skills;
    expect({ total: group.total, siteCount: group.siteCount }).toEqual({ total, siteCount: sites.length });
    expect(group.sites.map((site) => [site.siteId, site.count])).toEqual(byCount.slice(0, SITES_PER_SKILL).map((site) => [site.id, site.people]));

    const near = (await pool.search({ viewer, skill, near: { latitude: 50, longitude: 3, km: 15 } })).skills[0];
    const within = sites.filter((site) => haversineKm({ latitude: 50, longitude: 3 }, site) <= 15);
    expect({ total: near.total, siteCount: near.siteCount }).toEqual({ total: within.reduce((sum, site) => sum + site.people, 0), siteCount: within.length });
    expect(near.sites.map((site) => site.siteId)).toEqual(within.slice(0, SITES_PER_SKILL).map((site) => site.id));

    // Every skill at once (the map of who can do what) counts the same, its names left out.
    const everySkill = (await pool.search({ viewer })).skills.find((candidate) => candidate.skill === group.skill);
    expect(everySkill && { total: everySkill.total, siteCount: everySkill.siteCount, sites: everySkill.sites.map((site) => site.siteId) }).toEqual({
      total,
      siteCount: sites.length,
      sites: byCount.slice(0, SITES_PER_SKILL).map((site) => site.id),
    });
    expect(everySkill?.sites.every((site) => site.people.length === 0)).toBe(true);
  });

  it('the directory near a point finds exactly the sites haversine puts within the radius, nearest first', async () => {
    const directory = app.get(NetworkDirectoryService);
    const centre = { latitude: 50.6292, longitude: 3.0573 };
    const points = fc.sample(fc.record({ latitude: fc.double({ min: 49.8, max: 51.4, noNaN: true }), longitude: fc.double({ min: 1.8, max: 4.3, noNaN: true }) }), {
      numRuns: 30,
      seed: 7,
    });
    const tag = `near${randomUUID().slice(0, 6)}`;
    const ids: string[] = [];
    for (const point of points) {
      const id = randomUUID();
      ids.push(id);
      await addSite(id, { status: 'active', name: `${tag} ${id.slice(0, 4)}` });
      await directory.setProfile({
        siteId: id,
        updatedBy: 'test',
        profile: { presentation: tag, poles: [], offers: [], contactEmail: null, latitude: point.latitude, longitude: point.longitude, openingHours: null, published: true },
      });
    }
    for (const km of [5, 25, 60]) {
      const page = await directory.list({ viewer: { networkAdmin: true, siteIds: [] }, q: tag, near: { ...centre, km }, limit: 100 });
      const expected = ids.filter((_, i) => haversineKm(centre, points[i]) <= km);
      expect(page.items.map((site) => site.siteId).sort()).toEqual(expected.sort());
      const distances = page.items.map((site) => site.distanceKm ?? -1);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
    }
    const stats = await app.get(NetworkStatsRepository).figures();
    expect(stats.sitesByStatus.active).toBeGreaterThanOrEqual(points.length);
  });
});
