import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { SERVICES } from '@kpa/contracts';
import { DatabaseModuleOptions, Logger, ObjectStores, PlatformModule } from '@kpa/platform';
import { GatewayConfig } from './gateway.config';
import { Identity1764000000000 } from './migrations/1764000000000-identity';
import { MemberAccounts1764100000000 } from './migrations/1764100000000-member-accounts';
import { SiteUsersPublished1764200000000 } from './migrations/1764200000000-site-users-published';
import { SessionDevices1764300000000 } from './migrations/1764300000000-session-devices';
import { HttpErrorFilter } from './http/http-error.filter';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { AuthController } from './auth/auth.controller';
import { MeSessionsController } from './auth/me-sessions.controller';
import { LoginThrottle } from './auth/login-throttle';
import { PrincipalCache } from './auth/principal-cache';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository';
import { IdentityRepository } from './identity/identity.repository';
import { NetworkAdmins } from './identity/network-admins';
import { SiteUsersService } from './identity/site-users.service';
import { SiteUsersController } from './identity/site-users.controller';
import { SitesController } from './sites/sites.controller';
import { HostStructuresController } from './sites/host-structures.controller';
import { HostLogoController } from './sites/host-logo.controller';
import { MembersController } from './members/members.controller';
import { CapeContractsController } from './members/cape-contracts.controller';
import { MeMemberController } from './members/me-member.controller';
import { MemberPrivacyController } from './members/member-privacy.controller';
import { InterviewsController } from './interviews/interviews.controller';
import { StatsController } from './members/stats.controller';
import { MemberErasureSubscription } from './identity/member-erasure.subscription';
import { ClientsController } from './commerce/clients.controller';
import { CatalogueController } from './commerce/catalogue.controller';
import { QuotesController } from './commerce/quotes.controller';
import { InvoicesController } from './commerce/invoices.controller';
import { CreditNotesController } from './commerce/credit-notes.controller';
import { ReceivablesController } from './commerce/receivables.controller';
import { DocumentPdfsController } from './commerce/document-pdfs.controller';
import { EInvoicesController } from './commerce/e-invoices.controller';
import { MissionsController } from './commerce/missions.controller';
import { ExpensesController } from './commerce/expenses.controller';
import { ReceiptStorage } from './commerce/receipt-storage';
import { ContributionsController } from './remuneration/contributions.controller';
import { RemunerationSettingsController } from './remuneration/settings.controller';
import { PaySimulatorController, PeriodsController } from './remuneration/periods.controller';
// worker: mail
import { SiteMailController } from './mail/site-mail.controller';
import { MeNotificationsController } from './me/notifications.controller';
import { QueueDashboardController } from './ops/queue-dashboard.controller';
// networking: help requests, reciprocity
import { HelpRequestsController } from './network/help-requests.controller';
import { ReciprocityController } from './network/reciprocity.controller';
// networking: directory & map, stats, skill pools
import { NetworkDirectoryController, PublicNetworkMapController, SiteNetworkProfileController } from './network/network-directory.controller';
import { MeNetworkProfileController, NetworkSkillsController, PoolPeopleController } from './network/skill-pool.controller';
// networking: equipment, launches
import { EquipmentController } from './network/equipment.controller';
// worker: reports
import { NetworkReportsController, SiteReportsController } from './reports/reports.controller';
import { EReportingController } from './e-reporting/e-reporting.controller';
import { LaunchesController } from './network/launches.controller';
// worker: dunning
import { DunningController } from './dunning/dunning.controller';

export const GATEWAY_DATABASE: DatabaseModuleOptions = {
  schema: 'gateway',
  entities: [],
  migrations: [Identity1764000000000, MemberAccounts1764100000000, SiteUsersPublished1764200000000, SessionDevices1764300000000],
};

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forService({
          service: 'gateway',
          config,
          logger,
          database: GATEWAY_DATABASE,
          redis: true,
          subscriptions: [MemberErasureSubscription],
          // Routes to every service; /health/ready reports each of them.
          calls: SERVICES.filter((service) => service !== 'gateway'),
        }),
      ],
      controllers: [
        AuthController,
        MeSessionsController,
        HostStructuresController,
        HostLogoController,
        SitesController,
        SiteUsersController,
        MembersController,
        CapeContractsController,
        MeMemberController,
        StatsController,
        InterviewsController,
        MemberPrivacyController,
        ClientsController,
        CatalogueController,
        QuotesController,
        InvoicesController,
        CreditNotesController,
        ReceivablesController,
        DocumentPdfsController,
        EInvoicesController,
        MissionsController,
        ExpensesController,
        ContributionsController,
        RemunerationSettingsController,
        PeriodsController,
        PaySimulatorController,
        // worker: dunning
        DunningController,
        // networking: help requests, reciprocity
        HelpRequestsController,
        ReciprocityController,
        // networking: directory & map, stats, skill pools
        NetworkDirectoryController,
        SiteNetworkProfileController,
        PublicNetworkMapController,
        NetworkSkillsController,
        MeNetworkProfileController,
        PoolPeopleController,
        // networking: equipment, launches
        EquipmentController,
        LaunchesController,
        // worker: reports
        SiteReportsController,
        NetworkReportsController,
        EReportingController,
        // worker: mail, queue dashboard
        SiteMailController,
        MeNotificationsController,
        QueueDashboardController,
      ],
      providers: [
        ObjectStores,
        ReceiptStorage,
        IdentityRepository,
        IdempotencyKeyRepository,
        AuthService,
        LoginThrottle,
        PrincipalCache,
        NetworkAdmins,
        SiteUsersService,
        // Guards run in this order: who is calling, then how often.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
