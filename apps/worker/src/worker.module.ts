import { DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import Redis from 'ioredis';
import { QUEUES } from '@kpa/contracts';
import { Logger, PlatformModule } from '@kpa/platform';
import { WorkerConfig } from './worker.config';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';

@Module({})
export class WorkerModule {
  static register(config: WorkerConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forService({ service: 'worker', config, logger, redis: true }),
        BullModule.forRoot({
          // BullMQ workers block on Redis: they need maxRetriesPerRequest null.
          connection: new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true }),
          prefix: `${config.KPA_NATS_NAMESPACE}:bull`,
        }),
        BullModule.registerQueue({ name: QUEUES.maintenance }),
      ],
      providers: [MaintenanceProcessor],
    };
  }
}
