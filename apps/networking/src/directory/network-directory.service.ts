import { Injectable } from '@nestjs/common';
import {
  DomainError,
  GetNetworkProfileRequest,
  GetNetworkSiteRequest,
  ListNetworkSitesRequest,
  NetworkGeoJson,
  NetworkSite,
  NetworkSiteDetail,
  NetworkSitePage,
  SetNetworkProfileRequest,
} from '@kpa/contracts';
import { UnitOfWork } from '@kpa/platform';
import { boundingBox } from './geo';
import { checkProfile, maySee, queryWords, searchFields } from './network-profile';
import { NetworkDirectoryRepository } from './network-directory.repository';
import { foldSkillName } from '../skills/skill-names';
import { toGeoJson } from './geojson';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

function notFound(siteId: string): DomainError {
  return new DomainError('NETWORK_SITE_NOT_FOUND', `No site with id ${siteId} in the network directory (or it has not published its profile).`, { siteId });
}

/** The directory and the map: each site's public profile, and who may read it. */
@Injectable()
export class NetworkDirectoryService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly directory: NetworkDirectoryRepository,
  ) {}

  async list(request: ListNetworkSitesRequest): Promise<NetworkSitePage> {
    const limit = Math.min(Math.max(request.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
    const offset = request.cursor === undefined ? 0 : Number(request.cursor);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > 1_000_000) {
      throw new DomainError('INVALID_CURSOR', 'cursor is not a value returned as nextCursor by this list; drop it to start from the first page.', { field: 'cursor' });
    }
    const { items, total } = await this.directory.list({
      unpublishedOf: request.viewer.networkAdmin ? null : request.viewer.siteIds,
      status: request.status,
      poleKey: request.pole === undefined ? undefined : foldSkillName(request.pole),
      offer: request.offer,
      words: request.q === undefined ? [] : queryWords(request.q),
      near: request.near && { centre: request.near, km: request.near.km, box: boundingBox(request.near, request.near.km) },
      offset,
      limit,
    });
    return { items, total, nextCursor: offset + items.length < total ? String(offset + items.length) : null };
  }

  async get({ viewer, siteId }: GetNetworkSiteRequest): Promise<NetworkSiteDetail> {
    const site = await this.directory.site(siteId);
    if (!site || !maySee(site, viewer)) throw notFound(siteId);
    return { ...site, history: await this.directory.history(siteId) };
  }

  /** The site's own profile, published or not (the gateway lets only its users ask). */
  async profile({ siteId }: GetNetworkProfileRequest): Promise<NetworkSiteDetail> {
    const site = await this.directory.site(siteId);
    if (!site) throw this.notYetKnown(siteId);
    return { ...site, history: await this.directory.history(siteId) };
  }

  setProfile({ siteId, profile, updatedBy }: SetNetworkProfileRequest): Promise<NetworkSiteDetail> {
    const checked = checkProfile(profile);
    return this.unitOfWork.run(async ({ manager }) => {
      const site = await this.directory.site(siteId, manager, true);
      if (!site) throw this.notYetKnown(siteId);
      await this.directory.saveProfile(siteId, checked, searchFields(site, checked), { at: new Date(), userId: updatedBy }, manager);
      const saved = (await this.directory.site(siteId, manager)) as NetworkSite;
      return { ...saved, history: await this.directory.history(siteId, manager) };
    });
  }

  async geoJson(): Promise<NetworkGeoJson> {
    return toGeoJson(await this.directory.publishedOnMap());
  }

  private notYetKnown(siteId: string): DomainError {
    return new DomainError('NETWORK_SITE_NOT_FOUND', `Site ${siteId} is not yet in the network directory: a site just created takes a moment to arrive; try again.`, { siteId });
  }
}
