import fc from 'fast-check';
import { isMinorOn, lastInitialOf, listedFor, PoolEntry } from './pool-visibility';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const TODAY = '2026-12-04';
const adult: PoolEntry = { siteId: A, kind: 'member', visible: true, active: true, erased: false, adultOn: null };
const fromB = { networkAdmin: false, siteIds: [B] };
const fromA = { networkAdmin: false, siteIds: [A] };
const admin = { networkAdmin: true, siteIds: [] };

describe('listedFor', () => {
  it('lists an adult member who opted in to every site', () => {
    expect(listedFor(adult, fromB, TODAY)).toBe(true);
    expect(listedFor(adult, admin, TODAY)).toBe(true);
  });

  it('never lists someone who did not opt in, left, or was erased', () => {
    for (const viewer of [fromA, fromB, admin]) {
      expect(listedFor({ ...adult, visible: false }, viewer, TODAY)).toBe(false);
      expect(listedFor({ ...adult, active: false }, viewer, TODAY)).toBe(false);
      expect(listedFor({ ...adult, erased: true }, viewer, TODAY)).toBe(false);
    }
  });

  it('lists a minor only to their own site, never to another site nor to the network admin', () => {
    const minor = { ...adult, adultOn: '2027-03-01' };
    expect(listedFor(minor, fromA, TODAY)).toBe(true);
    expect(listedFor(minor, fromB, TODAY)).toBe(false);
    expect(listedFor(minor, admin, TODAY)).toBe(false);
    // From their 18th birthday on, they are an adult.
    expect(listedFor({ ...adult, adultOn: TODAY }, fromB, TODAY)).toBe(true);
  });

  it('never shows a minor outside their site, whatever else is true', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.constantFrom<'member' | 'team'>('member', 'team'), fc.boolean(), (visible, active, erased, kind, networkAdmin) => {
        const entry: PoolEntry = { siteId: A, kind, visible, active, erased, adultOn: '2030-01-01' };
        expect(listedFor(entry, { networkAdmin, siteIds: [B] }, TODAY)).toBe(false);
      }),
    );
  });

  it('lists a visible team person; the member flags do not apply to them', () => {
    expect(listedFor({ siteId: A, kind: 'team', visible: true, active: false, erased: false, adultOn: null }, fromB, TODAY)).toBe(true);
  });
});

describe('isMinorOn and lastInitialOf', () => {
  it('is a minor the day before their 18th birthday only', () => {
    expect(isMinorOn('2026-12-05', TODAY)).toBe(true);
    expect(isMinorOn('2026-12-04', TODAY)).toBe(false);
    expect(isMinorOn(null, TODAY)).toBe(false);
  });

  it('keeps only the first letter of the last name', () => {
    expect(lastInitialOf('benali')).toBe('B.');
    expect(lastInitialOf(' Élodie-Marchand')).toBe('É.');
    expect(lastInitialOf('')).toBe('');
  });
});
