import { DynamicModule, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { defineEvent, EventEnvelope } from '@kpa/contracts';
import { createTestEnv, destroyTestEnv, eventually, TestEnv } from '@kpa/testing';
import {
  appendToOutbox,
  createEvent,
  createLogger,
  eventHandlers,
  EventSubscription,
  eventStreamName,
  loadConfig,
  messagingTablesSql,
  on,
  OutboxRelay,
  PlatformModule,
  ServiceConfig,
  UnitOfWork,
} from '@kpa/platform';

/**
 * The message backbone's promises, against real Postgres and NATS JetStream:
 * no event lost while a consumer is down, none applied twice, none lost when the publisher dies
 * between its commit and the publish. The consumer's effect here is deliberately NOT idempotent
 * (one row per handling), so only the inbox stands between a redelivery and a second effect.
 */
const THING_CREATED_V1 = defineEvent<{ n: number }>('test.thing.created', 1);

class PublisherSchema1764000000001 implements MigrationInterface {
  name = 'PublisherSchema1764000000001';
  async up(q: QueryRunner) {
    for (const sql of messagingTablesSql('pub')) await q.query(sql);
    await q.query('CREATE TABLE pub.thing (n int PRIMARY KEY)');
  }
  async down() {}
}

class ConsumerSchema1764000000002 implements MigrationInterface {
  name = 'ConsumerSchema1764000000002';
  async up(q: QueryRunner) {
    for (const sql of messagingTablesSql('con')) await q.query(sql);
    await q.query('CREATE TABLE con.effect (event_id uuid NOT NULL, n int NOT NULL)');
  }
  async down() {}
}

@Injectable()
class Things {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** One use case: the state change and its event in one transaction. */
  create(n: number): Promise<void> {
    return this.unitOfWork.run(async ({ manager, publish }) => {
      await manager.query('INSERT INTO pub.thing (n) VALUES ($1)', [n]);
      await publish(createEvent(THING_CREATED_V1, null, { n }));
    });
  }
}

@Injectable()
class Effects implements EventSubscription {
  readonly durable = 'test-effects';
  readonly filter = 'events.test.>';
  readonly handlers = eventHandlers(
    on(THING_CREATED_V1, async (event, manager) => {
      await manager.query('INSERT INTO con.effect (event_id, n) VALUES ($1, $2)', [event.id, event.data.n]);
    }),
  );
}

const logger = createLogger('test', 'silent');

function publisherModule(config: ServiceConfig): DynamicModule {
  @Module({ providers: [Things] })
  class PublisherModule {}
  return {
    module: PublisherModule,
    imports: [PlatformModule.forService({ service: 'membership', config, logger, database: { schema: 'pub', entities: [], migrations: [PublisherSchema1764000000001] } })],
  };
}

function consumerModule(config: ServiceConfig): DynamicModule {
  @Module({})
  class ConsumerModule {}
  return {
    module: ConsumerModule,
    imports: [
      PlatformModule.forService({
        service: 'commerce',
        config,
        logger,
        database: { schema: 'con', entities: [], migrations: [ConsumerSchema1764000000002] },
        subscriptions: [Effects],
      }),
    ],
  };
}

describe('outbox and inbox over JetStream', () => {
  let env: TestEnv;
  let config: ServiceConfig;
  const apps: INestApplicationContext[] = [];

  async function start(module: (config: ServiceConfig) => DynamicModule): Promise<INestApplicationContext> {
    const app = await NestFactory.createApplicationContext(module(config), { logger: false, abortOnError: false });
    await app.init();
    apps.push(app);
    return app;
  }

  async function stop(app: INestApplicationContext): Promise<void> {
    await app.close();
    apps.splice(apps.indexOf(app), 1);
  }

  async function query<T = Record<string, unknown>>(app: INestApplicationContext, sql: string, params: unknown[] = []): Promise<T[]> {
    return app.get(DataSource).query(sql, params);
  }

  beforeAll(async () => {
    env = await createTestEnv('outbox');
    config = loadConfig(ServiceConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await destroyTestEnv(env);
  });

  it('a consumer that was down catches up: 500 events, each applied once', async () => {
    const publisher = await start(publisherModule);
    const consumer = await start(consumerModule); // declares its durable consumer
    await stop(consumer);

    const things = publisher.get(Things);
    for (let n = 1; n <= 500; n += 10) await Promise.all(Array.from({ length: 10 }, (_, i) => things.create(n + i)));
    await eventually(async () => (await query(publisher, 'SELECT 1 FROM pub.outbox WHERE published_at IS NULL')).length === 0, {
      what: 'the relay to publish the 500 events',
    });

    const restarted = await start(consumerModule);
    const counts = await eventually(
      async () => {
        const [row] = await query<{ total: number; distinct: number }>(restarted, 'SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM con.effect');
        return row.total >= 500 ? row : undefined;
      },
      { what: '500 effects' },
    );
    expect(counts).toEqual({ total: 500, distinct: 500 });
    const [{ missing }] = await query<{ missing: number }>(
      restarted,
      'SELECT count(*)::int AS missing FROM generate_series(1, 500) AS n WHERE n NOT IN (SELECT n FROM con.effect)',
    );
    expect(missing).toBe(0);
  });

  it('a redelivered event has no second effect', async () => {
    const consumer = apps[apps.length - 1];
    const [{ event_id: eventId }] = await query<{ event_id: string }>(consumer, 'SELECT event_id FROM con.effect WHERE n = 42');
    const [{ envelope }] = await query<{ envelope: EventEnvelope }>(apps[0], 'SELECT envelope FROM pub.outbox WHERE id = $1', [eventId]);

    // Deliver the same event again, as JetStream does after a lost ack or the end of the de-duplication window.
    const nc = await connect({ servers: env.natsUrl });
    try {
      const js = jetstream(nc);
      const ack = await js.publish(`${env.namespace}.events.test.thing.created.v1`, JSON.stringify(envelope), { msgID: `redelivery-${eventId}` });
      const jsm = await jetstreamManager(nc);
      await eventually(
        async () => {
          const info = await jsm.consumers.info(eventStreamName(env.namespace), 'test-effects');
          return info.delivered.stream_seq >= ack.seq && info.num_ack_pending === 0;
        },
        { what: 'the redelivery to be handled and acknowledged' },
      );
    } finally {
      await nc.close();
    }
    const rows = await query(consumer, 'SELECT 1 FROM con.effect WHERE event_id = $1', [eventId]);
    expect(rows).toHaveLength(1);
  });

  it('a publisher that republishes after a crash (published but not marked) is de-duplicated by JetStream', async () => {
    const publisher = apps[0];
    await query(publisher, 'UPDATE pub.outbox SET published_at = NULL WHERE id IN (SELECT id FROM pub.outbox ORDER BY created_at LIMIT 20)');
    await publisher.get(OutboxRelay).publishBatch();
    const nc = await connect({ servers: env.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      const stream = await jsm.streams.info(eventStreamName(env.namespace));
      expect(stream.state.messages).toBe(501); // 500 events + the deliberate redelivery above, no copies
    } finally {
      await nc.close();
    }
  });

  it('an event committed by a publisher that died before publishing is sent when it comes back', async () => {
    await stop(apps[0]);
    const consumer = apps[0];
    // What a killed publisher leaves behind: the state change and its event committed, nothing published.
    const event = createEvent(THING_CREATED_V1, null, { n: 1001 });
    const direct = new DataSource({ type: 'postgres', url: env.databaseUrl });
    await direct.initialize();
    try {
      await direct.transaction(async (manager) => {
        await manager.query('INSERT INTO pub.thing (n) VALUES (1001)');
        await appendToOutbox(manager, 'pub', [event]);
      });
    } finally {
      await direct.destroy();
    }
    expect(await query(consumer, 'SELECT 1 FROM con.effect WHERE n = 1001')).toHaveLength(0);

    await start(publisherModule);
    await eventually(async () => (await query(consumer, 'SELECT 1 FROM con.effect WHERE event_id = $1', [event.id])).length === 1, {
      what: 'the event of the dead publisher to be applied',
    });
  });
});
