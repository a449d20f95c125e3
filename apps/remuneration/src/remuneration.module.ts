import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseModuleOptions, Logger, PlatformModule } from '@kpa/platform';
import { RemunerationConfig } from './remuneration.config';
import { Init1764000000000 } from './migrations/1764000000000-init';
import { Ledger1765600000000 } from './migrations/1765600000000-ledger';
import { DirectorySubscription } from './directory/directory.subscription';
import { LedgerSubscription } from './ledger/ledger.subscription';
import { ContributionEntity } from './contributions/contribution.entity';
import { ContributionsService } from './contributions/contributions.service';
import { ContributionsRpcController } from './contributions/contributions.rpc-controller';
import { SettingsService } from './settings/settings.service';
import { SettingsRpcController } from './settings/settings.rpc-controller';
import { Periods1765700000000 } from './migrations/1765700000000-periods';
import { RefundMovements1768500000000 } from './migrations/1768500000000-refund-movements';
import { RowSecurity1767000000000 } from './migrations/1767000000000-row-security';
import { Idempotency1766100000000 } from './migrations/1766100000000-idempotency';
import { PeriodsService } from './periods/periods.service';
import { ObjectionsService } from './periods/objections.service';
import { RecognitionsService } from './periods/recognitions.service';
import { PeriodsRpcController } from './periods/periods.rpc-controller';
import { PeriodErasureSubscription } from './periods/period-erasure.subscription';
import { PaySimulatorService } from './simulator/pay-simulator.service';
import { PaySimulatorRpcController } from './simulator/pay-simulator.rpc-controller';
import { DirectoryRepository } from './directory/directory.repository';
import { ContributionsRepository } from './contributions/contributions.repository';
import { LedgerRepository } from './ledger/ledger.repository';
import { SiteSettingsRepository } from './settings/site-settings.repository';
import { PeriodsRepository } from './periods/periods.repository';
import { ObjectionsRepository } from './periods/objections.repository';
import { ActivityFiguresRepository } from './activity/activity-figures.repository';
import { ActivityFiguresRpcController } from './activity/activity-figures.rpc-controller';
import { ActivityFiguresService } from './activity/activity-figures.service';
import { RecognitionsRepository } from './periods/recognitions.repository';

export const REMUNERATION_DATABASE: DatabaseModuleOptions = {
  schema: 'remuneration',
  entities: [ContributionEntity],
  migrations: [Init1764000000000, Ledger1765600000000, Periods1765700000000, Idempotency1766100000000, RowSecurity1767000000000, RefundMovements1768500000000],
};

const REPOSITORIES = [DirectoryRepository, ContributionsRepository, LedgerRepository, SiteSettingsRepository, PeriodsRepository, ObjectionsRepository, RecognitionsRepository];

/**
 * Remuneration's repositories, global so that the event subscriptions (which the platform module
 * builds, in its own scope) are injected the same repositories as the services.
 */
@Global()
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class RemunerationRepositoriesModule {}

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
          subscriptions: [DirectorySubscription, LedgerSubscription, PeriodErasureSubscription],
        }),
        RemunerationRepositoriesModule,
      ],
      controllers: [
        ContributionsRpcController,
        SettingsRpcController,
        PeriodsRpcController,
        PaySimulatorRpcController,
        // worker: reports
        ActivityFiguresRpcController,
      ],
      providers: [
        ContributionsService,
        SettingsService,
        PeriodsService,
        ObjectionsService,
        RecognitionsService,
        PaySimulatorService,
        // worker: reports
        ActivityFiguresRepository,
        ActivityFiguresService,
      ],
    };
  }
}
