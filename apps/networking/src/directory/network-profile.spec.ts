import { codeOf } from '@kpa/testing/refusal';
import { checkProfile, EMPTY_PROFILE, maySee, queryWords, searchFields } from './network-profile';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('maySee', () => {
  it('shows a published profile to everyone, an unpublished one only to its site and the network admin', () => {
    expect(maySee({ siteId: A, published: true }, { networkAdmin: false, siteIds: [B] })).toBe(true);
    expect(maySee({ siteId: A, published: false }, { networkAdmin: false, siteIds: [B] })).toBe(false);
    expect(maySee({ siteId: A, published: false }, { networkAdmin: false, siteIds: [B, A] })).toBe(true);
    expect(maySee({ siteId: A, published: false }, { networkAdmin: true, siteIds: [] })).toBe(true);
  });
});

describe('checkProfile', () => {
  it('wants both coordinates or neither', () => {
    expect(codeOf(() => checkProfile({ ...EMPTY_PROFILE, latitude: 50.6 }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkProfile({ ...EMPTY_PROFILE, longitude: 3.1 }))).toBe('VALIDATION_FAILED');
    expect(checkProfile({ ...EMPTY_PROFILE, latitude: 50.6, longitude: 3.1 }).latitude).toBe(50.6);
  });

  it('refuses a presentation over 1,000 characters (counted as characters, not UTF-16 units) and a pole listed twice', () => {
    expect(checkProfile({ ...EMPTY_PROFILE, presentation: '😀'.repeat(1000) }).presentation).toHaveLength(2000);
    expect(codeOf(() => checkProfile({ ...EMPTY_PROFILE, presentation: 'a'.repeat(1001) }))).toBe('VALIDATION_FAILED');
    expect(
      codeOf(() =>
        checkProfile({
          ...EMPTY_PROFILE,
          poles: [
            { name: 'Cuisine', description: '' },
            { name: 'cuisine ', description: 'traiteur' },
          ],
        }),
      ),
    ).toBe('VALIDATION_FAILED');
  });
});

describe('searchFields and queryWords', () => {
  it('folds what the filters compare', () => {
    const fields = searchFields(
      { name: 'La Cape', city: 'Roubaix' },
      {
        ...EMPTY_PROFILE,
        presentation: 'Tiers-lieu de l’Épeule',
        poles: [{ name: 'Sérigraphie', description: 'T-shirts' }],
        offers: [{ kind: 'equipment', label: 'Cuisine partagée', description: '' }],
      },
    );
    expect(fields.poleKeys).toEqual(['serigraphie']);
    expect(fields.offerKinds).toEqual(['equipment']);
    expect(fields.searchText).toContain(' epeule ');
    expect(fields.searchText).toContain('cuisine partagee');
    expect(queryWords('  Cuisine  PARTAGÉE ')).toEqual(['cuisine', 'partagee']);
  });
});
