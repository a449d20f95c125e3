import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DomainError, EventEnvelope, MEMBER_JOINED_V1, SITE_CREATED_V1 } from '@kpa/contracts';
import { createLogger, loadConfig, PlatformModule, ServiceConfig } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { NETWORKING_DATABASE, NetworkingRepositoriesModule } from '../networking.module';
import { LaunchMembershipSubscription } from '../launches/launch-membership.subscription';
import { EquipmentService } from './equipment.service';

const HOUR = 3_600_000;

/**
 * Shared equipment against a real Postgres: concurrent reservations of one item (exactly one wins
 * each slot, the others learn the range they hit), the exclusion constraint behind it, a valued
 * loan writing its hours at return exactly once, and the launch subscription absorbing replays.
 */
describe('shared equipment and launches against Postgres', () => {
  let env: TestEnv;
  let app: INestApplicationContext;
  let db: DataSource;
  let service: EquipmentService;
  const owner = randomUUID();
  const borrowers = Array.from({ length: 5 }, () => randomUUID());

  function serviceModule(config: ServiceConfig): DynamicModule {
    @Module({})
    class EquipmentTestModule {}
    return {
      module: EquipmentTestModule,
      imports: [
        PlatformModule.forService({
          service: 'networking',
          config,
          logger: createLogger('networking', 'silent'),
          database: NETWORKING_DATABASE,
          subscriptions: [],
        }),
        NetworkingRepositoriesModule,
      ],
      providers: [EquipmentService, LaunchMembershipSubscription],
    };
  }

  beforeAll(async () => {
    env = await createTestEnv('networking_equipment');
    const config = loadConfig(ServiceConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    app = await NestFactory.createApplicationContext(serviceModule(config), { logger: false, abortOnError: false });
    await app.init();
    db = app.get(DataSource);
    service = app.get(EquipmentService);
  });

  afterAll(async () => {
    await app?.close();
    if (env) await destroyTestEnv(env);
  });

  const kitchen = (value: { hours: string; per: 'half_day' | 'day' | 'loan' } | null = null) =>
    service.create({ siteId: owner, actor: 'owner-coordinator', equipment: { name: 'Cuisine partagée', description: 'Piano 6 feux, chambre froide', value } });

  async function refusal(promise: Promise<unknown>): Promise<DomainError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it('50 concurrent reservations over 5 slots: exactly one wins each slot, every other one names the range it hit', async () => {
    const item = await kitchen();
    const base = Date.now() + 24 * HOUR;
    // Slot s covers [base + 10s h, base + 10s h + 4 h); each attempt overlaps it by at least an hour, never another slot.
    const attempts = Array.from({ length: 50 }, (_, i) => {
      const slot = i % 5;
      const shift = ((i % 7) - 3) * 15 * 60_000; // -45 min … +45 min
      const startsAt = new Date(base + slot * 10 * HOUR + shift);
      return { slot, startsAt, endsAt: new Date(startsAt.getTime() + 4 * HOUR), borrower: borrowers[i % 5] };
    });
    const results = await Promise.allSettled(
      attempts.map(({ startsAt, endsAt, borrower }) =>
        service.reserve({ siteId: borrower, actor: 'borrower-coordinator', equipmentId: item.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }),
      ),
    );
    const won = attempts.filter((_, i) => results[i].status === 'fulfilled');
    expect(won.map((attempt) => attempt.slot).sort()).toEqual([0, 1, 2, 3, 4]);
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected').map((result) => result.reason as DomainError);
    expect(lost).toHaveLength(45);
    const winners = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ startsAt: string; endsAt: string }>).value);
    for (const error of lost) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe('RESERVATION_OVERLAP');
      const range = (error.details as { conflictingRange: { startsAt: string; endsAt: string } }).conflictingRange;
      expect(winners).toContainEqual(expect.objectContaining(range));
    }
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM networking.equipment_reservation WHERE equipment_id = $1`, [item.id]);
    expect(n).toBe(5);
  });

  it('the exclusion constraint refuses an overlapping row written past the service, and lets a declined slot be taken again', async () => {
    const item = await kitchen();
    const startsAt = new Date(Date.now() + 48 * HOUR);
    const endsAt = new Date(startsAt.getTime() + 4 * HOUR);
    const first = await service.reserve({ siteId: borrowers[0], actor: 'c', equipmentId: item.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
    const insert = (id: string) =>
      db.query(
        `INSERT INTO networking.equipment_reservation (id, equipment_id, owner_site_id, borrower_site_id, starts_at, ends_at, status, requested_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'requested', 'sql', now(), now())`,
        [id, item.id, owner, borrowers[1], new Date(startsAt.getTime() + HOUR), new Date(endsAt.getTime() + HOUR)],
      );
    await expect(insert(randomUUID())).rejects.toMatchObject({ code: '23P01' });
    await service.act({ siteId: owner, reservationId: first.id, actor: 'o', action: 'decline', text: 'Travaux' });
    await expect(insert(randomUUID())).resolves.toBeDefined();
    // Back to back is no overlap: [start, end) then [end, …).
    const next = await service.reserve({
      siteId: borrowers[2],
      actor: 'c',
      equipmentId: item.id,
      startsAt: new Date(endsAt.getTime() + HOUR).toISOString(),
      endsAt: new Date(endsAt.getTime() + 3 * HOUR).toISOString(),
    });
    expect(next.status).toBe('requested');
  });

  it('a valued loan writes its hours to the ledger at return, once, given by the lending site', async () => {
    const item = await kitchen({ hours: '4', per: 'half_day' });
    const startsAt = new Date(Date.now() + 72 * HOUR);
    const reservation = await service.reserve({
      siteId: borrowers[3],
      actor: 'c',
      equipmentId: item.id,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 13 * HOUR).toISOString(),
    });
    expect(reservation.hours).toBe('8.00');
    expect((await refusal(service.act({ siteId: borrowers[3], reservationId: reservation.id, actor: 'c', action: 'accept' }))).code).toBe('FORBIDDEN');
    expect((await refusal(service.act({ siteId: randomUUID(), reservationId: reservation.id, actor: 'x', action: 'accept' }))).code).toBe('RESERVATION_NOT_FOUND');
    await service.act({ siteId: owner, reservationId: reservation.id, actor: 'o', action: 'accept' });
    expect((await refusal(service.act({ siteId: owner, reservationId: reservation.id, actor: 'o', action: 'check_out', text: ' ' }))).code).toBe('VALIDATION_FAILED');
    await service.act({ siteId: owner, reservationId: reservation.id, actor: 'o', action: 'check_out', text: 'Propre' });
    const returned = await service.act({ siteId: owner, reservationId: reservation.id, actor: 'o', action: 'return', text: 'Propre, four à nettoyer' });
    expect(returned).toMatchObject({ status: 'returned', returnCondition: 'Propre, four à nettoyer', checkOutCondition: 'Propre' });
    const movements = await db.query(
      `SELECT id, giver_site_id, receiver_site_id, hours::text AS hours FROM networking.reciprocity_movement WHERE kind = 'equipment_loan' AND source_id = $1`,
      [reservation.id],
    );
    expect(movements).toEqual([{ id: returned.movementId, giver_site_id: owner, receiver_site_id: borrowers[3], hours: '8.00' }]);
    expect((await refusal(service.act({ siteId: owner, reservationId: reservation.id, actor: 'o', action: 'return', text: 'encore' }))).code).toBe(
      'RESERVATION_TRANSITION_REFUSED',
    );
    const types: { type: string }[] = await db.query(`SELECT envelope->>'type' AS type FROM networking.outbox WHERE envelope->'data'->>'reservationId' = $1 ORDER BY id`, [
      reservation.id,
    ]);
    expect(types.map((t) => t.type)).toEqual([
      'networking.equipment_loan.requested',
      'networking.equipment_loan.accepted',
      'networking.equipment_loan.checked_out',
      'networking.equipment_loan.returned',
    ]);
  });

  it('finds equipment by folded words and near a published site only', async () => {
    const roubaix = randomUUID();
    const laRochelle = randomUUID();
    const hidden = randomUUID();
    const profile = (siteId: string, latitude: number, longitude: number, published: boolean) =>
      db.query(
        `INSERT INTO networking.site_profile (site_id, presentation, poles, offers, latitude, longitude, published, pole_keys, offer_kinds, search_text, updated_at, updated_by)
         VALUES ($1, '', '[]', '[]', $2, $3, $4, '{}', '{}', '', now(), 'test')`,
        [siteId, latitude, longitude, published],
      );
    await profile(roubaix, 50.6942, 3.1746, true);
    await profile(laRochelle, 46.1603, -1.1511, true);
    await profile(hidden, 50.6292, 3.0573, false);
    const make = (siteId: string, name: string) => service.create({ siteId, actor: 'c', equipment: { name, description: 'Machine à coudre électronique' } });
    const a = await make(roubaix, 'Surjeteuse Brother');
    const b = await make(laRochelle, 'Surjeteuse Singer');
    await make(hidden, 'Surjeteuse Janome');
    const withdrawn = await make(roubaix, 'Surjeteuse cassée');
    await service.withdraw({ siteId: roubaix, equipmentId: withdrawn.id, actor: 'c' });

    const words = await service.list({ q: 'SURJETEUSE machine a COUDRE' });
    expect(words.items.map((item) => item.id).sort()).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(words.items.map((item) => item.id)).not.toContain(withdrawn.id);
    const near = await service.list({ q: 'surjeteuse', near: { latitude: 50.6372, longitude: 3.0633, km: 30 } }); // Lille
    expect(near.items.map((item) => item.id)).toEqual([a.id]);
    expect(near.items[0].distanceKm).toBeGreaterThan(8);
    expect(near.items[0].distanceKm).toBeLessThan(11);
    const wide = await service.list({ q: 'surjeteuse', near: { latitude: 50.6372, longitude: 3.0633, km: 600 } }); // La Rochelle is ~540 km away
    expect(wide.items.map((item) => item.id).sort()).toEqual([a.id, b.id].sort());
    // LIKE wildcards typed by a person are plain characters.
    expect((await service.list({ q: '%' })).items).toEqual([]);
  });

  it('a site created in reflection starts a launch path; a member joining twice (replayed) completes first_members once, with its first date', async () => {
    const subscription = app.get(LaunchMembershipSubscription);
    const siteId = randomUUID();
    const envelope = <T>(type: { type: string; version: number }, data: T): EventEnvelope<T> => ({
      id: randomUUID(),
      type: type.type,
      version: type.version,
      occurredAt: new Date().toISOString(),
      siteId,
      actor: 'system',
      correlationId: 'test',
      data,
    });
    const handle = (event: EventEnvelope) => db.transaction((manager) => subscription.handlers[`${event.type}.v${event.version}`](event as never, manager));
    // The site's creation reaches the launch path before the directory's own consumer has read it:
    // the stage is written all the same.
    await handle(
      envelope(SITE_CREATED_V1, {
        id: siteId,
        name: 'KPA Bailleul',
        code: 'BAILLEUL',
        city: 'Bailleul',
        status: 'in_reflection',
        hostStructureId: randomUUID(),
        addressLine: null,
        postalCode: null,
        carryingStructure: null,
        venues: [],
        activityPoles: [],
        updatedAt: new Date().toISOString(),
      }),
    );
    const joined = (joinedOn: string) =>
      envelope(MEMBER_JOINED_V1, { memberId: randomUUID(), firstName: 'Inès', lastName: 'B', joinedOn, leftOn: null, active: true, updatedAt: new Date().toISOString() });
    const first = joined('2026-11-02');
    await handle(first);
    await handle(first);
    await handle(joined('2026-11-20'));
    const steps = await db.query(`SELECT step, to_char(completed_on, 'YYYY-MM-DD') AS on, source FROM networking.launch_step WHERE site_id = $1`, [siteId]);
    expect(steps).toEqual([{ step: 'first_members', on: '2026-11-02', source: 'event' }]);
    const [{ stage }] = await db.query('SELECT launch_stage AS stage FROM networking.directory_site WHERE id = $1', [siteId]);
    expect(stage).toBe('carrying_structure_found');
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM networking.outbox WHERE envelope->>'type' = 'networking.launch_step.completed' AND envelope->>'siteId' = $1`, [
      siteId,
    ]);
    expect(n).toBe(1);
  });
});
