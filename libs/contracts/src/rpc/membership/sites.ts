import { Page, PageRequest } from '../page';

export const SITE_STATUSES = ['active', 'in_reflection', 'closed'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

/** How a site runs its people (a coordinator may change them). */
export interface SiteSettings {
  /** Minimum age on the first day of a CAPE (16 by default, as the KPA documents say). */
  minimumAge: number;
  /** Whether the charter must be signed before a CAPE. */
  charterRequired: boolean;
  /** At least one interview every this many days. */
  interviewCadenceDays: number;
  midTermReviewAfterMonths: number;
  exitInterviewAfterMonths: number;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  minimumAge: 16,
  charterRequired: false,
  interviewCadenceDays: 60,
  midTermReviewAfterMonths: 8,
  exitInterviewAfterMonths: 15,
};

/** One KPA cooperative: the tenant. */
export interface Site {
  id: string;
  name: string;
  /** Short unique code, upper case (e.g. `ROUBAIX`), used in document numbers. */
  code: string;
  city: string;
  status: SiteStatus;
  hostStructureId: string;
  settings: SiteSettings;
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
  settings?: Partial<SiteSettings>;
}

export interface GetSiteRequest {
  siteId: string;
}

export interface ListSitesRequest extends PageRequest {
  /** Only these sites (a caller's own sites); absent = all. */
  siteIds?: string[];
}

export type SitePage = Page<Site>;
