import { Page, PageRequest } from '../page';

export const SITE_STATUSES = ['active', 'in_reflection', 'closed'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

/** One KPA cooperative: the tenant. */
export interface Site {
  id: string;
  name: string;
  /** Short unique code, upper case (e.g. `ROUBAIX`), used in document numbers. */
  code: string;
  city: string;
  status: SiteStatus;
  hostStructureId: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateSiteRequest {
  name: string;
  code: string;
  city: string;
  status?: SiteStatus;
  hostStructureId: string;
}

export interface UpdateSiteRequest {
  siteId: string;
  name?: string;
  city?: string;
  status?: SiteStatus;
}

export interface GetSiteRequest {
  siteId: string;
}

export interface ListSitesRequest extends PageRequest {
  /** Only these sites (a caller's own sites); absent = all. */
  siteIds?: string[];
}

export type SitePage = Page<Site>;
