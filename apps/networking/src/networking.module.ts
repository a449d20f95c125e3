import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseModuleOptions, Logger, PlatformModule } from '@kpa/platform';
import { NetworkingConfig } from './networking.config';
import { NetworkDirectorySubscription } from './directory/network-directory.subscription';
import { NetworkDirectoryRepository } from './directory/network-directory.repository';
import { Init1764000000000 } from './migrations/1764000000000-init';
// networking: help requests, reciprocity
import { HelpAndReciprocity1767200000000 } from './migrations/1767200000000-help-and-reciprocity';
import { ReciprocityLedger } from './reciprocity/reciprocity-ledger';
import { ReciprocityMovementsRepository } from './reciprocity/reciprocity-movements.repository';

export const NETWORKING_DATABASE: DatabaseModuleOptions = {
  schema: 'networking',
  entities: [],
  migrations: [
    Init1764000000000,
    // networking: help requests, reciprocity
    HelpAndReciprocity1767200000000,
  ],
};

const SHARED_PROVIDERS = [
  NetworkDirectoryRepository,
  // networking: help requests, reciprocity (the ledger's write path is used by equipment loans and launches too)
  ReciprocityMovementsRepository,
  ReciprocityLedger,
];

/** Global so that the event subscriptions (which the platform module builds, in its own scope) are injected the repositories. */
@Global()
@Module({ providers: SHARED_PROVIDERS, exports: SHARED_PROVIDERS })
export class NetworkingRepositoriesModule {}

@Module({})
export class NetworkingModule {
  static register(config: NetworkingConfig, logger: Logger): DynamicModule {
    return {
      module: NetworkingModule,
      imports: [
        PlatformModule.forService({
          service: 'networking',
          config,
          logger,
          database: NETWORKING_DATABASE,
          subscriptions: [NetworkDirectorySubscription],
        }),
        NetworkingRepositoriesModule,
      ],
    };
  }
}
