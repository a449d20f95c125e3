import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModuleOptions, Logger, PlatformModule } from '@kpa/platform';
import { RemunerationConfig } from './remuneration.config';
import { Init1764000000000 } from './migrations/1764000000000-init';

export const REMUNERATION_DATABASE: DatabaseModuleOptions = { schema: 'remuneration', entities: [], migrations: [Init1764000000000] };

@Module({})
export class RemunerationModule {
  static register(config: RemunerationConfig, logger: Logger): DynamicModule {
    return {
      module: RemunerationModule,
      imports: [
        PlatformModule.forService({
          service: 'remuneration',
          config,
          logger,
          database: REMUNERATION_DATABASE,
        }),
      ],
    };
  }
}
