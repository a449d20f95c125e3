import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, GetJourneyRequest, Journey, JOURNEY_CHANGED_V1, JourneyChange, NEXT_PATHS, SetJourneyRequest, siteIdOf } from '@kpa/contracts';
import { createEvent, RequestContext, todayInFrance, UnitOfWork } from '@kpa/platform';
import { MemberEntity } from '../members/member.entity';
import { assertNotErased } from '../members/member-privacy';
import { MembersRepository } from '../members/members.repository';
import { SiteEntity } from '../sites/site.entity';
import { currentStage, interviewDueOn, milestones, StageOverride } from './journey';

@Injectable()
export class JourneysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly members: MembersRepository,
  ) {}

  async get({ siteId, memberId }: GetJourneyRequest): Promise<Journey> {
    const member = await this.members.find(siteIdOf(siteId), memberId);
    const site = await this.dataSource.manager.findOneByOrFail(SiteEntity, { id: siteId });
    return this.view(member, site, todayInFrance());
  }

  /** A coordinator sets or clears the stage (with a reason) and records the member's next path. */
  set(request: SetJourneyRequest): Promise<Journey> {
    const today = todayInFrance();
    const by = RequestContext.current()?.actor ?? 'system';
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const member = await this.members.find(siteIdOf(request.siteId), request.memberId, { lock: true }, manager);
      assertNotErased(member);
      const site = await manager.findOneByOrFail(SiteEntity, { id: request.siteId });
      const changes: JourneyChange[] = [];
      if (request.stageOverride !== undefined) {
        if (request.stageOverride === null) {
          member.stageOverride = null;
          changes.push({ kind: 'cleared', stage: null, nextPath: null, reason: null, on: today, by });
        } else {
          const override: StageOverride = { stage: request.stageOverride.stage, reason: request.stageOverride.reason?.trim(), on: today };
          currentStage(member.joinedOn, today, override); // checks stage and reason
          member.stageOverride = override;
          changes.push({ kind: 'override', stage: override.stage, nextPath: null, reason: override.reason, on: today, by });
        }
      }
      if (request.nextPath !== undefined) {
        if (request.nextPath !== null && !NEXT_PATHS.includes(request.nextPath)) {
          throw new DomainError('VALIDATION_FAILED', `nextPath must be one of ${NEXT_PATHS.join(', ')}.`, { field: 'nextPath' });
        }
        member.nextPath = request.nextPath;
        changes.push({ kind: 'next_path', stage: null, nextPath: request.nextPath, reason: null, on: today, by });
      }
      if (changes.length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send stageOverride or nextPath.');
      member.journeyHistory = [...member.journeyHistory, ...changes];
      member.updatedAt = new Date();
      await manager.save(member);
      const journey = this.view(member, site, today);
      await publish(
        createEvent(JOURNEY_CHANGED_V1, site.id, { memberId: member.id, stage: journey.stage, overridden: journey.overridden, nextPath: journey.nextPath }, member.updatedAt),
      );
      return journey;
    });
  }

  private view(member: MemberEntity, site: SiteEntity, today: string): Journey {
    const { stage, computed, overridden } = currentStage(member.joinedOn, today, member.stageOverride);
    return {
      memberId: member.id,
      joinedOn: member.joinedOn,
      stage,
      computedStage: computed,
      overridden,
      overrideReason: overridden ? (member.stageOverride?.reason ?? null) : null,
      nextPath: member.nextPath,
      history: member.journeyHistory,
      // Interviews are not recorded yet: the first one is what is due, then the reviews of the journey.
      due: [
        { kind: 'first_interview' as const, dueOn: interviewDueOn(null, member.joinedOn, site.interviewCadenceDays) },
        ...milestones(member.joinedOn, site),
      ],
    };
  }
}
