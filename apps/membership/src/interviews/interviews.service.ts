import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Interview, INTERVIEW_HELD_V1, InterviewPage, ListInterviewsRequest, ScheduleInterviewRequest, UpdateInterviewRequest, siteIdOf } from '@kpa/contracts';
import { createEvent, Transaction, UnitOfWork } from '@kpa/platform';
import { assertNotErased } from '../members/member-privacy';
import { MembersRepository } from '../members/members.repository';
import { becameHeld, changeInterview, newInterview } from './interview';
import { InterviewEntity } from './interview.entity';
import { InterviewRepository } from './interview.repository';

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
    private readonly unitOfWork: UnitOfWork,
    private readonly interviews: InterviewRepository,
    private readonly members: MembersRepository,
  ) {}

  /** Schedules an interview with a member of the site (or records one that took place). */
  schedule({ siteId: requestedSiteId, memberId, interview }: ScheduleInterviewRequest): Promise<Interview> {
    const siteId = siteIdOf(requestedSiteId);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      // The member row is locked: two first interviews recorded at once cannot both pass the one-first rule.
      const member = await this.members.find(siteId, memberId, { lock: true }, manager);
      assertNotErased(member);
      const others = (await this.interviews.ofMember(siteId, member.id, manager)).map((other) => other.state());
      const state = newInterview({ ...interview, id: uuidv7(), memberId: member.id, participationJoinedOn: member.joinedOn }, { now: new Date().toISOString() }, others);
      const now = new Date();
      const entity = Object.assign(new InterviewEntity(), { siteId, createdAt: now, updatedAt: now }).apply(state);
      await this.interviews.insert(entity, manager);
      if (becameHeld(undefined, state)) await publishHeld(publish, entity);
      return entity.toInterview();
    });
  }

  async list(request: ListInterviewsRequest): Promise<InterviewPage> {
    const siteId = siteIdOf(request.siteId);
    const member = await this.members.find(siteId, request.memberId);
    // The member themself does not see the private interviews (coordinators' notes).
    const page = await this.interviews.page(siteId, member.id, { includePrivate: request.view === 'all' }, request);
    return { items: page.items.map((interview) => interview.toInterview()), nextCursor: page.nextCursor };
  }

  update({ siteId: requestedSiteId, interviewId, changes }: UpdateInterviewRequest): Promise<Interview> {
    const siteId = siteIdOf(requestedSiteId);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const interview = await this.interviews.findForChange(siteId, interviewId, manager);
      assertNotErased(await this.members.find(siteId, interview.memberId, { lock: true }, manager));
      const before = interview.state();
      const others = (await this.interviews.ofMember(siteId, interview.memberId, manager)).filter((other) => other.id !== interview.id).map((other) => other.state());
      const after = changeInterview(before, changes ?? {}, { now: new Date().toISOString() }, others);
      interview.apply(after).updatedAt = new Date();
      await this.interviews.save(interview, manager);
      if (becameHeld(before, after)) await publishHeld(publish, interview);
      return interview.toInterview();
    });
  }
}
