import { NetworkGeoJson, NetworkSite } from '@kpa/contracts';

/**
 * The public map (RFC 7946): a FeatureCollection of Points in [longitude, latitude] order (§3.1.1,
 * the opposite of how people write them), WGS 84 implied (§4), properties limited to what each
 * site published. Unpublished sites and sites without coordinates are left out.
 */
export function toGeoJson(sites: readonly NetworkSite[]): NetworkGeoJson {
  return {
    type: 'FeatureCollection',
    features: sites
      .filter((site) => site.published && site.latitude !== null && site.longitude !== null)
      .map((site) => ({
        type: 'Feature',
        id: site.siteId,
        geometry: { type: 'Point', coordinates: [site.longitude as number, site.latitude as number] },
        properties: {
          name: site.name,
          city: site.city,
          status: site.status,
          launchStage: site.launchStage,
          presentation: site.presentation,
          poles: site.poles,
          offers: site.offers,
          contactEmail: site.contactEmail,
          openingHours: site.openingHours,
        },
      })),
  };
}
