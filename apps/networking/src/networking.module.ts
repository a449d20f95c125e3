import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseModuleOptions, Logger, PlatformModule } from '@kpa/platform';
import { NetworkingConfig } from './networking.config';
import { NetworkDirectorySubscription } from './directory/network-directory.subscription';
import { NetworkDirectoryRepository } from './directory/network-directory.repository';
import { Init1764000000000 } from './migrations/1764000000000-init';
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

export const NETWORKING_DATABASE: DatabaseModuleOptions = {
  schema: 'networking',
  entities: [],
  migrations: [
    Init1764000000000,
    // networking: directory & map, stats, skill pools
    DirectoryAndSkills1767100000000,
  ],
};

const REPOSITORIES = [
  NetworkDirectoryRepository,
  // networking: directory & map, stats, skill pools
  PoolMembersRepository,
  SkillPoolRepository,
  NetworkStatsRepository,
];

/** Global so that the event subscriptions (which the platform module builds, in its own scope) are injected the repositories. */
@Global()
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
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
          ],
        }),
        NetworkingRepositoriesModule,
      ],
      controllers: [
        // networking: directory & map, stats, skill pools
        NetworkDirectoryRpcController,
        SkillPoolRpcController,
        NetworkStatsRpcController,
      ],
      providers: [
        // networking: directory & map, stats, skill pools
        NetworkDirectoryService,
        SkillPoolService,
      ],
    };
  }
}
