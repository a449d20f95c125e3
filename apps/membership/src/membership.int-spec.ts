import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { addMonths, DomainError, eventSubject, MEMBER_ERASED_V1, MEMBER_JOINED_V1, MemberInput } from '@kpa/contracts';
import { createLogger, eventStreamName, loadConfig, RequestContext, todayInFrance } from '@kpa/platform';
import { createTestEnv, databaseAsOwner, destroyTestEnv, eventually, OwnerDatabase, TestEnv } from '@kpa/testing';
import { MembershipConfig } from './membership.config';
import { MembershipModule } from './membership.module';
import { HostStructuresService } from './host-structures/host-structures.service';
import { SitesService } from './sites/sites.service';
import { MembersService } from './members/members.service';
import { MemberPrivacyService } from './members/member-privacy.service';
import { CapeContractsService } from './cape-contracts/cape-contracts.service';

/**
 * Membership as it runs, against a real Postgres and NATS: the whole module with its outbox relay
 * publishing to JetStream. A registration writes the member and its event in one transaction and
 * the event reaches the stream; the CAPE rules hold against the database when two signatures race;
 * an erasure pseudonymises the file, the contracts' free text and the events still in the outbox.
 */
describe('membership in Postgres and NATS', () => {
  let env: TestEnv;
  let app: INestApplicationContext;
  let db: OwnerDatabase;
  let nc: NatsConnection;
  let siteId: string;
  const today = todayInFrance();

  const file = (firstName: string, lastName: string, more: Partial<MemberInput> = {}): MemberInput =>
    ({
      firstName,
      lastName,
      birthDate: '1995-04-12',
      gender: 'female',
      situation: 'job_seeker',
      referredBy: 'mission_locale',
      priorityNeighbourhood: true,
      address: { line: '12 rue de l’Épeule', postalCode: '59100', city: 'Roubaix' },
      skills: [],
      passions: [],
      joinedOn: today,
      ...more,
    }) as MemberInput;

  async function codeOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      return error instanceof DomainError ? error.code : String(error);
    }
    return 'resolved';
  }

  beforeAll(async () => {
    env = await createTestEnv('membership');
    const config = loadConfig(MembershipConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    app = await NestFactory.createApplicationContext(MembershipModule.register(config, createLogger('membership', 'silent')), { logger: false, abortOnError: false });
    await app.init();
    db = databaseAsOwner(env);
    nc = await connect({ servers: env.natsUrl });
    const host = await app.get(HostStructuresService).create({ kind: 'cae', legalName: 'CAE Grand Nord', siret: '12002701600357', vatNumber: 'FR85120027016', city: 'Lille' });
    siteId = (await app.get(SitesService).create({ name: 'La Cape', code: 'LACAPE', city: 'Roubaix', status: 'active', hostStructureId: host.id })).id;
  });

  afterAll(async () => {
    await nc?.close();
    await db?.close();
    await app?.close();
    if (env) await destroyTestEnv(env);
  });

  it('a registration writes the member and its event together, and the relay puts the event on the stream', () =>
    RequestContext.forSite(siteId, async () => {
      const members = app.get(MembersService);
      const created = await members.create({ siteId, member: file('Inès', 'Benali') });
      const [outbox] = await db.query(`SELECT envelope FROM membership.outbox WHERE envelope->>'type' = $1 AND envelope->'data'->>'memberId' = $2`, [
        MEMBER_JOINED_V1.type,
        created.id,
      ]);
      expect(outbox.envelope).toMatchObject({ siteId, data: { memberId: created.id, firstName: 'Inès', lastName: 'Benali', joinedOn: today, active: true, adultOn: null } });

      // Refused (no such site): neither the member nor an event.
      const before = await db.query('SELECT (SELECT count(*)::int FROM membership.member) AS members, (SELECT count(*)::int FROM membership.outbox) AS events');
      expect(await codeOf(members.create({ siteId: randomUUID(), member: file('Karim', 'Haddad') }))).toBe('SITE_NOT_FOUND');
      expect(await db.query('SELECT (SELECT count(*)::int FROM membership.member) AS members, (SELECT count(*)::int FROM membership.outbox) AS events')).toEqual(before);

      const jsm = await jetstreamManager(nc);
      const message = await eventually(
        async () =>
          (await jsm.streams.getMessage(eventStreamName(env.namespace), { last_by_subj: `${env.namespace}.${eventSubject(MEMBER_JOINED_V1)}` }).catch(() => null)) ?? undefined,
        { what: 'the joined event on the stream' },
      );
      expect(message.json<{ id: string; data: { memberId: string } }>()).toMatchObject({ id: outbox.envelope.id, data: { memberId: created.id } });
      expect(await db.query('SELECT published_at IS NOT NULL AS published FROM membership.outbox WHERE id = $1', [outbox.envelope.id])).toEqual([{ published: true }]);
    }));

  it('two CAPE contracts signed at once for one member: the member row lock lets one through, the other overlaps', () =>
    RequestContext.forSite(siteId, async () => {
      const member = await app.get(MembersService).create({ siteId, member: file('Lina', 'Moreau') });
      const contracts = app.get(CapeContractsService);
      const sign = () => contracts.sign({ siteId, memberId: member.id, startsOn: today, endsOn: addMonths(today, 6), activity: 'cuisine du monde' });
      const results = await Promise.allSettled([sign(), sign(), sign()]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as DomainError).code)).toEqual([
        'CAPE_ALREADY_ACTIVE',
        'CAPE_ALREADY_ACTIVE',
      ]);
      expect(await db.query('SELECT count(*)::int AS n FROM membership.cape_contract WHERE member_id = $1', [member.id])).toEqual([{ n: 1 }]);
      // Another site's member does not exist for this site.
      expect(await codeOf(contracts.sign({ siteId: randomUUID(), memberId: member.id, startsOn: today, endsOn: addMonths(today, 6), activity: 'cuisine du monde' }))).toBe(
        'MEMBER_NOT_FOUND',
      );
    }));

  it('an erasure pseudonymises the file, clears the contracts’ free text and rewrites the events still in the outbox', () =>
    RequestContext.forSite(siteId, async () => {
      const members = app.get(MembersService);
      const privacy = app.get(MemberPrivacyService);
      const member = await members.create({ siteId, member: file('Paul', 'Durand', { email: 'paul.durand@example.org' }) });
      const contract = await app.get(CapeContractsService).sign({ siteId, memberId: member.id, startsOn: today, endsOn: addMonths(today, 6), activity: 'couture' });
      expect(await codeOf(privacy.erase({ siteId, memberId: member.id }))).toBe('MEMBER_STILL_ACTIVE');
      await app.get(CapeContractsService).terminate({ siteId, contractId: contract.id, on: today, reason: 'Embauché chez M. Lefebvre' });
      await members.leave({ siteId, memberId: member.id, leftOn: today, outcome: 'employment' });

      const erasure = await privacy.erase({ siteId, memberId: member.id });
      expect(erasure).toMatchObject({ memberId: member.id, firstName: 'Membre effacé', contractsKept: 1 });
      expect(erasure.outboxEventsRewritten).toBeGreaterThanOrEqual(3);
      const [row] = await db.query('SELECT first_name, last_name, email, address FROM membership.member WHERE id = $1', [member.id]);
      expect(row).toEqual({ first_name: 'Membre effacé', last_name: erasure.lastName, email: null, address: null });
      expect(await db.query('SELECT termination_reason FROM membership.cape_contract WHERE id = $1', [contract.id])).toEqual([{ termination_reason: null }]);
      const outbox: { text: string }[] = await db.query(`SELECT envelope::text AS text FROM membership.outbox WHERE envelope->'data'->>'memberId' = $1`, [member.id]);
      expect(outbox.map((o) => o.text).join('\n')).not.toMatch(/Durand|Lefebvre/);
      expect(
        await db.query(`SELECT count(*)::int AS n FROM membership.outbox WHERE envelope->>'type' = $1 AND envelope->'data'->>'memberId' = $2`, [MEMBER_ERASED_V1.type, member.id]),
      ).toEqual([{ n: 1 }]);
      expect(await codeOf(members.update({ siteId, memberId: member.id, changes: { phone: '0600000000' } }))).toBe('MEMBER_ERASED');
    }));
});
