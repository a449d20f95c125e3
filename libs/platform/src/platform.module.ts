import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { RPC, ServiceName } from '@kpa/contracts';
import { ServiceConfig } from './config/config';
import { LOGGER, Logger } from './logging/logger';
import { Metrics } from './metrics/metrics';
import { NatsClient } from './messaging/nats';
import { HealthService } from './health/health.service';
import { HealthController } from './health/health.controller';
import { READINESS_CHECKS, ReadinessCheck, SERVICE_PROBES } from './health/readiness';
import { RpcClient } from './rpc/rpc-client';
import { DatabaseModule, DatabaseModuleOptions } from './database/database.module';
import { OutboxRelay } from './messaging/outbox-relay';
import { UnitOfWork } from './messaging/unit-of-work';
import { IdempotencyJanitor } from './idempotency/idempotency-janitor';
import { EventConsumerHost } from './messaging/event-consumer';
import { EVENT_SUBSCRIPTIONS, EventSubscription, MESSAGING_OPTIONS } from './messaging/messaging.options';
import { RpcErrorFilter } from './rpc/rpc-error.filter';
import { RpcContextInterceptor } from './rpc/rpc-context.interceptor';
import { healthRpcController } from './rpc/health-rpc.controller';
import { REDIS, SERVICE_NAME } from './platform.tokens';
import { RedisLifecycle } from './redis/redis.lifecycle';
import { DEV_CURSOR_SECRET, useCursorSecret } from './pagination';

export interface PlatformOptions {
  service: ServiceName;
  config: ServiceConfig;
  logger: Logger;
  /** The service's schema, entities and migrations; also gives it an outbox, a relay and an inbox. */
  database?: DatabaseModuleOptions;
  /** Durable JetStream consumers of this service. */
  subscriptions?: Type<EventSubscription>[];
  /** Whether the service uses Redis (then it is checked for readiness). */
  redis?: boolean;
  /** Calls other services over NATS (gives an RpcClient); their readiness is reported in /health/ready. */
  calls?: ServiceName[];
}

const PROBE_TIMEOUT_MS = 1000;

/**
 * What every service stands on: typed config, JSON logger, metrics, health, NATS, and
 * (when it has a schema) Postgres with an outbox, a relay and durable event consumers.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { config } = options;
    useCursorSecret(config.CURSOR_SECRET ?? DEV_CURSOR_SECRET);
    const providers: Provider[] = [
      { provide: ServiceConfig, useValue: config },
      { provide: config.constructor, useValue: config },
      { provide: LOGGER, useValue: options.logger },
      { provide: SERVICE_NAME, useValue: options.service },
      Metrics,
      NatsClient,
      HealthService,
      { provide: APP_INTERCEPTOR, useClass: RpcContextInterceptor },
      {
        provide: READINESS_CHECKS,
        inject: [NatsClient, { token: DataSource, optional: true }, { token: REDIS, optional: true }],
        useFactory: (nats: NatsClient, dataSource?: DataSource, redis?: Redis): ReadinessCheck[] => [
          { name: 'nats', check: () => nats.check() },
          ...(dataSource ? [{ name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) }] : []),
          ...(redis ? [{ name: 'redis', check: async () => void (await redis.ping()) }] : []),
        ],
      },
    ];
    const imports: DynamicModule[] = [];
    const exports: unknown[] = [ServiceConfig, config.constructor, LOGGER, SERVICE_NAME, Metrics, NatsClient, HealthService];
    if (options.redis) {
      providers.push(
        {
          provide: REDIS,
          useFactory: () => new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true }),
        },
        RedisLifecycle,
      );
      exports.push(REDIS);
    }
    if (options.database) {
      imports.push(DatabaseModule.forService(options.database));
      const subscriptions = options.subscriptions ?? [];
      providers.push(
        { provide: MESSAGING_OPTIONS, useValue: { schema: options.database.schema } },
        OutboxRelay,
        UnitOfWork,
        IdempotencyJanitor,
        ...subscriptions,
        { provide: EVENT_SUBSCRIPTIONS, inject: subscriptions, useFactory: (...subs: EventSubscription[]) => subs },
        EventConsumerHost,
      );
      exports.push(UnitOfWork, DatabaseModule);
    }
    if (options.calls) {
      const services = options.calls;
      providers.push(RpcClient, {
        provide: SERVICE_PROBES,
        inject: [RpcClient],
        useFactory: (rpc: RpcClient): ReadinessCheck[] =>
          services.map((service) => ({
            name: service,
            check: async () => {
              const report = await rpc.call(RPC.health(service), {}, PROBE_TIMEOUT_MS);
              if (report.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(report.checks)}`);
            },
          })),
      });
      exports.push(RpcClient);
    }
    const controllers: Type<unknown>[] = [HealthController];
    if (options.service !== 'gateway') {
      // The gateway maps errors to HTTP itself; services answer RPC errors as { code, message, details }.
      providers.push({ provide: APP_FILTER, useClass: RpcErrorFilter });
      controllers.push(healthRpcController(options.service));
    }
    return { module: PlatformModule, imports, providers, controllers, exports: exports as never[] };
  }
}
