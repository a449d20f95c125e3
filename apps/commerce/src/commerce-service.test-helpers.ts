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

/** Starts commerce on a fresh test database with `env` added to its configuration. */
export async function startCommerce(label: string, env: Record<string, string> = {}): Promise<CommerceUnderTest> {
  const testEnv = await createTestEnv(label);
  const config = loadConfig(CommerceConfig, { ...testEnv.serviceEnv, ...env } as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
  const commerce: INestMicroservice = await NestFactory.createMicroservice<MicroserviceOptions>(CommerceModule.register(config, createLogger('commerce', 'silent')), {
    strategy: new NamespacedNatsServer({ servers: testEnv.natsUrl.split(','), queue: 'commerce' }, testEnv.namespace),
    logger: false,
    abortOnError: false,
  });
  await commerce.listen();
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
      await commerce.close();
      await db.close();
      await destroyTestEnv(testEnv);
    },
  };
}

/** Seeds commerce's read model of one host structure (SIREN 120027016) with one site, as membership's events would. */
export async function seedSeller(db: OwnerDatabase, ids: { hostId: string; siteId: string; siteCode: string }, vatNumber: string | null = 'FR32120027016'): Promise<void> {
  const identity = JSON.stringify({ legalForm: 'SCOP SA', shareCapital: '15000', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' });
  await db.query(
    `INSERT INTO commerce.seller_host_structure (id, kind, legal_name, siret, vat_number, city, identity, updated_at) VALUES ($1, 'cae', 'CAE Grand Nord', '12002701600357', $2, 'Lille', $3, now())`,
    [ids.hostId, vatNumber, identity],
  );
  await db.query(`INSERT INTO commerce.seller_site (id, code, name, city, status, host_structure_id, updated_at) VALUES ($1, $2, $2, 'Roubaix', 'active', $3, now())`, [
    ids.siteId,
    ids.siteCode,
    ids.hostId,
  ]);
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
