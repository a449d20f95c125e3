import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  adultOn,
  ageOn,
  CreateMemberRequest,
  EventDefinition,
  GetMemberRequest,
  LeaveRequest,
  ListMembersRequest,
  MEMBER_JOINED_V1,
  MEMBER_LEFT_V1,
  MEMBER_REJOINED_V1,
  MEMBER_UPDATED_V1,
  MemberAsSeen,
  MemberChangedV1,
  MemberFile,
  MemberPage,
  RejoinRequest,
  siteIdOf,
  UpdateMemberRequest,
} from '@kpa/contracts';
import { createEvent, keysetSlice, todayInFrance, Transaction, UnitOfWork } from '@kpa/platform';
import { currentStage } from '../journeys/journey';
import { SiteRepository } from '../sites/site.repository';
import { asSeen, changeMember, leave, MemberData, newMember, rejoin } from './member';
import { MemberEntity } from './member.entity';
import { assertNotErased } from './member-privacy';
import { MembersRepository } from './members.repository';

export function changed(member: MemberEntity): MemberChangedV1 {
  return {
    memberId: member.id,
    firstName: member.firstName,
    lastName: member.lastName,
    joinedOn: member.joinedOn,
    leftOn: member.leftOn,
    active: member.leftOn === null,
    adultOn: ageOn(member.birthDate, todayInFrance()) < 18 ? adultOn(member.birthDate) : null,
    updatedAt: member.updatedAt.toISOString(),
  };
}

@Injectable()
export class MembersService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly members: MembersRepository,
    private readonly sites: SiteRepository,
  ) {}

  async create({ siteId, member }: CreateMemberRequest): Promise<MemberFile> {
    const data = newMember(member, todayInFrance());
    const now = new Date();
    const entity = Object.assign(new MemberEntity(), data, {
      id: uuidv7(),
      siteId: siteIdOf(siteId),
      stageOverride: null,
      nextPath: null,
      journeyHistory: [],
      createdAt: now,
      updatedAt: now,
    });
    // The answer is the unit of work's result: under an idempotency key, it is what a retry gets back.
    return this.unitOfWork.run(async ({ manager, publish }) => {
      await this.sites.assertExists(entity.siteId, manager);
      await this.members.insert(entity, manager);
      await publish(createEvent(MEMBER_JOINED_V1, siteId, changed(entity), now));
      return entity.toFile();
    });
  }

  async get({ siteId, memberId, view }: GetMemberRequest): Promise<MemberAsSeen> {
    return asSeen((await this.members.find(siteIdOf(siteId), memberId)).toFile(), view);
  }

  async list(request: ListMembersRequest): Promise<MemberPage> {
    const selected = this.members.selected(siteIdOf(request.siteId), request);
    let page: { items: MemberEntity[]; nextCursor: string | null };
    if (request.stage) {
      // The stage follows the calendar (and overrides): computed here, over the site's members.
      const today = todayInFrance();
      const all = await selected.all();
      page = keysetSlice(
        all.filter((m) => currentStage(m.joinedOn, today, m.stageOverride).stage === request.stage),
        request,
        'member',
      );
    } else {
      page = await selected.page();
    }
    return { items: page.items.map((m) => asSeen(m.toFile(), request.view)), nextCursor: page.nextCursor };
  }

  update({ siteId, memberId, changes }: UpdateMemberRequest): Promise<MemberFile> {
    return this.change(siteId, memberId, MEMBER_UPDATED_V1, (data) => changeMember(data, changes, todayInFrance()));
  }

  leave({ siteId, memberId, leftOn, outcome }: LeaveRequest): Promise<MemberFile> {
    return this.change(siteId, memberId, MEMBER_LEFT_V1, (data) => leave(data, leftOn, outcome, todayInFrance()), { outcome });
  }

  rejoin({ siteId, memberId, joinedOn }: RejoinRequest): Promise<MemberFile> {
    return this.change(siteId, memberId, MEMBER_REJOINED_V1, (data) => rejoin(data, joinedOn, todayInFrance()));
  }

  /** Read the member under a row lock, apply a rule, save, publish: one transaction. */
  private change<TExtra extends object>(
    siteId: string,
    memberId: string,
    event: EventDefinition<MemberChangedV1 & TExtra>,
    rule: (data: MemberData) => MemberData,
    extra?: TExtra,
  ): Promise<MemberFile> {
    return this.unitOfWork.run(async ({ manager, publish }: Transaction) => {
      const member = await this.members.find(siteIdOf(siteId), memberId, { lock: true }, manager);
      assertNotErased(member);
      Object.assign(member, rule(member.data()), { updatedAt: new Date() });
      await this.members.save(member, manager);
      await publish(createEvent(event, siteId, { ...changed(member), ...(extra ?? {}) } as MemberChangedV1 & TExtra, member.updatedAt));
      return member.toFile();
    });
  }
}
