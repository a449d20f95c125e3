import 'reflect-metadata';
import { bootstrap, createLogger, loadConfigOrExit, migrateOnly, run } from '@kpa/platform';
import { CommerceConfig, COMMERCE_DEFAULTS } from './commerce.config';
import { CommerceModule, COMMERCE_DATABASE } from './commerce.module';

const config = loadConfigOrExit(CommerceConfig, COMMERCE_DEFAULTS);
const logger = createLogger('commerce', config.LOG_LEVEL);
run(
  () => bootstrap({ service: 'commerce', module: CommerceModule.register(config, logger) as never, config, logger, rpc: true }),
  logger,
  () => migrateOnly(config, COMMERCE_DATABASE, logger),
);
