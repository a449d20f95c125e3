import { Injectable } from '@nestjs/common';
import { GetJourneyRequest, Journey, JOURNEY_CHANGED_V1, SetJourneyRequest, siteIdOf } from '@kpa/contracts';
import { createEvent, RequestContext, todayInFrance, UnitOfWork } from '@kpa/platform';
import { MemberEntity } from '../members/member.entity';
import { assertNotErased } from '../members/member-privacy';
import { MembersRepository } from '../members/members.repository';
import { SiteRepository } from '../sites/site.repository';
import { decideJourney, journeyOf, MemberJourney } from './journey';

function journeyOfMember(member: MemberEntity): MemberJourney {
  return { memberId: member.id, joinedOn: member.joinedOn, stageOverride: member.stageOverride, nextPath: member.nextPath, journeyHistory: member.journeyHistory };
}

@Injectable()
export class JourneysService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly members: MembersRepository,
    private readonly sites: SiteRepository,
  ) {}

  async get({ siteId: requestedSiteId, memberId }: GetJourneyRequest): Promise<Journey> {
    const siteId = siteIdOf(requestedSiteId);
    const member = await this.members.find(siteId, memberId);
    const site = await this.sites.find(siteId);
    return journeyOf(journeyOfMember(member), site, todayInFrance());
  }

  /** A coordinator sets or clears the stage (with a reason) and records the member's next path. */
  set(request: SetJourneyRequest): Promise<Journey> {
    const today = todayInFrance();
    const by = RequestContext.current()?.actor ?? 'system';
    const siteId = siteIdOf(request.siteId);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const member = await this.members.find(siteId, request.memberId, { lock: true }, manager);
      assertNotErased(member);
      const site = await this.sites.find(siteId, {}, manager);
      Object.assign(member, decideJourney(journeyOfMember(member), request, today, by), { updatedAt: new Date() });
      await this.members.save(member, manager);
      const journey = journeyOf(journeyOfMember(member), site, today);
      await publish(
        createEvent(JOURNEY_CHANGED_V1, site.id, { memberId: member.id, stage: journey.stage, overridden: journey.overridden, nextPath: journey.nextPath }, member.updatedAt),
      );
      return journey;
    });
  }
}
