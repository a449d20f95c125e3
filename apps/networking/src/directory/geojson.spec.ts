import { NetworkSite } from '@kpa/contracts';
import { toGeoJson } from './geojson';

const site = (over: Partial<NetworkSite>): NetworkSite => ({
  siteId: '00000000-0000-4000-8000-00000000000a',
  name: 'La Cape',
  code: 'LACAPE',
  city: 'Roubaix',
  status: 'active',
  launchStage: null,
  presentation: 'Tiers-lieu',
  poles: [{ name: 'couture', description: 'retouches' }],
  offers: [],
  contactEmail: 'contact@lacape.fr',
  latitude: 50.6942,
  longitude: 3.1746,
  openingHours: 'mar–sam 9h–17h',
  published: true,
  profileUpdatedAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

describe('toGeoJson', () => {
  it('writes an RFC 7946 FeatureCollection of Points in [longitude, latitude] order', () => {
    const map = toGeoJson([site({})]);
    expect(map.type).toBe('FeatureCollection');
    expect(map.features).toHaveLength(1);
    expect(map.features[0].type).toBe('Feature');
    expect(map.features[0].geometry).toEqual({ type: 'Point', coordinates: [3.1746, 50.6942] });
  });

  it('leaves out unpublished sites and sites without coordinates', () => {
    expect(toGeoJson([site({ published: false }), site({ latitude: null, longitude: null })]).features).toEqual([]);
  });

  it('carries only the public profile in the properties (no code, no internal dates)', () => {
    expect(Object.keys(toGeoJson([site({})]).features[0].properties).sort()).toEqual(
      ['city', 'contactEmail', 'launchStage', 'name', 'offers', 'openingHours', 'poles', 'presentation', 'status'].sort(),
    );
  });
});
