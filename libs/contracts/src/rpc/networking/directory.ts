import { Page } from '../page';
import { SiteStatus } from '../membership/sites';

/**
 * The network directory (issue 12 §1): each site's public profile, edited by its coordinators,
 * beside the status membership gives it and the launch stage of a new KPA. What a site did not
 * publish is never shown to another site.
 */

export const NETWORK_OFFER_KINDS = ['skills', 'equipment', 'accompaniment'] as const;
export type NetworkOfferKind = (typeof NETWORK_OFFER_KINDS)[number];

/** Longest presentation a site may publish. */
export const PRESENTATION_MAX_LENGTH = 1000;

/** An activity pole with a short description ("cuisine: traiteur pour les associations du quartier"). */
export interface NetworkPole {
  name: string;
  description: string;
}

/** What a site offers other sites: skills, equipment or accompaniment of a new KPA. */
export interface NetworkOffer {
  kind: NetworkOfferKind;
  label: string;
  description: string;
}

/** What the coordinators write: every field, replaced as a whole on each save. */
export interface NetworkProfileInput {
  presentation: string;
  poles: NetworkPole[];
  offers: NetworkOffer[];
  contactEmail: string | null;
  latitude: number | null;
  longitude: number | null;
  openingHours: string | null;
  published: boolean;
}

/** One status or launch-stage change, with its date. */
export interface NetworkStatusChange {
  kind: 'status' | 'launch_stage';
  value: string | null;
  changedAt: string;
}

/** A site as the region sees it. */
export interface NetworkSite extends NetworkProfileInput {
  siteId: string;
  name: string;
  code: string;
  city: string;
  status: SiteStatus;
  /** The step of a new KPA's launch path it has reached (filled by the launches feature); null when none. */
  launchStage: string | null;
  /** Kilometres from `near`, rounded to 0.1 km, when the list was asked with `near`. */
  distanceKm?: number;
  profileUpdatedAt: string | null;
}

/** A site in full, for its own users and the network admin: with its history of status changes. */
export interface NetworkSiteDetail extends NetworkSite {
  history: NetworkStatusChange[];
}

/** Who asks: a network admin sees every profile; another user sees the published ones and their own sites'. */
export interface NetworkViewer {
  networkAdmin: boolean;
  siteIds: string[];
}

export interface ListNetworkSitesRequest {
  viewer: NetworkViewer;
  status?: SiteStatus;
  /** An activity pole, compared after normalisation (case, accents). */
  pole?: string;
  offer?: NetworkOfferKind;
  /** Words in the name, city, presentation, poles and offers. */
  q?: string;
  near?: { latitude: number; longitude: number; km: number };
  /** An offset cursor from a previous page's nextCursor. */
  cursor?: string;
  limit?: number;
}

export type NetworkSitePage = Page<NetworkSite> & { total: number };

export interface GetNetworkSiteRequest {
  viewer: NetworkViewer;
  siteId: string;
}

export interface GetNetworkProfileRequest {
  siteId: string;
}

export interface SetNetworkProfileRequest {
  siteId: string;
  profile: NetworkProfileInput;
  updatedBy: string;
}

/** RFC 7946 — only what a site published. */
export interface NetworkGeoJsonFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    name: string;
    city: string;
    status: SiteStatus;
    launchStage: string | null;
    presentation: string;
    poles: NetworkPole[];
    offers: NetworkOffer[];
    contactEmail: string | null;
    openingHours: string | null;
  };
}

export interface NetworkGeoJson {
  type: 'FeatureCollection';
  features: NetworkGeoJsonFeature[];
}

export type NetworkGeoJsonRequest = Record<string, never>;

export type NetworkStatsRequest = Record<string, never>;

/** The network's figures for the network admin. */
export interface NetworkStats {
  sitesByStatus: Record<string, number>;
  /** New KPAs by launch stage (sites with none are left out). */
  sitesByLaunchStage: Record<string, number>;
  /** Active members per site, from membership's member events. */
  activeMembers: Array<{ siteId: string; name: string; activeMembers: number }>;
  /** The skill pool: people listed per site (opted-in members and team people). */
  pooledPeople: number;
  /** Hours given between sites, all movements of the reciprocity ledger (reversals taken back), as a decimal string. */
  hoursExchanged: string;
  /** Help requests still taking offers. */
  openHelpRequests: number;
  /** Equipment loans accepted or out. */
  equipmentLoans: number;
}
