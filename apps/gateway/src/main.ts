import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { bootstrap, createLogger, loadConfigOrExit, migrateOnly, run } from '@kpa/platform';
import { GatewayConfig, GATEWAY_DEFAULTS } from './gateway.config';
import { GATEWAY_DATABASE, GatewayModule } from './gateway.module';
import { validationPipe } from './http/validation';
import { setUpOpenApi } from './http/openapi';
import { registerSecurityHeaders } from './http/security-headers';
import { frameworkErrorHandlers } from './http/framework-errors';
import { defaultWebDistDir, registerWebConsole } from './http/web-console';

const config = loadConfigOrExit(GatewayConfig, GATEWAY_DEFAULTS);
const logger = createLogger('gateway', config.LOG_LEVEL);

run(
  () =>
    bootstrap({
      service: 'gateway',
      module: GatewayModule.register(config, logger) as never,
      config,
      logger,
      rpc: false,
      trustProxy: config.TRUST_PROXY,
      frameworkErrors: frameworkErrorHandlers(logger),
      configure: async (app) => {
        await registerSecurityHeaders(app);
        // The web console's refresh cookie (auth/console-cookie.ts); unsigned: its value is an opaque random token.
        await app.register(fastifyCookie);
        await registerWebConsole(app, config.WEB_DIST_DIR ?? defaultWebDistDir());
        app.useGlobalPipes(validationPipe());
        setUpOpenApi(app);
      },
    }),
  logger,
  () => migrateOnly(config, GATEWAY_DATABASE, logger),
);
