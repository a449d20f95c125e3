import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Figures, SiteFiguresRequest } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { MemberEntity } from '../members/member.entity';
import { CapeContractEntity } from '../cape-contracts/cape-contract.entity';
import { statusOf } from '../cape-contracts/cape-contract';
import { figures, MemberFacts } from './figures';
import { InterviewEntity } from '../interviews/interview.entity';

@Injectable()
export class StatsService {
  constructor(private readonly dataSource: DataSource) {}

  /** A site's figures for its coordinators; the region's, with small counts hidden, for the network. */
  async figures({ siteId, from, to }: SiteFiguresRequest): Promise<Figures> {
    const today = todayInFrance();
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
    const underCape = new Set(contracts.filter((contract) => statusOf(contract.state(), today) === 'active').map((contract) => contract.memberId));
    const facts: MemberFacts[] = members.map((member) => ({
      birthDate: member.birthDate,
      gender: member.gender,
      priorityNeighbourhood: member.priorityNeighbourhood,
      participations: [...member.history, { joinedOn: member.joinedOn, leftOn: member.leftOn, outcome: member.leavingOutcome }],
      underCapeNow: underCape.has(member.id),
    }));
    return figures(facts, from, to, { hideSmallCounts: siteId === undefined, interviewsHeld });
  }
}
