import 'reflect-metadata';
import { bootstrap, createLogger, loadConfigOrExit, run } from '@kpa/platform';
import { CommerceConfig, COMMERCE_DEFAULTS } from './commerce.config';
import { CommerceModule } from './commerce.module';

const config = loadConfigOrExit(CommerceConfig, COMMERCE_DEFAULTS);
const logger = createLogger('commerce', config.LOG_LEVEL);
run(() => bootstrap({ service: 'commerce', module: CommerceModule.register(config, logger) as never, config, logger, rpc: true }), logger);
