import 'reflect-metadata';
import { bootstrap, createLogger, loadConfigOrExit, migrateOnly, run } from '@kpa/platform';
import { WorkerConfig, WORKER_DEFAULTS } from './worker.config';
import { WorkerModule, WORKER_DATABASE } from './worker.module';
import { registerQueueDashboard } from './dashboard/queue-dashboard';

const config = loadConfigOrExit(WorkerConfig, WORKER_DEFAULTS);
const logger = createLogger('worker', config.LOG_LEVEL);
run(
  () => bootstrap({ service: 'worker', module: WorkerModule.register(config, logger) as never, config, logger, rpc: true, configure: registerQueueDashboard }),
  logger,
  () => migrateOnly(config, WORKER_DATABASE, logger),
);
