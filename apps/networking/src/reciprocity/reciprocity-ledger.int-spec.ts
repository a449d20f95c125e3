import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { siteIdOf } from '@kpa/contracts';
import { createLogger, loadConfig, PlatformModule, ServiceConfig, UnitOfWork } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { NETWORKING_DATABASE, NetworkingRepositoriesModule } from '../networking.module';
import { MovementToRecord, ReciprocityLedger } from './reciprocity-ledger';

/**
 * The ledger's write path against a real Postgres: a command retried (or an event replayed) that
 * records the same (kind, sourceId) again writes no second movement and no second event, even
 * when the two attempts race; a rolled-back unit of work leaves neither.
 */
describe('reciprocity ledger write path', () => {
  let env: TestEnv;
  let app: INestApplicationContext;
  let db: DataSource;
  let uow: UnitOfWork;
  let ledger: ReciprocityLedger;
  const giver = siteIdOf(randomUUID());
  const receiver = siteIdOf(randomUUID());

  function serviceModule(config: ServiceConfig): DynamicModule {
    @Module({})
    class LedgerModule {}
    return {
      module: LedgerModule,
      imports: [
        PlatformModule.forService({ service: 'networking', config, logger: createLogger('networking', 'silent'), database: NETWORKING_DATABASE, subscriptions: [] }),
        NetworkingRepositoriesModule,
      ],
    };
  }

  beforeAll(async () => {
    env = await createTestEnv('networking_ledger');
    const config = loadConfig(ServiceConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    app = await NestFactory.createApplicationContext(serviceModule(config), { logger: false, abortOnError: false });
    await app.init();
    db = app.get(DataSource);
    uow = app.get(UnitOfWork);
    ledger = app.get(ReciprocityLedger);
  });

  afterAll(async () => {
    await app?.close();
    if (env) await destroyTestEnv(env);
  });

  const movement = (sourceId: string, hours = '7.5'): MovementToRecord => ({
    kind: 'help',
    giverSiteId: giver,
    receiverSiteId: receiver,
    hours,
    sourceId,
    label: 'Aide traiteur',
    recordedBy: 'user-1',
  });

  async function movementsOf(sourceId: string): Promise<{ id: string; hours: string }[]> {
    return db.query('SELECT id, hours::text AS hours FROM networking.reciprocity_movement WHERE source_id = $1', [sourceId]);
  }

  async function eventsOf(movementId: string): Promise<number> {
    const [row] = await db.query(`SELECT count(*)::int AS n FROM networking.outbox WHERE envelope->'data'->>'movementId' = $1`, [movementId]);
    return row.n;
  }

  it('records once, publishes once, normalises hours to two decimals', async () => {
    const sourceId = randomUUID();
    const first = await uow.run((tx) => ledger.record(tx, movement(sourceId)));
    expect(first.recorded).toBe(true);
    expect(await movementsOf(sourceId)).toEqual([{ id: first.movementId, hours: '7.50' }]);
    expect(await eventsOf(first.movementId)).toBe(1);
    const [outbox] = await db.query(`SELECT subject, envelope FROM networking.outbox WHERE envelope->'data'->>'movementId' = $1`, [first.movementId]);
    expect(outbox.envelope.data).toEqual(expect.objectContaining({ kind: 'help', giverSiteId: giver, receiverSiteId: receiver, hours: '7.50', sourceId, reversesId: null }));
    expect(outbox.envelope.data).not.toHaveProperty('label');
  });

  it('a retried command changes nothing: same movement id, recorded false, no second event', async () => {
    const sourceId = randomUUID();
    const first = await uow.run((tx) => ledger.record(tx, movement(sourceId)));
    const retry = await uow.run((tx) => ledger.record(tx, movement(sourceId, '9')));
    expect(retry).toEqual({ movementId: first.movementId, recorded: false });
    expect(await movementsOf(sourceId)).toEqual([{ id: first.movementId, hours: '7.50' }]);
    expect(await eventsOf(first.movementId)).toBe(1);
  });

  it('ten racing attempts at one source write exactly one movement', async () => {
    const sourceId = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => uow.run((tx) => ledger.record(tx, movement(sourceId)))));
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(new Set(results.map((r) => r.movementId)).size).toBe(1);
    expect(await movementsOf(sourceId)).toHaveLength(1);
  });

  it('the same source under another kind is another movement', async () => {
    const sourceId = randomUUID();
    await uow.run((tx) => ledger.record(tx, movement(sourceId)));
    const loan = await uow.run((tx) => ledger.record(tx, { ...movement(sourceId), kind: 'equipment_loan' }));
    expect(loan.recorded).toBe(true);
    expect(await movementsOf(sourceId)).toHaveLength(2);
  });

  it('a rolled-back unit of work leaves no movement and no event', async () => {
    const sourceId = randomUUID();
    await expect(
      uow.run(async (tx) => {
        await ledger.record(tx, movement(sourceId));
        throw new Error('the feature failed after recording');
      }),
    ).rejects.toThrow('failed');
    expect(await movementsOf(sourceId)).toEqual([]);
  });

  it('refuses hours that are not positive with two decimals, and a site giving to itself', async () => {
    for (const hours of ['0', '-1', '1.234', 'abc', '']) {
      await expect(uow.run((tx) => ledger.record(tx, movement(randomUUID(), hours)))).rejects.toThrow(RangeError);
    }
    await expect(uow.run((tx) => ledger.record(tx, { ...movement(randomUUID()), receiverSiteId: giver }))).rejects.toThrow(RangeError);
  });
});
