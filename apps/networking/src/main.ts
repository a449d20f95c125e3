import 'reflect-metadata';
import { bootstrap, createLogger, loadConfigOrExit, run } from '@kpa/platform';
import { NetworkingConfig, NETWORKING_DEFAULTS } from './networking.config';
import { NetworkingModule } from './networking.module';

const config = loadConfigOrExit(NetworkingConfig, NETWORKING_DEFAULTS);
const logger = createLogger('networking', config.LOG_LEVEL);
run(() => bootstrap({ service: 'networking', module: NetworkingModule.register(config, logger) as never, config, logger, rpc: true }), logger);
