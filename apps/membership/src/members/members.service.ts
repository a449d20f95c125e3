import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  adultOn,
  ageOn,
  CreateMemberRequest,
  DomainError,
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
  UpdateMemberRequest,
} from '@kpa/contracts';
import { createEvent, keysetPage, keysetSlice, todayInFrance, Transaction, UnitOfWork } from '@kpa/platform';
import { currentStage } from '../journeys/journey';
import { SiteEntity } from '../sites/site.entity';
import { asSeen, changeMember, leave, MemberData, newMember, rejoin } from './member';
import { MemberEntity } from './member.entity';
import { findMember } from './find-member';

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
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async create({ siteId, member }: CreateMemberRequest): Promise<MemberFile> {
    const data = newMember(member, todayInFrance());
    const now = new Date();
    const entity = Object.assign(new MemberEntity(), data, { id: uuidv7(), siteId, stageOverride: null, nextPath: null, journeyHistory: [], createdAt: now, updatedAt: now });
    await this.unitOfWork.run(async ({ manager, publish }) => {
      if (!(await manager.existsBy(SiteEntity, { id: siteId }))) throw new DomainError('SITE_NOT_FOUND', `No site with id ${siteId}.`, { siteId });
      await manager.insert(MemberEntity, entity);
      await publish(createEvent(MEMBER_JOINED_V1, siteId, changed(entity), now));
    });
    return entity.toFile();
  }

  async get({ siteId, memberId, view }: GetMemberRequest): Promise<MemberAsSeen> {
    return asSeen((await findMember(this.dataSource.manager, siteId, memberId)).toFile(), view);
  }

  async list(request: ListMembersRequest): Promise<MemberPage> {
    const query = this.dataSource.getRepository(MemberEntity).createQueryBuilder('m').where('m.siteId = :siteId', { siteId: request.siteId });
    const status = request.status ?? 'active';
    if (status === 'active') query.andWhere('m.leftOn IS NULL');
    if (status === 'left') query.andWhere('m.leftOn IS NOT NULL');
    if (request.skill) {
      query.andWhere(`EXISTS (SELECT 1 FROM jsonb_array_elements(m.skills) s WHERE lower(s->>'name') = lower(:skill))`, { skill: request.skill });
    }
    if (request.q) {
      const pattern = `%${request.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(`(m.firstName || ' ' || m.lastName) ILIKE :pattern`, { pattern });
    }
    let page: { items: MemberEntity[]; nextCursor: string | null };
    if (request.stage) {
      // The stage follows the calendar (and overrides): computed here, over the site's members.
      const today = todayInFrance();
      const all = await query.orderBy('m.createdAt', 'ASC').addOrderBy('m.id', 'ASC').getMany();
      page = keysetSlice(
        all.filter((m) => currentStage(m.joinedOn, today, m.stageOverride).stage === request.stage),
        request,
      );
    } else {
      page = await keysetPage(query, request);
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
      const member = await findMember(manager, siteId, memberId, { forChange: true });
      Object.assign(member, rule(member.data()), { updatedAt: new Date() });
      await manager.save(member);
      await publish(createEvent(event, siteId, { ...changed(member), ...(extra ?? {}) } as MemberChangedV1 & TExtra, member.updatedAt));
      return member.toFile();
    });
  }
}
