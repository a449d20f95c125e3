import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { InterviewEntity } from './interview.entity';

/**
 * Every read and write of the site's interviews, always within one site (SiteId). Changes run in
 * the use case's transaction (its EntityManager); plain reads on the data source's.
 */
@Injectable()
export class InterviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** An interview of the site, row-locked for a change; one of another site does not exist for it (404). */
  async findForChange(siteId: SiteId, interviewId: string, manager: EntityManager): Promise<InterviewEntity> {
    const interview = await manager.findOne(InterviewEntity, { where: { id: interviewId, siteId }, lock: { mode: 'pessimistic_write' } });
    if (!interview) throw new DomainError('INTERVIEW_NOT_FOUND', `No interview with id ${interviewId} on this site.`, { interviewId });
    return interview;
  }

  /** Every interview of the member (the rules compare a new or changed one with them). */
  ofMember(siteId: SiteId, memberId: string, manager: EntityManager): Promise<InterviewEntity[]> {
    return manager.findBy(InterviewEntity, { memberId, siteId });
  }

  /** One page of the member's interviews; without `includePrivate`, the private ones are left out. */
  page(siteId: SiteId, memberId: string, options: { includePrivate: boolean }, request: PageRequest): Promise<{ items: InterviewEntity[]; nextCursor: string | null }> {
    const query = this.dataSource.getRepository(InterviewEntity).createQueryBuilder('i').where('i.siteId = :siteId AND i.memberId = :memberId', { siteId, memberId });
    if (!options.includePrivate) query.andWhere('i.private = false');
    return keysetPage(query, request);
  }

  async insert(interview: InterviewEntity & { siteId: SiteId }, manager: EntityManager): Promise<void> {
    await manager.insert(InterviewEntity, interview);
  }

  async save(interview: InterviewEntity, manager: EntityManager): Promise<void> {
    await manager.save(interview);
  }
}
