import 'reflect-metadata';
import { bootstrap, createLogger, loadConfigOrExit, migrateOnly, run } from '@kpa/platform';
import { RemunerationConfig, REMUNERATION_DEFAULTS } from './remuneration.config';
import { RemunerationModule, REMUNERATION_DATABASE } from './remuneration.module';

const config = loadConfigOrExit(RemunerationConfig, REMUNERATION_DEFAULTS);
const logger = createLogger('remuneration', config.LOG_LEVEL);
run(
  () => bootstrap({ service: 'remuneration', module: RemunerationModule.register(config, logger) as never, config, logger, rpc: true }),
  logger,
  () => migrateOnly(config, REMUNERATION_DATABASE, logger),
);
