import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DomainError, PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { SiteEntity } from './site.entity';

/**
 * Every read and write of the sites. A site is its own tenant: it is read by its SiteId. Changes
 * run in the use case's transaction (its EntityManager); plain reads on the data source's.
 */
@Injectable()
export class SiteRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The site, optionally row-locked for a change; an absent one is SITE_NOT_FOUND. */
  async find(siteId: SiteId, options: { lock?: boolean } = {}, manager: EntityManager = this.dataSource.manager): Promise<SiteEntity> {
    const site = await manager.findOne(SiteEntity, { where: { id: siteId }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!site) throw new DomainError('SITE_NOT_FOUND', `No site with id ${siteId}.`, { siteId });
    return site;
  }

  /** Refuses (SITE_NOT_FOUND) what is to be recorded for a site that does not exist. */
  async assertExists(siteId: SiteId, manager: EntityManager): Promise<void> {
    if (!(await manager.existsBy(SiteEntity, { id: siteId }))) throw new DomainError('SITE_NOT_FOUND', `No site with id ${siteId}.`, { siteId });
  }

  /** One page of the sites, or of those listed (a caller's own sites). */
  page(request: PageRequest & { siteIds?: string[] }): Promise<{ items: SiteEntity[]; nextCursor: string | null }> {
    const query = this.dataSource.getRepository(SiteEntity).createQueryBuilder('s');
    if (request.siteIds) query.where('s.id = ANY(:siteIds)', { siteIds: request.siteIds });
    return keysetPage(query, request);
  }

  async insert(site: SiteEntity & { id: SiteId }, manager: EntityManager): Promise<void> {
    await manager.insert(SiteEntity, site);
  }

  async save(site: SiteEntity, manager: EntityManager): Promise<void> {
    await manager.save(site);
  }

  /** The unique index on the code refused the site. */
  isCodeTaken(error: unknown): boolean {
    return error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'site_code_key';
  }
}
