import 'reflect-metadata';
import { bootstrap, createLogger, loadConfigOrExit, migrateOnly, run } from '@kpa/platform';
import { MembershipConfig, MEMBERSHIP_DEFAULTS } from './membership.config';
import { MembershipModule, MEMBERSHIP_DATABASE } from './membership.module';

const config = loadConfigOrExit(MembershipConfig, MEMBERSHIP_DEFAULTS);
const logger = createLogger('membership', config.LOG_LEVEL);
run(
  () => bootstrap({ service: 'membership', module: MembershipModule.register(config, logger) as never, config, logger, rpc: true }),
  logger,
  () => migrateOnly(config, MEMBERSHIP_DATABASE, logger),
);
