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

export const CARRYING_STRUCTURE_KINDS = ['social_centre', 'association', 'municipality', 'other'] as const;
export const VENUE_KINDS = ['third_place', 'fablab', 'shared_kitchen', 'other'] as const;

/** The social centre, association or town that carries the project (structure porteuse). */
export interface CarryingStructure {
  name: string;
  kind: (typeof CARRYING_STRUCTURE_KINDS)[number];
}

/** A place where the site works (lieu d'accueil). */
export interface Venue {
  name: string;
  kind: (typeof VENUE_KINDS)[number];
  address: string | null;
}

/** The site's public profile, which its coordinators keep up to date. */
export interface SiteProfile {
  addressLine: string | null;
  postalCode: string | null;
  carryingStructure: CarryingStructure | null;
  venues: Venue[];
  /** Pôles d'activité, e.g. "cuisine", "conciergerie", "jardin". */
  activityPoles: string[];
}

/** One KPA cooperative: the tenant. */
export interface Site extends SiteProfile {
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

export interface CreateSiteRequest extends Partial<SiteProfile> {
  name: string;
  code: string;
  city: string;
  status?: SiteStatus;
  hostStructureId: string;
}

export interface UpdateSiteRequest extends Partial<SiteProfile> {
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
