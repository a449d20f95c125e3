import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModuleOptions, Logger, PlatformModule } from '@kpa/platform';
import { MembershipConfig } from './membership.config';
import { HostStructureEntity } from './host-structures/host-structure.entity';
import { HostStructuresService } from './host-structures/host-structures.service';
import { HostStructureRepository } from './host-structures/host-structure.repository';
import { HostStructuresRpcController } from './host-structures/host-structures.rpc-controller';
import { SiteEntity } from './sites/site.entity';
import { SitesService } from './sites/sites.service';
import { SiteRepository } from './sites/site.repository';
import { SitesRpcController } from './sites/sites.rpc-controller';
import { Init1764000000000 } from './migrations/1764000000000-init';
import { Members1764100000000 } from './migrations/1764100000000-members';
import { MemberEntity } from './members/member.entity';
import { MembersService } from './members/members.service';
import { MembersRepository } from './members/members.repository';
import { MembersRpcController } from './members/members.rpc-controller';
import { MemberErasure1764500000000 } from './migrations/1764500000000-member-erasure';
import { MemberPrivacyService } from './members/member-privacy.service';
import { MemberPrivacyRepository } from './members/member-privacy.repository';
import { MemberImportService } from './members/member-import.service';
import { MemberPrivacyRpcController } from './members/member-privacy.rpc-controller';
import { CapeContracts1764200000000 } from './migrations/1764200000000-cape-contracts';
import { Journeys1764300000000 } from './migrations/1764300000000-journeys';
import { HostStructureIdentity1764600000000 } from './migrations/1764600000000-host-structure-identity';
import { SiteProfile1764700000000 } from './migrations/1764700000000-site-profile';
import { Idempotency1766100000000 } from './migrations/1766100000000-idempotency';
import { StatsService } from './stats/stats.service';
import { StatsRepository } from './stats/stats.repository';
import { StatsRpcController } from './stats/stats.rpc-controller';
import { JourneysService } from './journeys/journeys.service';
import { JourneysRpcController } from './journeys/journeys.rpc-controller';
import { CapeContractEntity } from './cape-contracts/cape-contract.entity';
import { CapeContractsService } from './cape-contracts/cape-contracts.service';
import { CapeContractRepository } from './cape-contracts/cape-contract.repository';
import { CapeContractsRpcController } from './cape-contracts/cape-contracts.rpc-controller';
import { Interviews1764400000000 } from './migrations/1764400000000-interviews';
import { RowSecurity1767000000000 } from './migrations/1767000000000-row-security';
import { HostStructureEInvoicing1768200000000 } from './migrations/1768200000000-host-structure-e-invoicing';
import { HostStructureMediator1768710000000 } from './migrations/1768710000000-host-structure-mediator';
import { InterviewEntity } from './interviews/interview.entity';
import { InterviewsService } from './interviews/interviews.service';
import { InterviewRepository } from './interviews/interview.repository';
import { InterviewsRpcController } from './interviews/interviews.rpc-controller';
import { FollowUpService } from './follow-up/follow-up.service';
import { FollowUpRepository } from './follow-up/follow-up.repository';
import { FollowUpRpcController } from './follow-up/follow-up.rpc-controller';

export const MEMBERSHIP_DATABASE: DatabaseModuleOptions = {
  schema: 'membership',
  entities: [HostStructureEntity, SiteEntity, MemberEntity, CapeContractEntity, InterviewEntity],
  migrations: [
    Init1764000000000,
    Members1764100000000,
    CapeContracts1764200000000,
    Journeys1764300000000,
    Interviews1764400000000,
    MemberErasure1764500000000,
    HostStructureIdentity1764600000000,
    SiteProfile1764700000000,
    Idempotency1766100000000,
    RowSecurity1767000000000,
    HostStructureEInvoicing1768200000000,
    HostStructureMediator1768710000000,
  ],
};

@Module({})
export class MembershipModule {
  static register(config: MembershipConfig, logger: Logger): DynamicModule {
    return {
      module: MembershipModule,
      imports: [
        PlatformModule.forService({
          service: 'membership',
          config,
          logger,
          database: MEMBERSHIP_DATABASE,
        }),
      ],
      controllers: [
        HostStructuresRpcController,
        SitesRpcController,
        MembersRpcController,
        CapeContractsRpcController,
        JourneysRpcController,
        InterviewsRpcController,
        FollowUpRpcController,
        StatsRpcController,
        MemberPrivacyRpcController,
      ],
      providers: [
        HostStructureRepository,
        SiteRepository,
        MembersRepository,
        CapeContractRepository,
        InterviewRepository,
        FollowUpRepository,
        StatsRepository,
        MemberPrivacyRepository,
        HostStructuresService,
        SitesService,
        MembersService,
        CapeContractsService,
        JourneysService,
        InterviewsService,
        FollowUpService,
        StatsService,
        MemberPrivacyService,
        MemberImportService,
      ],
    };
  }
}
