import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseModuleOptions, Logger, PlatformModule } from '@kpa/platform';
import { NetworkingConfig } from './networking.config';
import { NetworkDirectorySubscription } from './directory/network-directory.subscription';
import { NetworkDirectoryRepository } from './directory/network-directory.repository';
import { Init1764000000000 } from './migrations/1764000000000-init';
import { Idempotency1767050000000 } from './migrations/1767050000000-idempotency';
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
import { EquipmentAndLaunches1767300000000 } from './migrations/1767300000000-equipment-and-launches';
import { EquipmentRepository } from './equipment/equipment.repository';
import { EquipmentService } from './equipment/equipment.service';
import { EquipmentRpcController } from './equipment/equipment.rpc-controller';
import { LaunchesRepository } from './launches/launches.repository';
import { LaunchesService } from './launches/launches.service';
import { LaunchesRpcController } from './launches/launches.rpc-controller';
import { LaunchCommerceSubscription } from './launches/launch-commerce.subscription';
import { LaunchMembershipSubscription } from './launches/launch-membership.subscription';

export const NETWORKING_DATABASE: DatabaseModuleOptions = {
  schema: 'networking',
  entities: [],
  migrations: [Init1764000000000, Idempotency1767050000000, DirectoryAndSkills1767100000000, HelpAndReciprocity1767200000000, EquipmentAndLaunches1767300000000],
};

/**
 * Networking's repositories, the reciprocity ledger's write path (help, equipment loans and
 * accompaniment write movements) and the launches' service (which also handles events): global so
 * that the event subscriptions, which the platform module builds in its own scope, get the same ones.
 */
const SHARED_PROVIDERS = [
  NetworkDirectoryRepository,
  PoolMembersRepository,
  SkillPoolRepository,
  NetworkStatsRepository,
  ReciprocityMovementsRepository,
  ReciprocityLedger,
  ReciprocitySitesRepository,
  ReciprocityRepository,
  HelpRequestsRepository,
  EquipmentRepository,
  LaunchesRepository,
  LaunchesService,
];

@Global()
@Module({ providers: SHARED_PROVIDERS, exports: SHARED_PROVIDERS })
export class NetworkingRepositoriesModule {}

/** The network between KPAs: directory and map, skill pools, help between sites, reciprocity, shared equipment, launches (docs/networking.md). */
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
          subscriptions: [NetworkDirectorySubscription, PoolMembersSubscription, ReciprocitySitesSubscription, LaunchMembershipSubscription, LaunchCommerceSubscription],
        }),
        NetworkingRepositoriesModule,
      ],
      controllers: [
        NetworkDirectoryRpcController,
        SkillPoolRpcController,
        NetworkStatsRpcController,
        HelpRequestsRpcController,
        ReciprocityRpcController,
        EquipmentRpcController,
        LaunchesRpcController,
      ],
      providers: [NetworkDirectoryService, SkillPoolService, HelpRequestsService, ReciprocityService, EquipmentService],
    };
  }
}
