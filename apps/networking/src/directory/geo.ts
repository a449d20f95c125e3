/**
 * Distances on the map, without a geocoding service: coordinates are entered or picked by the
 * coordinators. Haversine on a sphere of the Earth's mean radius is within 0.5 % of the
 * ellipsoid at France's latitudes, plenty to say "within 30 km".
 */

export const EARTH_RADIUS_KM = 6371.0088;

export interface LatLon {
  latitude: number;
  longitude: number;
}

const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
}

/**
 * A box that contains every point within `km` of the centre, for an index-friendly prefilter in
 * SQL before the exact distance. Near a pole, or when the circle crosses the antimeridian, the
 * box takes every longitude (correct, only less selective).
 */
export function boundingBox(centre: LatLon, km: number): BoundingBox {
  const dLat = (km / EARTH_RADIUS_KM) * (180 / Math.PI);
  const minLatitude = Math.max(-90, centre.latitude - dLat);
  const maxLatitude = Math.min(90, centre.latitude + dLat);
  // The widest longitude span of the circle is at its latitude closest to a pole.
  const widest = Math.max(Math.abs(minLatitude), Math.abs(maxLatitude));
  if (widest >= 89.999) return { minLatitude, maxLatitude, minLongitude: -180, maxLongitude: 180 };
  const ratio = Math.sin(km / EARTH_RADIUS_KM) / Math.cos(rad(centre.latitude));
  const dLon = ratio >= 1 ? 180 : Math.asin(ratio) * (180 / Math.PI) * 1.0001 + 1e-9;
  const minLongitude = centre.longitude - dLon;
  const maxLongitude = centre.longitude + dLon;
  if (dLon >= 180 || minLongitude < -180 || maxLongitude > 180) return { minLatitude, maxLatitude, minLongitude: -180, maxLongitude: 180 };
  return { minLatitude, maxLatitude, minLongitude, maxLongitude };
}

/** Kilometres rounded to 0.1, as the lists show them. */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/** `"50.69,3.17"` → a point, or undefined when it is not two numbers in range. */
export function parseLatLon(text: string): LatLon | undefined {
  const match = /^\s*(-?\d{1,2}(?:\.\d{1,10})?)\s*,\s*(-?\d{1,3}(?:\.\d{1,10})?)\s*$/.exec(text);
  if (!match) return undefined;
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180)) return undefined;
  return { latitude, longitude };
}
