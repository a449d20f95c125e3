import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CreateSiteRequest, DomainError, ListSitesRequest, Site, SITE_CREATED_V1, SITE_UPDATED_V1, SitePage, UpdateSiteRequest } from '@kpa/contracts';
import { createEvent, keysetPage, UnitOfWork } from '@kpa/platform';
import { HostStructureEntity } from '../host-structures/host-structure.entity';
import { newSite, siteChanges } from './site';
import { SiteEntity } from './site.entity';

/** The site as other services know it: its profile, not its settings. */
function siteEventData(site: SiteEntity) {
  const { createdAt: _createdAt, settings: _settings, ...data } = site.toContract();
  return data;
}

@Injectable()
export class SitesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async create(request: CreateSiteRequest): Promise<Site> {
    const input = newSite(request);
    const now = new Date();
    const site = Object.assign(new SiteEntity(), { id: uuidv7(), ...input, createdAt: now, updatedAt: now });
    try {
      await this.unitOfWork.run(async ({ manager, publish }) => {
        const host = await manager.findOneBy(HostStructureEntity, { id: input.hostStructureId });
        if (!host) {
          throw new DomainError('HOST_STRUCTURE_NOT_FOUND', `No host structure with id ${input.hostStructureId}; create it first.`, {
            field: 'hostStructureId',
          });
        }
        await manager.insert(SiteEntity, site);
        await publish(createEvent(SITE_CREATED_V1, site.id, siteEventData(site), now));
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'site_code_key') {
        throw new DomainError('SITE_CODE_TAKEN', `The code ${input.code} is already used by another site; choose another one.`, { field: 'code' });
      }
      throw error;
    }
    return site.toContract();
  }

  async get(siteId: string): Promise<Site> {
    const site = await this.dataSource.getRepository(SiteEntity).findOneBy({ id: siteId });
    if (!site) throw new DomainError('SITE_NOT_FOUND', `No site with id ${siteId}.`, { siteId });
    return site.toContract();
  }

  async list(request: ListSitesRequest): Promise<SitePage> {
    const query = this.dataSource.getRepository(SiteEntity).createQueryBuilder('s');
    if (request.siteIds) query.where('s.id = ANY(:siteIds)', { siteIds: request.siteIds });
    const page = await keysetPage(query, request);
    return { items: page.items.map((s) => s.toContract()), nextCursor: page.nextCursor };
  }

  async update(request: UpdateSiteRequest): Promise<Site> {
    const { siteId, ...rest } = request;
    const changes = siteChanges(rest);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const site = await manager.findOne(SiteEntity, { where: { id: siteId }, lock: { mode: 'pessimistic_write' } });
      if (!site) throw new DomainError('SITE_NOT_FOUND', `No site with id ${siteId}.`, { siteId });
      Object.assign(site, changes, { updatedAt: new Date() });
      await manager.save(site);
      await publish(createEvent(SITE_UPDATED_V1, site.id, siteEventData(site), site.updatedAt));
      return site.toContract();
    });
  }
}
