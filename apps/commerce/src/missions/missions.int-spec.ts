import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, MissionActor, siteIdOf } from '@kpa/contracts';
import { dataSourceOptions, migrate, OutboxRelay, todayInFrance, UnitOfWork } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { COMMERCE_DATABASE } from '../commerce.module';
import { ClientRepository } from '../clients/client.repository';
import { KnownMemberRepository } from '../members/known-member.repository';
import { QuoteRepository } from '../quotes/quote.repository';
import { SellerRepository } from '../sellers/seller.repository';
import { MissionRepository } from './mission.repository';
import { MissionsService } from './missions.service';

/**
 * Missions against a real Postgres: the mission an accepted quote creates in the accepting
 * transaction, and a minor's 8 hours a day held when several one-day missions of the same day are
 * completed at once from two instances (two connection pools).
 *
 * The outbox rows are real; the relay that would publish them to NATS is not started here (its
 * own tests cover publishing): `kick` does nothing.
 */
describe('missions in Postgres', () => {
  let env: TestEnv;
  const instances: { dataSource: DataSource; missions: MissionsService }[] = [];
  const siteId = siteIdOf(randomUUID());
  const missionRepository = new MissionRepository();
  const clientId = randomUUID();
  const minorId = randomUUID();
  const actor: MissionActor = { userId: randomUUID(), role: 'coordinator' };
  const today = todayInFrance();
  const idle = { kick: () => undefined } as unknown as OutboxRelay;

  beforeAll(async () => {
    env = await createTestEnv('missions');
    for (let i = 0; i < 2; i++) {
      const dataSource = await new DataSource(
        dataSourceOptions({ url: env.databaseUrl, schema: 'commerce', entities: COMMERCE_DATABASE.entities, migrations: COMMERCE_DATABASE.migrations, poolSize: 10 }),
      ).initialize();
      if (i === 0) await migrate(dataSource, 'commerce');
      instances.push({
        dataSource,
        missions: new MissionsService(
          dataSource,
          new UnitOfWork(dataSource, idle, { schema: 'commerce' }),
          new SellerRepository(),
          new KnownMemberRepository(),
          missionRepository,
          new QuoteRepository(),
          new ClientRepository(),
        ),
      });
    }
    const db = instances[0].dataSource;
    const hostId = randomUUID();
    await db.query(
      `INSERT INTO commerce.seller_host_structure (id, kind, legal_name, siret, city, updated_at) VALUES ($1, 'cae', 'CAE Grand Nord', '12002701600357', 'Lille', now())`,
      [hostId],
    );
    await db.query(
      `INSERT INTO commerce.seller_site (id, code, name, city, status, host_structure_id, updated_at) VALUES ($1, 'LACAPE', 'La Cape', 'Roubaix', 'active', $2, now())`,
      [siteId, hostId],
    );
    await db.query(
      `INSERT INTO commerce.client (id, site_id, kind, name, billing_address, created_at, updated_at) VALUES ($1, $2, 'individual', 'Mme Durand', '{"line":"8 rue Jules Guesde","postalCode":"59100","city":"Roubaix"}', now(), now())`,
      [clientId, siteId],
    );
    // 16 years old: a minor for more than a year.
    await db.query(
      `INSERT INTO commerce.known_member (id, site_id, first_name, last_name, adult_on, active, updated_at) VALUES ($1, $2, 'Inès', 'Benali', ($3::date + 400), true, now())`,
      [minorId, siteId, today],
    );
  });

  afterAll(async () => {
    for (const { dataSource } of instances) await dataSource.destroy();
    if (env) await destroyTestEnv(env);
  });

  async function acceptedQuote(number: string, execution: { place: string | null; startsOn: string | null; endsOn: string | null }): Promise<string> {
    const id = randomUUID();
    await instances[0].dataSource.query(
      `INSERT INTO commerce.quote (id, site_id, client_id, status, number, sent_on, answered_on, valid_until, execution_place, execution_starts_on, execution_ends_on, lines, totals, created_by, created_by_role, created_at, updated_at)
       VALUES ($1, $2, $3, 'accepted', $4, $5, $5, ($5::date + 30), $6, $7, $8, '[{"description":"Buffet pour 40 personnes"}]', '{}', $9, 'coordinator', now(), now())`,
      [id, siteId, clientId, number, today, execution.place, execution.startsOn, execution.endsOn, actor.userId],
    );
    return id;
  }

  it('an accepted quote becomes a planned mission in the same transaction; a coordinator then sets its pole', async () => {
    const quoteId = await acceptedQuote('LACAPE-D-2026-00007', { place: 'Salle des fêtes, Roubaix', startsOn: '2027-01-04', endsOn: '2027-01-05' });
    const { missionId } = await instances[0].dataSource.transaction((manager) =>
      missionRepository.insertFromQuote(
        manager,
        {
          id: quoteId,
          siteId,
          clientId,
          number: 'LACAPE-D-2026-00007',
          executionPlace: 'Salle des fêtes, Roubaix',
          executionStartsOn: '2027-01-04',
          executionEndsOn: '2027-01-05',
          lines: [{ description: 'Buffet pour 40 personnes' }],
        },
        actor.userId,
        today,
      ),
    );
    const mission = await instances[1].missions.get({ siteId, missionId });
    expect(mission).toMatchObject({
      title: 'LACAPE-D-2026-00007 – Buffet pour 40 personnes',
      status: 'planned',
      activityPole: null,
      startsOn: '2027-01-04',
      endsOn: '2027-01-05',
      days: 2,
      place: 'Salle des fêtes, Roubaix',
      peopleNeeded: 1,
      clientId,
      quoteId,
      createdBy: actor.userId,
    });
    const patched = await instances[0].missions.update({ siteId, missionId, actor, changes: { activityPole: 'traiteur', peopleNeeded: 4 } });
    expect(patched).toMatchObject({ activityPole: 'traiteur', peopleNeeded: 4, place: 'Salle des fêtes, Roubaix' });

    // Rolled back with the acceptance: no mission left behind.
    const second = await acceptedQuote('LACAPE-D-2026-00008', { place: null, startsOn: null, endsOn: null });
    await expect(
      instances[0].dataSource.transaction(async (manager) => {
        await missionRepository.insertFromQuote(
          manager,
          { id: second, siteId, clientId, number: 'LACAPE-D-2026-00008', executionPlace: null, executionStartsOn: null, executionEndsOn: null, lines: [] },
          actor.userId,
          today,
        );
        throw new Error('the acceptance failed');
      }),
    ).rejects.toThrow('the acceptance failed');
    expect(await instances[0].dataSource.query('SELECT 1 FROM commerce.mission WHERE quote_id = $1', [second])).toEqual([]);

    // Created directly for the same accepted quote: the quote's client is the mission's.
    const direct = await instances[0].missions.create({
      siteId,
      actor,
      mission: { title: 'Buffet, 2e service', activityPole: 'traiteur', startsOn: '2027-01-06', endsOn: '2027-01-06', place: 'Salle des fêtes', peopleNeeded: 2, quoteId },
    });
    expect(direct).toMatchObject({ quoteId, clientId });
  });

  it('eight one-day missions of the same day completed at once: the minor is booked 8 hours at most', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const { id } = await instances[0].missions.create({
        siteId,
        actor,
        mission: { title: `Cantine ${i}`, activityPole: 'restauration', startsOn: today, endsOn: today, place: 'Cuisine partagée', peopleNeeded: 1 },
      });
      await instances[0].missions.signUp({ siteId, missionId: id, memberId: minorId, actor });
      await instances[0].missions.confirmTeam({ siteId, missionId: id, actor });
      ids.push(id);
    }
    const results = await Promise.allSettled(
      ids.map((missionId, i) => instances[i % 2].missions.complete({ siteId, missionId, actor, participants: [{ memberId: minorId, hours: '3' }] })),
    );
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(refusals).toHaveLength(6);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(DomainError);
      expect((refusal as DomainError).code).toBe('MINOR_DAILY_HOURS_EXCEEDED');
    }
    const [{ total }] = await instances[0].dataSource.query('SELECT SUM(hours_hundredths)::int AS total FROM commerce.mission_participant WHERE member_id = $1', [minorId]);
    expect(total).toBe(600);
    const events = await instances[0].dataSource.query("SELECT envelope FROM commerce.outbox WHERE envelope->>'type' = 'commerce.mission.completed'");
    expect(events).toHaveLength(2);
    expect(events[0].envelope.data.participants).toEqual([{ memberId: minorId, hours: '3.00' }]);
  });
});
