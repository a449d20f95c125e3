import { randomUUID } from 'node:crypto';
import { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { ErrorBody, RpcRequest, RpcResponse, RpcSubject } from '@kpa/contracts';
import { createLogger, loadConfig, NamespacedNatsServer } from '@kpa/platform';
import { createTestEnv, databaseAsOwner, destroyTestEnv, OwnerDatabase, TestEnv } from '@kpa/testing';
import { CommerceConfig } from './commerce.config';
import { CommerceModule } from './commerce.module';

/** The real commerce service for an integration test: its own database and namespace, called over NATS. */
export interface CommerceUnderTest {
  env: TestEnv;
  /** The database as its owner (to seed the read models membership's events would fill). */
  db: OwnerDatabase;
  call<S extends RpcSubject>(subject: S, data: RpcRequest<S>): Promise<RpcResponse<S>>;
  close(): Promise<void>;
}

/**
 * Starts commerce on a fresh test database with `env` added to its configuration: `instances` of it
 * in one queue group (one after the other: the first migrates, the next find the schema ready).
 */
export async function startCommerce(label: string, env: Record<string, string> = {}, instances = 1): Promise<CommerceUnderTest> {
  const testEnv = await createTestEnv(label);
  const config = loadConfig(CommerceConfig, { ...testEnv.serviceEnv, ...env } as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
  const apps: INestMicroservice[] = [];
  for (let i = 0; i < instances; i++) {
    const app = await NestFactory.createMicroservice<MicroserviceOptions>(CommerceModule.register(config, createLogger('commerce', 'silent')), {
      strategy: new NamespacedNatsServer({ servers: testEnv.natsUrl.split(','), queue: 'commerce' }, testEnv.namespace),
      logger: false,
      abortOnError: false,
    });
    await app.listen();
    apps.push(app);
  }
  const db = databaseAsOwner(testEnv);
  const nc: NatsConnection = await connect({ servers: testEnv.natsUrl.split(',') });
  return {
    env: testEnv,
    db,
    async call<S extends RpcSubject>(subject: S, data: RpcRequest<S>): Promise<RpcResponse<S>> {
      const reply = await nc.request(`${testEnv.namespace}.${subject}`, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 60_000 });
      const { err, response } = reply.json<{ err?: ErrorBody; response?: RpcResponse<S> }>();
      if (err) throw Object.assign(new Error(err.message), err);
      return response as RpcResponse<S>;
    },
    async close() {
      await nc.close();
      for (const app of apps) await app.close();
      await db.close();
      await destroyTestEnv(testEnv);
    },
  };
}

const IDENTITY = { legalForm: 'SCOP SA', shareCapital: '15000', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' };

/** Seeds commerce's read model of a host structure, as membership's events would. */
export async function seedHostStructure(db: OwnerDatabase, host: { id: string; siret?: string; vatNumber?: string | null; identity?: Record<string, unknown> }): Promise<void> {
  await db.query(
    `INSERT INTO commerce.seller_host_structure (id, kind, legal_name, siret, vat_number, city, identity, updated_at) VALUES ($1, 'cae', 'CAE Grand Nord', $2, $3, 'Lille', $4, now())`,
    [host.id, host.siret ?? '12002701600357', host.vatNumber === undefined ? 'FR32120027016' : host.vatNumber, JSON.stringify({ ...IDENTITY, ...host.identity })],
  );
}

/** Seeds commerce's read model of a site of a host structure. */
export async function seedSite(db: OwnerDatabase, site: { id: string; code: string; hostId: string }): Promise<void> {
  await db.query(`INSERT INTO commerce.seller_site (id, code, name, city, status, host_structure_id, updated_at) VALUES ($1, $2, $2, 'Roubaix', 'active', $3, now())`, [
    site.id,
    site.code,
    site.hostId,
  ]);
}

/** One host structure (SIREN 120027016, VAT-registered) with one site. */
export async function seedSeller(db: OwnerDatabase, ids: { hostId: string; siteId: string; siteCode: string }): Promise<void> {
  await seedHostStructure(db, { id: ids.hostId });
  await seedSite(db, { id: ids.siteId, code: ids.siteCode, hostId: ids.hostId });
}

/** Seeds one client of a site. */
export async function seedClient(
  db: OwnerDatabase,
  client: { id: string; siteId: string; kind: string; name: string; siret?: string | null; vatNumber?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO commerce.client (id, site_id, kind, name, siret, vat_number, billing_address, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, '{"line":"8 rue Jules Guesde","postalCode":"59100","city":"Roubaix"}', now(), now())`,
    [client.id, client.siteId, client.kind, client.name, client.siret ?? null, client.vatNumber ?? null],
  );
}
