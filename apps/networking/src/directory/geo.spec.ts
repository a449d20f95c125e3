import fc from 'fast-check';
import { boundingBox, haversineKm, parseLatLon, roundKm } from './geo';

const ROUBAIX = { latitude: 50.6942, longitude: 3.1746 };
const LILLE = { latitude: 50.6292, longitude: 3.0573 };
const point = fc.record({ latitude: fc.double({ min: -89.9, max: 89.9, noNaN: true }), longitude: fc.double({ min: -179.9, max: 179.9, noNaN: true }) });

describe('haversineKm', () => {
  it('measures known distances within 1 %', () => {
    // Paris – London, the textbook haversine example: 343.5 km.
    expect(haversineKm({ latitude: 48.8566, longitude: 2.3522 }, { latitude: 51.5074, longitude: -0.1278 })).toBeCloseTo(343.5, 0);
    // Roubaix – Lille: 7.2 km north–south and 8.3 km east–west on a local flat map, 11.0 km straight.
    expect(haversineKm(ROUBAIX, LILLE)).toBeGreaterThan(10.9);
    expect(haversineKm(ROUBAIX, LILLE)).toBeLessThan(11.1);
  });

  it('is zero from a point to itself, symmetric, and never more than half the Earth round', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        expect(haversineKm(a, a)).toBeCloseTo(0, 9);
        expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 6);
        expect(haversineKm(a, b)).toBeLessThanOrEqual(Math.PI * 6371.0088 + 1e-6);
      }),
    );
  });
});

describe('boundingBox', () => {
  it('contains every point within the radius (the SQL prefilter never drops a near site)', () => {
    fc.assert(
      fc.property(point, point, fc.double({ min: 0.1, max: 2000, noNaN: true }), (centre, other, km) => {
        const box = boundingBox(centre, km);
        if (haversineKm(centre, other) <= km) {
          expect(other.latitude).toBeGreaterThanOrEqual(box.minLatitude);
          expect(other.latitude).toBeLessThanOrEqual(box.maxLatitude);
          expect(other.longitude).toBeGreaterThanOrEqual(box.minLongitude);
          expect(other.longitude).toBeLessThanOrEqual(box.maxLongitude);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('stays small around Lille (selective enough for an index)', () => {
    const box = boundingBox(LILLE, 20);
    expect(box.maxLatitude - box.minLatitude).toBeLessThan(0.37);
    expect(box.maxLongitude - box.minLongitude).toBeLessThan(0.58);
  });
});

describe('parseLatLon and roundKm', () => {
  it('reads "lat,lon" and refuses what is out of range or not numbers', () => {
    expect(parseLatLon('50.69,3.17')).toEqual({ latitude: 50.69, longitude: 3.17 });
    expect(parseLatLon(' -46.1 , -1.15 ')).toEqual({ latitude: -46.1, longitude: -1.15 });
    for (const bad of ['', '50.69', '91,3', '50,181', 'a,b', '50.69;3.17', '1e3,2', 'NaN,1']) expect(parseLatLon(bad)).toBeUndefined();
  });

  it('rounds to a tenth of a kilometre', () => {
    expect(roundKm(10.449)).toBe(10.4);
    expect(roundKm(10.46)).toBe(10.5);
  });
});
