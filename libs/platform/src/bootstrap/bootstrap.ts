import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { MicroserviceOptions } from '@nestjs/microservices';
import { ServiceName } from '@kpa/contracts';
import { ServiceConfig } from '../config/config';
import { Logger, NestPinoLogger } from '../logging/logger';
import { Metrics } from '../metrics/metrics';
import { closeMetrics, portOf, serveMetrics } from '../metrics/metrics-server';
import type { Server } from 'node:http';
import { NamespacedNatsServer } from '../rpc/namespaced-nats.server';
import { installHttpObservability } from './http-observability';
import { DatabaseModuleOptions, migrateAsOwner } from '../database/database.module';
import type { FastifyServerOptions } from 'fastify';

export interface BootstrapOptions {
  service: ServiceName;
  module: Type<unknown>;
  config: ServiceConfig;
  logger: Logger;
  /** Answer RPC requests over NATS (every service but the gateway). */
  rpc: boolean;
  /** Extra set-up of the HTTP app before it listens (the gateway's pipes, filters, OpenAPI). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
  bodyLimitBytes?: number;
  /** Behind a reverse proxy: client IPs from X-Forwarded-For. */
  trustProxy?: boolean;
  /** How the router and the HTTP parser answer what they refuse before Nest (the gateway's error contract). */
  frameworkErrors?: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>;
}

/**
 * Starts one service: Fastify for HTTP (health, and the API on the gateway), Prometheus metrics on
 * a listener of their own (METRICS_PORT, never published), NATS
 * request/reply in the service's queue group, graceful shutdown on SIGTERM/SIGINT.
 */
export async function bootstrap(options: BootstrapOptions): Promise<NestFastifyApplication> {
  const { config, logger } = options;
  const app = await NestFactory.create<NestFastifyApplication>(
    options.module,
    new FastifyAdapter({
      logger: false,
      bodyLimit: options.bodyLimitBytes ?? 1_048_576,
      return503OnClosing: false,
      trustProxy: options.trustProxy ?? false,
      ...options.frameworkErrors,
    }),
    { logger: new NestPinoLogger(logger), abortOnError: false },
  );
  installHttpObservability(app, logger, app.get(Metrics));
  await options.configure?.(app);
  if (options.rpc) {
    app.connectMicroservice<MicroserviceOptions>(
      {
        strategy: new NamespacedNatsServer(
          {
            servers: config.NATS_URL.split(','),
            queue: options.service,
            name: `kpa-${options.service}-${process.pid}`,
            maxReconnectAttempts: -1,
            reconnectTimeWait: 500,
            gracefulShutdown: true,
            gracePeriod: config.SHUTDOWN_GRACE_MS,
          },
          config.KPA_NATS_NAMESPACE,
        ),
      },
      { inheritAppConfig: true },
    );
  }
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  // The hook is added before init (Fastify takes no hooks once ready); the listener starts after it.
  const listeners: { metrics?: Server } = {};
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', async () => {
      if (listeners.metrics) await closeMetrics(listeners.metrics);
    });
  await app.init();
  if (options.rpc) await app.startAllMicroservices();
  const metricsHost = config.METRICS_HOST ?? config.HTTP_HOST;
  const metricsServer = (listeners.metrics = await serveMetrics(app.get(Metrics).registry, metricsHost, config.METRICS_PORT));
  await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
  logger.info(
    { port: config.HTTP_PORT, host: config.HTTP_HOST, metricsPort: portOf(metricsServer), metricsHost, namespace: config.KPA_NATS_NAMESPACE },
    `${options.service} ready`,
  );
  return app;
}

/** `main.js --migrate-only`: run the service's migrations and exit (the one-shot step of a deployment). */
export async function migrateOnly(config: ServiceConfig, database: DatabaseModuleOptions, logger: Logger): Promise<void> {
  const applied = await migrateAsOwner(config, database);
  logger.info({ schema: database.schema, applied }, `migrations done (${applied.length} applied)`);
}

/**
 * For main.ts: start (or only migrate, with `--migrate-only`), or log why not and exit non-zero.
 */
export function run(start: () => Promise<INestApplication>, logger: Logger, migrations?: () => Promise<void>): void {
  if (process.argv.includes('--migrate-only')) {
    if (!migrations) {
      logger.info('this service has no database: nothing to migrate');
      return;
    }
    migrations().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: error }, `migrations failed: ${error instanceof Error ? error.message : String(error)}`);
        setTimeout(() => process.exit(1), 100);
      },
    );
    return;
  }
  start().catch((error: unknown) => {
    logger.fatal({ err: error }, `start failed: ${error instanceof Error ? error.message : String(error)}`);
    logger.flush?.();
    setTimeout(() => process.exit(1), 100);
  });
}
