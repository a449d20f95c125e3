import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { DomainError, DURABLE_CONSUMERS, formatCents, parseCents, siteIdOf, eventSubject, NetworkActor, SITE_CREATED_V1, SITE_UPDATED_V1, SiteChangedV1 } from '@kpa/contracts';
import { createEvent, createLogger, eventStreamName, loadConfig, PlatformModule, ServiceConfig, todayInFrance, UnitOfWork } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, eventually, TestEnv } from '@kpa/testing';
import { NETWORKING_DATABASE, NetworkingRepositoriesModule } from '../networking.module';
import { ReciprocitySitesSubscription } from '../reciprocity/reciprocity-sites.subscription';
import { ReciprocityService } from '../reciprocity/reciprocity.service';
import { ReciprocityLedger } from '../reciprocity/reciprocity-ledger';
import { balancesOf } from '../reciprocity/reciprocity';
import { HelpRequestsService } from './help-requests.service';

/**
 * Help requests and the ledger against real Postgres and NATS JetStream: the sites' read model
 * fed by membership's events (delivered twice, or late and older: no second effect), a
 * confirmation retried or raced writes one movement, expiry computed on read, a reversal raced.
 */
describe('help requests and reciprocity against Postgres and NATS', () => {
  let env: TestEnv;
  let app: INestApplicationContext;
  let db: DataSource;
  let nc: NatsConnection;
  let help: HelpRequestsService;
  let reciprocity: ReciprocityService;
  let published = 0;
  const hostA = randomUUID();
  const hostB = randomUUID();
  const [A, B, C] = [randomUUID(), randomUUID(), randomUUID()];
  const actorOf = (siteId: string): NetworkActor => ({ userId: `coord-${siteId.slice(0, 4)}`, networkAdmin: false, siteIds: [siteId], coordinatorOf: [siteId] });
  const admin: NetworkActor = { userId: 'admin', networkAdmin: true, siteIds: [], coordinatorOf: [] };

  function serviceModule(config: ServiceConfig): DynamicModule {
    @Module({})
    class HelpModule {}
    return {
      module: HelpModule,
      imports: [
        PlatformModule.forService({
          service: 'networking',
          config,
          logger: createLogger('networking', 'silent'),
          database: NETWORKING_DATABASE,
          subscriptions: [ReciprocitySitesSubscription],
        }),
        NetworkingRepositoriesModule,
      ],
      providers: [HelpRequestsService, ReciprocityService],
    };
  }

  async function deliver(envelope: { type: string; version: number }): Promise<void> {
    const js = jetstream(nc);
    const ack = await js.publish(`${env.namespace}.${eventSubject(envelope)}`, JSON.stringify(envelope), { msgID: `delivery-${++published}` });
    const jsm = await jetstreamManager(nc);
    await eventually(
      async () => {
        const info = await jsm.consumers.info(eventStreamName(env.namespace), DURABLE_CONSUMERS.networkingReciprocitySites);
        return info.delivered.stream_seq >= ack.seq && info.num_ack_pending === 0;
      },
      { what: `the reciprocity sites consumer to handle ${envelope.type}` },
    );
  }

  const site = (id: string, name: string, hostStructureId: string, updatedAt: string): SiteChangedV1 =>
    ({
      id,
      name,
      code: name.toUpperCase(),
      city: 'Lille',
      status: 'active',
      hostStructureId,
      updatedAt,
      addressLine: null,
      postalCode: null,
      carryingStructure: null,
      venues: [],
      activityPoles: [],
    }) as SiteChangedV1;

  async function refusal(run: Promise<unknown>): Promise<string> {
    try {
      await run;
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  beforeAll(async () => {
    env = await createTestEnv('networking_help');
    const config = loadConfig(ServiceConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    app = await NestFactory.createApplicationContext(serviceModule(config), { logger: false, abortOnError: false });
    await app.init();
    db = app.get(DataSource);
    help = app.get(HelpRequestsService);
    reciprocity = app.get(ReciprocityService);
    nc = await connect({ servers: env.natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    if (env) await destroyTestEnv(env);
  });

  it("keeps the sites' names and host structures from membership's events: twice or late and older, no second effect", async () => {
    const created = createEvent(SITE_CREATED_V1, A, site(A, 'La Cape', hostA, '2026-12-01T10:00:00.000Z'));
    await deliver(created);
    await deliver(created);
    await deliver(createEvent(SITE_UPDATED_V1, A, site(A, 'La Cape Roubaix', hostA, '2026-12-02T10:00:00.000Z')));
    await deliver(createEvent(SITE_UPDATED_V1, A, site(A, 'Ancien nom', hostB, '2026-11-30T10:00:00.000Z')));
    await deliver(createEvent(SITE_CREATED_V1, B, site(B, 'Kpa-Moulins', hostA, '2026-12-01T10:00:00.000Z')));
    await deliver(createEvent(SITE_CREATED_V1, C, site(C, 'Illicoop', hostB, '2026-12-01T10:00:00.000Z')));
    expect(await db.query('SELECT id, name, host_structure_id FROM networking.reciprocity_site WHERE id = $1', [A])).toEqual([
      { id: A, name: 'La Cape Roubaix', host_structure_id: hostA },
    ]);
  });

  it('a confirmation retried, or two racing, write one movement and one event; the balances sum to zero', async () => {
    const today = todayInFrance();
    const request = await help.create({
      siteId: A,
      actor: actorOf(A),
      request: { title: 'Renfort traiteur', startsOn: today, endsOn: today, place: 'Roubaix', peopleNeeded: 2, returnKind: 'reciprocity', visibility: 'region' },
    });
    const [fromB, fromC] = [
      await help.makeOffer({ actor: actorOf(B), requestId: request.id, offer: { fromSiteId: B, people: [{ firstName: 'Inès' }], hours: '8' } }),
      await help.makeOffer({ actor: actorOf(C), requestId: request.id, offer: { fromSiteId: C, people: [], hours: '3' } }),
    ];
    const offerB = fromB.offers.find((o) => o.fromSiteId === B)!.id;
    const offerC = fromC.offers.find((o) => o.fromSiteId === C)!.id;
    await help.accept({ actor: actorOf(A), requestId: request.id, offerId: offerB });
    await help.accept({ actor: actorOf(A), requestId: request.id, offerId: offerC });
    await help.recordDone({
      actor: actorOf(A),
      requestId: request.id,
      hours: [
        { siteId: B, hours: '7.5' },
        { siteId: C, hours: '3.25' },
      ],
    });

    const raced = await Promise.allSettled([1, 2, 3].map(() => help.confirm({ actor: actorOf(B), requestId: request.id })));
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of raced) if (r.status === 'rejected') expect((r.reason as DomainError).code).toBe('HELP_HOURS_ALREADY_CONFIRMED');
    expect(await refusal(help.confirm({ actor: actorOf(B), requestId: request.id }))).toBe('HELP_HOURS_ALREADY_CONFIRMED');
    const last = await help.confirm({ actor: actorOf(C), requestId: request.id });
    expect(last.status).toBe('confirmed');

    const movements = await db.query('SELECT giver_site_id, receiver_site_id, hours::text AS hours FROM networking.reciprocity_movement WHERE source_id LIKE $1 ORDER BY hours', [
      `${request.id}:%`,
    ]);
    expect(movements).toEqual([
      { giver_site_id: C, receiver_site_id: A, hours: '3.25' },
      { giver_site_id: B, receiver_site_id: A, hours: '7.50' },
    ]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM networking.outbox WHERE subject LIKE '%reciprocity.recorded%' AND envelope->'data'->>'sourceId' LIKE $1`, [
      `${request.id}:%`,
    ]);
    expect(n).toBe(2);
    const board = await reciprocity.board({ actor: admin });
    expect(board.total).toBe('0.00');
    expect(board.balances.find((b) => b.siteId === A)).toEqual(expect.objectContaining({ name: 'La Cape Roubaix', given: '0.00', received: '10.75', balance: '-10.75' }));
  });

  it('paid help between two host structures records the amount due and its settlement, no hours', async () => {
    const today = todayInFrance();
    const request = await help.create({
      siteId: A,
      actor: actorOf(A),
      request: {
        title: 'Sérigraphie',
        startsOn: today,
        endsOn: today,
        place: 'Lille',
        hoursNeeded: '4',
        returnKind: 'paid',
        amountPerHour: '18.50',
        visibility: 'sites',
        visibleToSiteIds: [C],
      },
    });
    const offered = await help.makeOffer({ actor: actorOf(C), requestId: request.id, offer: { fromSiteId: C, people: [], hours: '4' } });
    await help.accept({ actor: actorOf(A), requestId: request.id, offerId: offered.offers[0].id });
    await help.recordDone({ actor: actorOf(A), requestId: request.id, hours: [{ siteId: C, hours: '3.5' }] });
    const confirmed = await help.confirm({ actor: actorOf(C), requestId: request.id });
    expect(confirmed.contributions[0]).toEqual(expect.objectContaining({ hours: '3.50', amountDue: '64.75', settlement: 'between_host_structures', movementId: null }));
    expect(await db.query('SELECT 1 FROM networking.reciprocity_movement WHERE source_id LIKE $1', [`${request.id}:%`])).toEqual([]);
    // B is not among the chosen sites: the request does not exist for it.
    expect(await refusal(help.get({ actor: actorOf(B), requestId: request.id }))).toBe('HELP_REQUEST_NOT_FOUND');
  });

  it('an open request past its end date reads as expired and takes no more offers; the lists filter on it', async () => {
    const today = todayInFrance();
    const request = await help.create({
      siteId: B,
      actor: actorOf(B),
      request: { title: 'Jardinage', skills: ['Jardin'], startsOn: today, endsOn: today, place: 'Lille', peopleNeeded: 1, returnKind: 'reciprocity', visibility: 'region' },
    });
    expect((await help.list({ actor: actorOf(C), status: 'open', skill: 'jardin' })).items.map((r) => r.id)).toContain(request.id);
    // The skill as the network folds it: accents, case and French synonyms ("potager" is "jardinage", as is "Jardin").
    expect((await help.list({ actor: actorOf(C), status: 'open', skill: 'Potager' })).items.map((r) => r.id)).toContain(request.id);
    expect((await help.list({ actor: actorOf(C), status: 'open', skill: 'couture' })).items.map((r) => r.id)).not.toContain(request.id);
    await db.query('UPDATE networking.help_request SET starts_on = starts_on - 3, ends_on = ends_on - 2 WHERE id = $1', [request.id]);
    expect((await help.get({ actor: actorOf(C), requestId: request.id })).status).toBe('expired');
    expect((await help.list({ actor: actorOf(C), status: 'expired' })).items.map((r) => r.id)).toContain(request.id);
    expect((await help.list({ actor: actorOf(C), status: 'open' })).items.map((r) => r.id)).not.toContain(request.id);
    expect(await refusal(help.makeOffer({ actor: actorOf(C), requestId: request.id, offer: { fromSiteId: C, people: [], hours: '2' } }))).toBe('HELP_REQUEST_NOT_OPEN');
    expect(await refusal(help.cancel({ actor: actorOf(B), requestId: request.id, reason: 'trop tard' }))).toBe('HELP_REQUEST_NOT_CANCELLABLE');
  });

  it('a manual entry confirmed five times at once, and a movement reversed twice at once, each write once', async () => {
    const entry = await reciprocity.propose({ siteId: B, actor: actorOf(B), entry: { otherSiteId: C, direction: 'gave', hours: '14', label: 'micro-accompagnement 2 jours' } });
    const confirmations = await Promise.allSettled([1, 2, 3, 4, 5].map(() => reciprocity.confirmEntry({ actor: actorOf(C), entryId: entry.id })));
    const confirmed = confirmations.filter((r) => r.status === 'fulfilled');
    expect(confirmed).toHaveLength(1);
    const movementId = (confirmed[0] as PromiseFulfilledResult<{ movementId: string }>).value.movementId;
    expect(await db.query("SELECT 1 FROM networking.reciprocity_movement WHERE kind = 'manual' AND source_id = $1", [entry.id])).toHaveLength(1);

    const before = await reciprocity.board({ actor: admin, kind: 'manual' });
    const reversals = await Promise.allSettled([1, 2].map(() => reciprocity.reverse({ actor: admin, movementId, reason: 'saisie en double' })));
    expect(reversals.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = reversals.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as DomainError).code).toBe('RECIPROCITY_ALREADY_REVERSED');
    const after = await reciprocity.board({ actor: admin });
    const balance = (board: typeof after, siteId: string) => board.balances.find((b) => b.siteId === siteId)!.balance;
    // Hundredths of an hour, never a float: "-7.50" → -750.
    const hundredths = (signed: string) => (signed.startsWith('-') ? -1 : 1) * parseCents(signed.replace(/^-/, ''))!;
    expect(balance(after, B)).toBe(formatCents(hundredths(balance(before, B)) - 1400));
    expect(after.total).toBe('0.00');
  });

  it('property: after any sequence of movements and reversals written through the ledger, the board equals the movements and sums to zero', async () => {
    const uow = app.get(UnitOfWork);
    const ledger = app.get(ReciprocityLedger);
    const sites = [A, B, C];
    const step = fc.oneof(
      fc.record({
        reverse: fc.constant(false as const),
        giver: fc.nat(2),
        shift: fc.integer({ min: 1, max: 2 }),
        hours: fc.integer({ min: 1, max: 5000 }),
        kind: fc.constantFrom('help' as const, 'accompaniment' as const, 'manual' as const),
      }),
      fc.record({ reverse: fc.constant(true as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 8 }), async (steps) => {
        for (const s of steps) {
          if (s.reverse) {
            const open: { id: string }[] = await db.query(
              "SELECT m.id FROM networking.reciprocity_movement m WHERE m.kind <> 'reversal' AND NOT EXISTS (SELECT 1 FROM networking.reciprocity_movement r WHERE r.reverses_id = m.id) ORDER BY m.id",
            );
            if (open.length > 0) await reciprocity.reverse({ actor: admin, movementId: open[s.pick % open.length].id, reason: 'correction' });
          } else {
            const hours = `${Math.trunc(s.hours / 100)}.${String(s.hours % 100).padStart(2, '0')}`;
            await uow.run((tx) =>
              ledger.record(tx, {
                kind: s.kind,
                giverSiteId: siteIdOf(sites[s.giver]),
                receiverSiteId: siteIdOf(sites[(s.giver + s.shift) % 3]),
                hours,
                sourceId: randomUUID(),
                label: 'propriété',
                recordedBy: 'test',
              }),
            );
          }
        }
        const rows: { id: string; giver: string; receiver: string; hours: string; reverses: string | null }[] = await db.query(
          'SELECT id, giver_site_id AS giver, receiver_site_id AS receiver, hours::text AS hours, reverses_id AS reverses FROM networking.reciprocity_movement',
        );
        const expected = balancesOf(rows.map((r) => ({ id: r.id, giverSiteId: r.giver, receiverSiteId: r.receiver, hours: parseCents(r.hours)!, reversesId: r.reverses })));
        const board = await reciprocity.board({ actor: admin });
        expect(board.total).toBe('0.00');
        for (const site of sites) {
          const shown = board.balances.find((b) => b.siteId === site)!;
          const want = expected.get(site) ?? { given: 0, received: 0, balance: 0 };
          expect([shown.given, shown.received, shown.balance].map((v) => Math.round(Number(v) * 100))).toEqual([want.given, want.received, want.balance]);
        }
      }),
      { numRuns: 15 },
    );
  });
});
