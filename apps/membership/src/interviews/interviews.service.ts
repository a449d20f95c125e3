import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, Interview, INTERVIEW_HELD_V1, InterviewPage, ListInterviewsRequest, ScheduleInterviewRequest, UpdateInterviewRequest, siteIdOf } from '@kpa/contracts';
import { createEvent, keysetPage, Transaction, UnitOfWork } from '@kpa/platform';
import { assertNotErased } from '../members/member-privacy';
import { MembersRepository } from '../members/members.repository';
import { becameHeld, changeInterview, InterviewState, newInterview } from './interview';
import { InterviewEntity } from './interview.entity';

/** Never the notes: the event says that an interview took place, of which kind, when. */
async function publishHeld(publish: Transaction['publish'], interview: InterviewEntity): Promise<void> {
  await publish(
    createEvent(
      INTERVIEW_HELD_V1,
      interview.siteId,
      { interviewId: interview.id, memberId: interview.memberId, kind: interview.kind, heldAt: interview.heldAt!.toISOString() },
      interview.updatedAt,
    ),
  );
}

@Injectable()
export class InterviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly members: MembersRepository,
  ) {}

  /** Schedules an interview with a member of the site (or records one that took place). */
  schedule({ siteId, memberId, interview }: ScheduleInterviewRequest): Promise<Interview> {
    return this.unitOfWork.run(async ({ manager, publish }) => {
      // The member row is locked: two first interviews recorded at once cannot both pass the one-first rule.
      const member = await this.members.find(siteIdOf(siteId), memberId, { lock: true }, manager);
      assertNotErased(member);
      const others = await this.statesOf(manager, member.id);
      const state = newInterview({ ...interview, id: uuidv7(), memberId: member.id, participationJoinedOn: member.joinedOn }, { now: new Date().toISOString() }, others);
      const now = new Date();
      const entity = Object.assign(new InterviewEntity(), { siteId, createdAt: now, updatedAt: now }).apply(state);
      await manager.insert(InterviewEntity, entity);
      if (becameHeld(undefined, state)) await publishHeld(publish, entity);
      return entity.toInterview();
    });
  }

  async list(request: ListInterviewsRequest): Promise<InterviewPage> {
    const member = await this.members.find(siteIdOf(request.siteId), request.memberId);
    const query = this.dataSource
      .getRepository(InterviewEntity)
      .createQueryBuilder('i')
      .where('i.siteId = :siteId AND i.memberId = :memberId', { siteId: request.siteId, memberId: member.id });
    // The member themself does not see the private interviews (coordinators' notes).
    if (request.view !== 'all') query.andWhere('i.private = false');
    const page = await keysetPage(query, request);
    return { items: page.items.map((interview) => interview.toInterview()), nextCursor: page.nextCursor };
  }

  update({ siteId, interviewId, changes }: UpdateInterviewRequest): Promise<Interview> {
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const interview = await manager.findOne(InterviewEntity, { where: { id: interviewId, siteId }, lock: { mode: 'pessimistic_write' } });
      if (!interview) throw new DomainError('INTERVIEW_NOT_FOUND', `No interview with id ${interviewId} on this site.`, { interviewId });
      assertNotErased(await this.members.find(siteIdOf(siteId), interview.memberId, { lock: true }, manager));
      const before = interview.state();
      const others = (await this.statesOf(manager, interview.memberId)).filter((other) => other.id !== interview.id);
      const after = changeInterview(before, changes ?? {}, { now: new Date().toISOString() }, others);
      interview.apply(after).updatedAt = new Date();
      await manager.save(interview);
      if (becameHeld(before, after)) await publishHeld(publish, interview);
      return interview.toInterview();
    });
  }

  private async statesOf(manager: EntityManager, memberId: string): Promise<InterviewState[]> {
    return (await manager.findBy(InterviewEntity, { memberId })).map((interview) => interview.state());
  }
}
