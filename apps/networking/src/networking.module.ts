import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseModuleOptions, Logger, PlatformModule } from '@kpa/platform';
import { NetworkingConfig } from './networking.config';
import { NetworkDirectorySubscription } from './directory/network-directory.subscription';
import { NetworkDirectoryRepository } from './directory/network-directory.repository';
import { Init1764000000000 } from './migrations/1764000000000-init';
import { Idempotency1767050000000 } from './migrations/1767050000000-idempotency';
// networking: directory & map, stats, skill pools
import { DirectoryAndSkills1767100000000 } from './migrations/1767100000000-directory-and-skills';
import { NetworkDirectoryService } from './directory/network-directory.service';
import { NetworkDirectoryRpcController } from './directory/network-directory.rpc-controller';
import { PoolMembersRepository } from './members/pool-members.repository';
import { PoolMembersSubscription } from './members/pool-members.subscription';
import { SkillPoolRepository } from './skills/skill-pool.repository';
import { SkillPoolService } from './skills/skill-pool.service';
import { SkillPoolRpcController } from './skills/skill-pool.rpc-controller';
import { NetworkStatsRepository } from './stats/network-stats.repository';
import { NetworkStatsRpcController } from './stats/network-stats.rpc-controller';
// networking: help requests, reciprocity
import { HelpAndReciprocity1767200000000 } from './migrations/1767200000000-help-and-reciprocity';
import { ReciprocityLedger } from './reciprocity/reciprocity-ledger';
import { ReciprocityMovementsRepository } from './reciprocity/reciprocity-movements.repository';
import { ReciprocitySitesRepository } from './reciprocity/reciprocity-sites.repository';
import { ReciprocitySitesSubscription } from './reciprocity/reciprocity-sites.subscription';
import { ReciprocityRepository } from './reciprocity/reciprocity.repository';
import { ReciprocityService } from './reciprocity/reciprocity.service';
import { ReciprocityRpcController } from './reciprocity/reciprocity.rpc-controller';
import { HelpRequestsRepository } from './help-requests/help-requests.repository';
import { HelpRequestsService } from './help-requests/help-requests.service';
import { HelpRequestsRpcController } from './help-requests/help-requests.rpc-controller';

export const NETWORKING_DATABASE: DatabaseModuleOptions = {
  schema: 'networking',
  entities: [],
  migrations: [
    Init1764000000000,
    Idempotency1767050000000,
    // networking: directory & map, stats, skill pools
    DirectoryAndSkills1767100000000,
    // networking: help requests, reciprocity
    HelpAndReciprocity1767200000000,
  ],
};

const SHARED_PROVIDERS = [
  NetworkDirectoryRepository,
  // networking: directory & map, stats, skill pools
  PoolMembersRepository,
  SkillPoolRepository,
  NetworkStatsRepository,
  // networking: help requests, reciprocity (the ledger's write path is used by equipment loans and launches too)
  ReciprocityMovementsRepository,
  ReciprocityLedger,
  ReciprocitySitesRepository,
  ReciprocityRepository,
  HelpRequestsRepository,
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
          subscriptions: [
            NetworkDirectorySubscription,
            // networking: directory & map, stats, skill pools
            PoolMembersSubscription,
            // networking: help requests, reciprocity
            ReciprocitySitesSubscription,
          ],
        }),
        NetworkingRepositoriesModule,
      ],
      controllers: [
        // networking: directory & map, stats, skill pools
        NetworkDirectoryRpcController,
        SkillPoolRpcController,
        NetworkStatsRpcController,
        // networking: help requests, reciprocity
        HelpRequestsRpcController,
        ReciprocityRpcController,
      ],
      providers: [
        // networking: directory & map, stats, skill pools
        NetworkDirectoryService,
        SkillPoolService,
        // networking: help requests, reciprocity
        HelpRequestsService,
        ReciprocityService,
      ],
    };
  }
}
