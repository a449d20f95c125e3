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
// networking: equipment, launches
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
  migrations: [
    Init1764000000000,
    // networking: help requests, reciprocity
    HelpAndReciprocity1767200000000,
    // networking: equipment, launches
    EquipmentAndLaunches1767300000000,
  ],
};

const SHARED_PROVIDERS = [
  NetworkDirectoryRepository,
  // networking: help requests, reciprocity (the ledger's write path is used by equipment loans and launches too)
  ReciprocityMovementsRepository,
  ReciprocityLedger,
  // networking: equipment, launches (the launches' service handles events too, so it is shared with the subscriptions)
  EquipmentRepository,
  LaunchesRepository,
  LaunchesService,
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
            // networking: equipment, launches
            LaunchMembershipSubscription,
            LaunchCommerceSubscription,
          ],
        }),
        NetworkingRepositoriesModule,
      ],
      controllers: [
        // networking: equipment, launches
        EquipmentRpcController,
        LaunchesRpcController,
      ],
      providers: [
        // networking: equipment, launches
        EquipmentService,
      ],
    };
  }
}
