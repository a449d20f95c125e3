import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SiteId } from '@kpa/contracts';
import { CapeContractEntity } from '../cape-contracts/cape-contract.entity';
import { InterviewEntity } from '../interviews/interview.entity';
import { MemberEntity } from '../members/member.entity';

/**
 * What the figures count: of one site, or of the whole region when `siteId` is null (said
 * explicitly, so a forgotten site cannot silently widen a site's figures to the region).
 */
@Injectable()
export class StatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async figuresRows(siteId: SiteId | null, from: string, to: string): Promise<{ members: MemberEntity[]; contracts: CapeContractEntity[]; interviewsHeld: number }> {
    const where = siteId ? { siteId } : {};
    const [members, contracts, interviewsHeld] = await Promise.all([
      this.dataSource.getRepository(MemberEntity).find({ where }),
      this.dataSource.getRepository(CapeContractEntity).find({ where }),
      // Held in the period, as a French calendar day.
      this.dataSource
        .getRepository(InterviewEntity)
        .createQueryBuilder('i')
        .where(siteId ? 'i.siteId = :siteId' : 'TRUE', { siteId })
        .andWhere("i.status = 'held' AND (i.heldAt AT TIME ZONE 'Europe/Paris')::date BETWEEN :from AND :to", { from, to })
        .getCount(),
    ]);
    return { members, contracts, interviewsHeld };
  }
}
