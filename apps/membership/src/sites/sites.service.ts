import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CreateSiteRequest, DomainError, ListSitesRequest, Site, SITE_CREATED_V1, SITE_UPDATED_V1, siteIdOf, SitePage, UpdateSiteRequest } from '@kpa/contracts';
import { createEvent, UnitOfWork } from '@kpa/platform';
import { HostStructureRepository } from '../host-structures/host-structure.repository';
import { newSite, siteChanges } from './site';
import { SiteEntity } from './site.entity';
import { SiteRepository } from './site.repository';

/** The site as other services know it: its profile, not its settings. */
function siteEventData(site: SiteEntity) {
  const { createdAt: _createdAt, settings: _settings, ...data } = site.toContract();
  return data;
}

@Injectable()
export class SitesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sites: SiteRepository,
    private readonly hostStructures: HostStructureRepository,
  ) {}

  async create(request: CreateSiteRequest): Promise<Site> {
    const input = newSite(request);
    const now = new Date();
    const site = Object.assign(new SiteEntity(), { id: siteIdOf(uuidv7()), ...input, createdAt: now, updatedAt: now });
    try {
      // The answer is the unit of work's result: under an idempotency key, it is what a retry gets back.
      return await this.unitOfWork.run(async ({ manager, publish }) => {
        if (!(await this.hostStructures.exists(input.hostStructureId, manager))) {
          throw new DomainError('HOST_STRUCTURE_NOT_FOUND', `No host structure with id ${input.hostStructureId}; create it first.`, {
            field: 'hostStructureId',
          });
        }
        await this.sites.insert(site, manager);
        await publish(createEvent(SITE_CREATED_V1, site.id, siteEventData(site), now));
        return site.toContract();
      });
    } catch (error) {
      if (this.sites.isCodeTaken(error)) {
        throw new DomainError('SITE_CODE_TAKEN', `The code ${input.code} is already used by another site; choose another one.`, { field: 'code' });
      }
      throw error;
    }
  }

  async get(siteId: string): Promise<Site> {
    return (await this.sites.find(siteIdOf(siteId))).toContract();
  }

  async list(request: ListSitesRequest): Promise<SitePage> {
    const page = await this.sites.page(request);
    return { items: page.items.map((s) => s.toContract()), nextCursor: page.nextCursor };
  }

  async update(request: UpdateSiteRequest): Promise<Site> {
    const { siteId, ...rest } = request;
    const changes = siteChanges(rest);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const site = await this.sites.find(siteIdOf(siteId), { lock: true }, manager);
      Object.assign(site, changes, { updatedAt: new Date() });
      await this.sites.save(site, manager);
      await publish(createEvent(SITE_UPDATED_V1, site.id, siteEventData(site), site.updatedAt));
      return site.toContract();
    });
  }
}
