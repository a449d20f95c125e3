import { Injectable } from '@nestjs/common';
import { Figures, SiteFiguresRequest, siteIdOf } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { statusOf } from '../cape-contracts/cape-contract';
import { figures, MemberFacts } from './figures';
import { StatsRepository } from './stats.repository';

@Injectable()
export class StatsService {
  constructor(private readonly stats: StatsRepository) {}

  /** A site's figures for its coordinators; the region's, with small counts hidden, for the network. */
  async figures({ siteId, from, to }: SiteFiguresRequest): Promise<Figures> {
    const today = todayInFrance();
    const { members, contracts, interviewsHeld } = await this.stats.figuresRows(siteId ? siteIdOf(siteId) : null, from, to);
    const underCape = new Set(contracts.filter((contract) => statusOf(contract.state(), today) === 'active').map((contract) => contract.memberId));
    const facts: MemberFacts[] = members.map((member) => ({
      birthDate: member.birthDate,
      gender: member.gender,
      priorityNeighbourhood: member.priorityNeighbourhood,
      situation: member.situation,
      referredBy: member.referredBy,
      participations: [...member.history, { joinedOn: member.joinedOn, leftOn: member.leftOn, outcome: member.leavingOutcome }],
      underCapeNow: underCape.has(member.id),
    }));
    return figures(facts, from, to, { hideSmallCounts: siteId === undefined, interviewsHeld });
  }
}
