import { Injectable } from '@nestjs/common';
import { FollowUpBoard, FollowUpRequest, siteIdOf } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { SiteRepository } from '../sites/site.repository';
import { FollowUpEntry, followUpBoard } from './follow-up';
import { FollowUpRepository } from './follow-up.repository';

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

@Injectable()
export class FollowUpService {
  constructor(
    private readonly followUp: FollowUpRepository,
    private readonly sites: SiteRepository,
  ) {}

  /** Every active member of the site with what needs attention (a site has tens of members, not thousands). */
  async board(request: FollowUpRequest): Promise<FollowUpBoard> {
    const today = todayInFrance();
    const siteId = siteIdOf(request.siteId);
    const site = await this.sites.find(siteId);
    const { members, heldInterviews, contracts } = await this.followUp.boardRows(siteId);
    const interviewsOf = groupBy(heldInterviews, (interview) => interview.memberId);
    const contractsOf = groupBy(contracts, (contract) => contract.memberId);
    const entries: FollowUpEntry[] = members.map((member) => ({
      member: {
        id: member.id,
        firstName: member.firstName,
        lastName: member.lastName,
        birthDate: member.birthDate,
        joinedOn: member.joinedOn,
        leftOn: member.leftOn,
        guardianRecorded: member.guardian !== null,
        stageOverride: member.stageOverride,
      },
      interviews: (interviewsOf.get(member.id) ?? []).map((interview) => ({
        kind: interview.kind,
        status: interview.status,
        heldOn: interview.heldAt ? todayInFrance(interview.heldAt) : null,
      })),
      contracts: (contractsOf.get(member.id) ?? []).map((contract) => contract.state()),
    }));
    return { items: followUpBoard(entries, site, today) };
  }
}
