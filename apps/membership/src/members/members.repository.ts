import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ListMembersRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { MemberEntity } from './member.entity';

/** Rows per INSERT statement (Postgres takes at most 65535 parameters in one). */
const INSERT_CHUNK = 500;

/** Every read and write of the site's member files. */
@Injectable()
export class MembersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A member of the site: one of another site does not exist for it (404). `lock` holds the row
   * for the transaction (a change of the member, or of what its rules count: contracts, interviews).
   */
  async find(siteId: SiteId, memberId: string, options: { lock?: boolean } = {}, manager: EntityManager = this.dataSource.manager): Promise<MemberEntity> {
    const member = await manager.findOne(MemberEntity, {
      where: { id: memberId, siteId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!member) throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${memberId} on this site.`, { memberId });
    return member;
  }

  async insert(member: MemberEntity & { siteId: SiteId }, manager: EntityManager): Promise<void> {
    await manager.insert(MemberEntity, member);
  }

  /** Many new files at once (an imported sheet), in as few statements as Postgres allows. */
  async insertMany(members: (MemberEntity & { siteId: SiteId })[], manager: EntityManager): Promise<void> {
    for (let i = 0; i < members.length; i += INSERT_CHUNK) await manager.insert(MemberEntity, members.slice(i, i + INSERT_CHUNK));
  }

  /** Who is already on the site: the name and birth date of each of its members, to recognise a person sent twice. */
  identitiesOf(siteId: SiteId, manager: EntityManager): Promise<Pick<MemberEntity, 'id' | 'firstName' | 'lastName' | 'birthDate'>[]> {
    return manager.find(MemberEntity, { where: { siteId }, select: { id: true, firstName: true, lastName: true, birthDate: true } });
  }

  async save(member: MemberEntity, manager: EntityManager): Promise<void> {
    await manager.save(member);
  }

  /**
   * The site's members the request's filters select (status, skill, name), in keyset pages; with
   * `all`, every one of them in creation order (for a filter computed in the service).
   */
  selected(siteId: SiteId, request: ListMembersRequest): { page: () => Promise<{ items: MemberEntity[]; nextCursor: string | null }>; all: () => Promise<MemberEntity[]> } {
    const query = this.dataSource.getRepository(MemberEntity).createQueryBuilder('m').where('m.siteId = :siteId', { siteId });
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
    return { page: () => keysetPage(query, request), all: () => query.orderBy('m.createdAt', 'ASC').addOrderBy('m.id', 'ASC').getMany() };
  }
}
