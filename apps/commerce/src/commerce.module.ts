import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModuleOptions, Logger, PlatformModule } from '@kpa/platform';
import { CommerceConfig } from './commerce.config';
import { SellerDirectorySubscription } from './sellers/seller-directory.subscription';
import { Init1764000000000 } from './migrations/1764000000000-init';
import { DocumentCounters1764900000000 } from './migrations/1764900000000-document-counters';

export const COMMERCE_DATABASE: DatabaseModuleOptions = { schema: 'commerce', entities: [], migrations: [Init1764000000000, DocumentCounters1764900000000] };

@Module({})
export class CommerceModule {
  static register(config: CommerceConfig, logger: Logger): DynamicModule {
    return {
      module: CommerceModule,
      imports: [
        PlatformModule.forService({
          service: 'commerce',
          config,
          logger,
          database: COMMERCE_DATABASE,
          subscriptions: [SellerDirectorySubscription],
        }),
      ],
    };
  }
}
