import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { SiteId } from '@kpa/contracts';
import { CapeContractEntity } from '../cape-contracts/cape-contract.entity';
import { InterviewEntity } from '../interviews/interview.entity';
import { MemberEntity } from '../members/member.entity';

/**
 * What the follow-up board reads of a site, whole (a site has tens of members, not thousands):
 * its active members, the interviews they had, their contracts.
 */
@Injectable()
export class FollowUpRepository {
  constructor(private readonly dataSource: DataSource) {}

  async boardRows(siteId: SiteId): Promise<{ members: MemberEntity[]; heldInterviews: InterviewEntity[]; contracts: CapeContractEntity[] }> {
    const manager = this.dataSource.manager;
    const [members, heldInterviews, contracts] = await Promise.all([
      manager.findBy(MemberEntity, { siteId, leftOn: IsNull() }),
      manager.findBy(InterviewEntity, { siteId, status: 'held' }),
      manager.findBy(CapeContractEntity, { siteId }),
    ]);
    return { members, heldInterviews, contracts };
  }
}
