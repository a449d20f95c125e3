import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { DomainError, FollowUpBoard, FollowUpRequest } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { CapeContractEntity } from '../cape-contracts/cape-contract.entity';
import { InterviewEntity } from '../interviews/interview.entity';
import { MemberEntity } from '../members/member.entity';
import { SiteEntity } from '../sites/site.entity';
import { FollowUpEntry, followUpBoard } from './follow-up';

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

@Injectable()
export class FollowUpService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every active member of the site with what needs attention (a site has tens of members, not thousands). */
  async board({ siteId }: FollowUpRequest): Promise<FollowUpBoard> {
    const today = todayInFrance();
    const manager = this.dataSource.manager;
    const site = await manager.findOneBy(SiteEntity, { id: siteId });
    if (!site) throw new DomainError('SITE_NOT_FOUND', `No site with id ${siteId}.`, { siteId });
    const [members, interviews, contracts] = await Promise.all([
      manager.findBy(MemberEntity, { siteId, leftOn: IsNull() }),
      manager.findBy(InterviewEntity, { siteId, status: 'held' }),
      manager.findBy(CapeContractEntity, { siteId }),
    ]);
    const interviewsOf = groupBy(interviews, (interview) => interview.memberId);
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
