import 'reflect-metadata';
import { bootstrap, createLogger, loadConfigOrExit, migrateOnly, run } from '@kpa/platform';
import { NetworkingConfig, NETWORKING_DEFAULTS } from './networking.config';
import { NetworkingModule, NETWORKING_DATABASE } from './networking.module';

const config = loadConfigOrExit(NetworkingConfig, NETWORKING_DEFAULTS);
const logger = createLogger('networking', config.LOG_LEVEL);
run(
  () => bootstrap({ service: 'networking', module: NetworkingModule.register(config, logger) as never, config, logger, rpc: true }),
  logger,
  () => migrateOnly(config, NETWORKING_DATABASE, logger),
);
