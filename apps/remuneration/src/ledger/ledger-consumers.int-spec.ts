import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  CREDIT_NOTE_ISSUED_V1,
  CreditNoteIssuedV1,
  DURABLE_CONSUMERS,
  EventDefinition,
  eventSubject,
  EXPENSE_APPROVED_V1,
  ExpenseApprovedV1,
  HOST_STRUCTURE_CREATED_V1,
  HOST_STRUCTURE_UPDATED_V1,
  MEMBER_ERASED_V1,
  MEMBER_JOINED_V1,
  MEMBER_UPDATED_V1,
  MemberChangedV1,
  MISSION_COMPLETED_V1,
  MissionCompletedV1,
  PAYMENT_RECORDED_V1,
  PaymentRecordedV1,
  SITE_CREATED_V1,
  siteIdOf,
} from '@kpa/contracts';
import { createEvent, createLogger, eventStreamName, loadConfig, PlatformModule, ServiceConfig } from '@kpa/platform';
import { createTestEnv, databaseAsOwner, destroyTestEnv, eventually, OwnerDatabase, TestEnv } from '@kpa/testing';
import { REMUNERATION_DATABASE, RemunerationRepositoriesModule } from '../remuneration.module';
import { DirectorySubscription } from '../directory/directory.subscription';
import { DirectoryRepository } from '../directory/directory.repository';
import { LedgerSubscription } from './ledger.subscription';

/**
 * Remuneration's consumers against real Postgres and NATS JetStream: events are published on the
 * stream as commerce and membership publish them, and consumed by the real durable consumers.
 * A payment delivered twice counts once (the inbox); replayed after its inbox row is gone (a purged
 * inbox, a new consumer reading the stream from the start) it still counts once (the row's key).
 */
describe('remuneration ledger and directory consumers', () => {
  let env: TestEnv;
  let app: INestApplicationContext;
  let db: OwnerDatabase;
  let nc: NatsConnection;
  const siteId = randomUUID();
  let published = 0;

  function consumerModule(config: ServiceConfig): DynamicModule {
    @Module({})
    class ConsumersModule {}
    return {
      module: ConsumersModule,
      imports: [
        PlatformModule.forService({
          service: 'remuneration',
          config,
          logger: createLogger('remuneration', 'silent'),
          database: REMUNERATION_DATABASE,
          subscriptions: [LedgerSubscription, DirectorySubscription],
        }),
        RemunerationRepositoriesModule,
      ],
    };
  }

  /**
   * Puts the envelope on the stream under a fresh message id (as a redelivery after JetStream's
   * de-duplication window would) and waits until the durable consumer has handled and acked it.
   */
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

  function event<T>(definition: EventDefinition<T>, data: T, site: string | null = siteId) {
    return createEvent(definition, site, data);
  }

  beforeAll(async () => {
    env = await createTestEnv('remuneration_ledger');
    const config = loadConfig(ServiceConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    app = await NestFactory.createApplicationContext(consumerModule(config), { logger: false, abortOnError: false });
    await app.init();
    db = databaseAsOwner(env);
    nc = await connect({ servers: env.natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await db?.close();
    await app?.close();
    if (env) await destroyTestEnv(env);
  });

  const payment: PaymentRecordedV1 = {
    paymentId: randomUUID(),
    invoiceId: randomUUID(),
    invoiceNumber: 'LACAPE-F-2026-0007',
    missionId: null,
    amount: '1206.00',
    netAmount: '1005.00',
    receivedOn: '2026-12-10',
    method: 'transfer',
  };

  it('a payment event delivered twice counts once', async () => {
    const envelope = event(PAYMENT_RECORDED_V1, payment);
    await deliver(envelope, DURABLE_CONSUMERS.remunerationLedger);
    await deliver(envelope, DURABLE_CONSUMERS.remunerationLedger);

    const rows = await db.query(
      `SELECT site_id, kind, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, net_cents, vat_cents, reference, event_id FROM remuneration.money_movement WHERE id = $1`,
      [payment.paymentId],
    );
    expect(rows).toEqual([
      { site_id: siteId, kind: 'payment', occurred_on: '2026-12-10', net_cents: '100500', vat_cents: '20100', reference: 'LACAPE-F-2026-0007', event_id: envelope.id },
    ]);
    const inbox = await db.query(`SELECT consumer FROM remuneration.inbox WHERE event_id = $1`, [envelope.id]);
    expect(inbox).toEqual([{ consumer: DURABLE_CONSUMERS.remunerationLedger }]);
  });

  it('replayed with its inbox row removed, a payment still counts once (ON CONFLICT on its id)', async () => {
    const envelope = event(PAYMENT_RECORDED_V1, { ...payment, paymentId: randomUUID() });
    await deliver(envelope, DURABLE_CONSUMERS.remunerationLedger);
    await db.query(`DELETE FROM remuneration.inbox WHERE event_id = $1`, [envelope.id]);
    await deliver(envelope, DURABLE_CONSUMERS.remunerationLedger);

    // Handled again (the inbox row is back), with no second effect.
    expect(await db.query(`SELECT 1 FROM remuneration.inbox WHERE event_id = $1`, [envelope.id])).toHaveLength(1);
    const [{ count, net }] = await db.query(`SELECT count(*)::int AS count, sum(net_cents)::text AS net FROM remuneration.money_movement WHERE id = $1`, [envelope.data.paymentId]);
    expect({ count, net }).toEqual({ count: 1, net: '100500' });
  });

  it('a mission completed gives one row per participant, exact hours, dated on completion; twice or replayed, still once', async () => {
    const karim = randomUUID();
    const ines = randomUUID();
    const data: MissionCompletedV1 = {
      missionId: randomUUID(),
      title: 'Cantine partagée',
      activityPole: 'restauration',
      clientId: null,
      quoteId: null,
      startsOn: '2026-12-01',
      endsOn: '2026-12-03',
      completedOn: '2026-12-04',
      participants: [
        { memberId: karim, hours: '7.50' },
        { memberId: ines, hours: '0.29' },
      ],
    };
    const envelope = event(MISSION_COMPLETED_V1, data);
    await deliver(envelope, DURABLE_CONSUMERS.remunerationLedger);
    await deliver(envelope, DURABLE_CONSUMERS.remunerationLedger);
    await db.query(`DELETE FROM remuneration.inbox WHERE event_id = $1`, [envelope.id]);
    await deliver(envelope, DURABLE_CONSUMERS.remunerationLedger);

    const rows = await db.query(
      `SELECT member_id, site_id, to_char(completed_on, 'YYYY-MM-DD') AS completed_on, title, activity_pole, hundredths, period_id FROM remuneration.mission_hours WHERE mission_id = $1 ORDER BY hundredths`,
      [data.missionId],
    );
    expect(rows).toEqual([
      { member_id: ines, site_id: siteId, completed_on: '2026-12-04', title: 'Cantine partagée', activity_pole: 'restauration', hundredths: 29, period_id: null },
      { member_id: karim, site_id: siteId, completed_on: '2026-12-04', title: 'Cantine partagée', activity_pole: 'restauration', hundredths: 750, period_id: null },
    ]);
  });

  it('a credit note and an expense each give one money movement with their net and VAT', async () => {
    const note: CreditNoteIssuedV1 = {
      creditNoteId: randomUUID(),
      number: 'LACAPE-A-2026-0001',
      invoiceId: payment.invoiceId,
      invoiceNumber: payment.invoiceNumber,
      missionId: null,
      issuedOn: '2026-12-12',
      net: '100.00',
      vat: '20.00',
      total: '120.00',
    };
    const expense: ExpenseApprovedV1 = {
      expenseId: randomUUID(),
      paidByMemberId: null,
      spentOn: '2026-12-01',
      approvedOn: '2026-12-03',
      category: 'supplies',
      amount: '42.90',
      vat: '7.15',
      net: '35.75',
    };
    for (const envelope of [event(CREDIT_NOTE_ISSUED_V1, note), event(EXPENSE_APPROVED_V1, expense)]) {
      await deliver(envelope, DURABLE_CONSUMERS.remunerationLedger);
      await deliver(envelope, DURABLE_CONSUMERS.remunerationLedger);
    }
    const rows = await db.query(
      `SELECT kind, to_char(occurred_on, 'YYYY-MM-DD') AS day, net_cents, vat_cents, reference FROM remuneration.money_movement WHERE id = ANY($1) ORDER BY kind`,
      [[note.creditNoteId, expense.expenseId]],
    );
    expect(rows).toEqual([
      { kind: 'credit_note', day: '2026-12-12', net_cents: '10000', vat_cents: '2000', reference: 'LACAPE-A-2026-0001' },
      { kind: 'expense', day: '2026-12-03', net_cents: '3575', vat_cents: '715', reference: 'supplies' },
    ]);
  });

  it('members: the site from the envelope, the newest version wins, erasure leaves a pseudonym only', async () => {
    const memberId = randomUUID();
    const joined: MemberChangedV1 = {
      memberId,
      firstName: 'Inès',
      lastName: 'Benali',
      joinedOn: '2026-09-01',
      leftOn: null,
      active: true,
      adultOn: '2027-05-02',
      updatedAt: '2026-09-01T08:00:00.000Z',
    };
    await deliver(event(MEMBER_JOINED_V1, joined), DURABLE_CONSUMERS.remunerationDirectory);
    await deliver(event(MEMBER_UPDATED_V1, { ...joined, lastName: 'Benali-Haddad', updatedAt: '2026-10-01T08:00:00.000Z' }), DURABLE_CONSUMERS.remunerationDirectory);
    // An older version arriving late changes nothing.
    await deliver(event(MEMBER_UPDATED_V1, { ...joined, lastName: 'Ancien', updatedAt: '2026-09-15T08:00:00.000Z' }), DURABLE_CONSUMERS.remunerationDirectory);
    const read = () =>
      db.query(
        `SELECT site_id, first_name, last_name, to_char(adult_on, 'YYYY-MM-DD') AS adult_on, to_char(joined_on, 'YYYY-MM-DD') AS joined_on, active, erased FROM remuneration.known_member WHERE id = $1`,
        [memberId],
      );
    expect(await read()).toEqual([
      { site_id: siteId, first_name: 'Inès', last_name: 'Benali-Haddad', adult_on: '2027-05-02', joined_on: '2026-09-01', active: true, erased: false },
    ]);

    await deliver(event(MEMBER_ERASED_V1, { memberId, erasedAt: '2026-11-01T08:00:00.000Z' }), DURABLE_CONSUMERS.remunerationDirectory);
    await deliver(event(MEMBER_UPDATED_V1, { ...joined, updatedAt: '2026-12-01T08:00:00.000Z' }), DURABLE_CONSUMERS.remunerationDirectory);
    expect(await read()).toEqual([
      { site_id: siteId, first_name: 'Membre effacé', last_name: `#${memberId.replace(/-/g, '').slice(-8)}`, adult_on: null, joined_on: '2026-09-01', active: false, erased: true },
    ]);
  });

  it('sites and host structures: whether the host is under the VAT franchise', async () => {
    const hostId = randomUUID();
    const host = {
      id: hostId,
      kind: 'cae' as const,
      legalName: 'CAE Grand Nord',
      legalForm: null,
      shareCapital: null,
      rcsCity: null,
      siren: '120027016',
      siret: '12002701600357',
      vatNumber: null,
      vatFranchise: true,
      addressLine: null,
      postalCode: null,
      city: 'Lille',
      updatedAt: '2026-01-01T08:00:00.000Z',
    };
    expect(await new DirectoryRepository(app.get(DataSource)).hostVatFranchise(siteIdOf(siteId))).toBeNull();
    await deliver(event(HOST_STRUCTURE_CREATED_V1, host, null), DURABLE_CONSUMERS.remunerationDirectory);
    await deliver(
      event(SITE_CREATED_V1, {
        id: siteId,
        name: 'La Cape',
        code: 'LACAPE',
        city: 'Roubaix',
        status: 'active',
        hostStructureId: hostId,
        addressLine: null,
        postalCode: null,
        carryingStructure: null,
        venues: [],
        activityPoles: [],
        updatedAt: '2026-01-01T08:00:00.000Z',
      }),
      DURABLE_CONSUMERS.remunerationDirectory,
    );
    expect(await new DirectoryRepository(app.get(DataSource)).hostVatFranchise(siteIdOf(siteId))).toBe(true);
    await deliver(
      event(HOST_STRUCTURE_UPDATED_V1, { ...host, vatNumber: 'FR85120027016', vatFranchise: false, updatedAt: '2026-06-01T08:00:00.000Z' }, null),
      DURABLE_CONSUMERS.remunerationDirectory,
    );
    expect(await new DirectoryRepository(app.get(DataSource)).hostVatFranchise(siteIdOf(siteId))).toBe(false);
  });
});
