import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CreatePoolPersonRequest,
  DomainError,
  GetMemberNetworkProfileRequest,
  ListPoolPeopleRequest,
  MemberNetworkProfile,
  PEOPLE_PER_SITE,
  PoolPeopleList,
  PoolPerson,
  RemovePoolPersonRequest,
  SearchSkillsRequest,
  SetMemberNetworkProfileRequest,
  SITES_PER_SKILL,
  SkillGroup,
  SkillSearchResult,
  UpdatePoolPersonRequest,
} from '@kpa/contracts';
import { todayInFrance, UnitOfWork } from '@kpa/platform';
import { boundingBox, roundKm } from '../directory/geo';
import { PoolMembersRepository } from '../members/pool-members.repository';
import { lastInitialOf } from './pool-visibility';
import { skillKey } from './skill-names';
import { SkillPoolRepository } from './skill-pool.repository';

/** Skill pools: a member's own consent, the team people coordinators add, and the region-wide search. */
@Injectable()
export class SkillPoolService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly pool: SkillPoolRepository,
    private readonly members: PoolMembersRepository,
  ) {}

  async memberProfile({ siteId, memberId }: GetMemberNetworkProfileRequest): Promise<MemberNetworkProfile> {
    await this.knownMember(siteId, memberId);
    const entry = await this.pool.memberEntry(memberId, todayInFrance());
    if (!entry) return { siteId, memberId, visible: false, skills: [], availability: 'available', note: null, updatedAt: null };
    return { siteId, memberId, visible: entry.visible, skills: entry.skills, availability: entry.availability, note: entry.note, updatedAt: entry.updatedAt };
  }

  /** The member's own choice: `visible: false` removes them from every listing at once (same transaction as the answer). */
  setMemberProfile({ siteId, memberId, profile }: SetMemberNetworkProfileRequest): Promise<MemberNetworkProfile> {
    return this.unitOfWork.run(async ({ manager }) => {
      await this.knownMember(siteId, memberId, manager);
      await this.pool.saveMemberEntry(randomUUID(), siteId, memberId, profile, new Date(), manager);
      const entry = (await this.pool.memberEntry(memberId, todayInFrance(), manager)) as PoolPerson;
      return { siteId, memberId, visible: entry.visible, skills: entry.skills, availability: entry.availability, note: entry.note, updatedAt: entry.updatedAt };
    });
  }

  async list({ siteId }: ListPoolPeopleRequest): Promise<PoolPeopleList> {
    return { items: await this.pool.sitePool(siteId, todayInFrance()) };
  }

  create({ siteId, person }: CreatePoolPersonRequest): Promise<PoolPerson> {
    const id = randomUUID();
    return this.unitOfWork.run(async ({ manager }) => {
      await this.pool.saveTeamPerson(
        id,
        siteId,
        { role: person.role, firstName: person.firstName.trim(), lastInitial: lastInitialOf(person.lastName) },
        { ...person, visible: true },
        new Date(),
        manager,
      );
      return (await this.pool.person(siteId, id, todayInFrance(), manager)) as PoolPerson;
    });
  }

  update({ siteId, personId, person }: UpdatePoolPersonRequest): Promise<PoolPerson> {
    return this.unitOfWork.run(async ({ manager }) => {
      await this.teamPerson(siteId, personId, manager);
      await this.pool.saveTeamPerson(
        personId,
        siteId,
        { role: person.role, firstName: person.firstName.trim(), lastInitial: lastInitialOf(person.lastName) },
        { ...person, visible: true },
        new Date(),
        manager,
      );
      return (await this.pool.person(siteId, personId, todayInFrance(), manager)) as PoolPerson;
    });
  }

  /** A team person leaves the pool (their skills with them); the answer is the site's pool after it. */
  async remove({ siteId, personId }: RemovePoolPersonRequest): Promise<PoolPeopleList> {
    await this.unitOfWork.run(async ({ manager }) => {
      await this.teamPerson(siteId, personId, manager);
      await this.pool.remove(siteId, personId, manager);
    });
    return this.list({ siteId });
  }

  async search({ viewer, skill, near, available }: SearchSkillsRequest): Promise<SkillSearchResult> {
    const key = skill === undefined ? undefined : skillKey(skill);
    if (key === '') throw new DomainError('VALIDATION_FAILED', 'skill must contain letters or digits (e.g. "couture").', { field: 'skill' });
    const rows = await this.pool.search({
      skillKey: key,
      ownSiteIds: viewer.siteIds,
      today: todayInFrance(),
      available: available === true,
      near: near && { centre: near, km: near.km, box: boundingBox(near, near.km) },
      // Without a skill, the answer is the map of who can do what: counts, no names.
      peoplePerSite: key === undefined ? 0 : PEOPLE_PER_SITE,
      sitesPerSkill: SITES_PER_SKILL,
    });
    const groups = new Map<string, SkillGroup>();
    for (const row of rows) {
      const group = groups.get(row.skill) ?? { skill: row.skill, total: row.skillTotal, siteCount: row.siteCount, sites: [] };
      groups.set(row.skill, group);
      group.sites.push({
        siteId: row.siteId,
        name: row.name,
        city: row.city,
        count: row.count,
        ...(row.distanceKm === null ? {} : { distanceKm: roundKm(row.distanceKm) }),
        people: row.people,
      });
    }
    return { skills: [...groups.values()] };
  }

  private async knownMember(siteId: string, memberId: string, manager?: EntityManager): Promise<void> {
    const member = await this.members.find(memberId, manager);
    if (!member || member.siteId !== siteId || member.erased) {
      throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${memberId} on this site in the network (a member just registered may take a moment to arrive).`, { memberId });
    }
  }

  private async teamPerson(siteId: string, personId: string, manager: EntityManager): Promise<void> {
    const person = await this.pool.person(siteId, personId, todayInFrance(), manager, true);
    if (!person) throw new DomainError('POOL_PERSON_NOT_FOUND', `No one with id ${personId} in this site's skill pool.`, { personId });
    if (person.kind === 'member') {
      throw new DomainError('POOL_PERSON_IS_MEMBER', 'A member is listed by their own choice: only they change or withdraw it (PUT /v1/me/network-profile).', { personId });
    }
  }
}
