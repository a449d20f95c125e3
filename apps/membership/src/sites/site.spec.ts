import { newSite, normaliseSiteCode, siteChanges } from './site';
import { refusalIfAny } from '@kpa/testing/refusal';

const hostStructureId = '01a20098-7711-7679-b3d7-13a6c9a77124';

/** The field a refusal names, else its code; undefined when the rule accepts. */
function fieldOf(run: () => unknown): string | undefined {
  const refusal = refusalIfAny(run);
  return refusal && ((refusal.field as string | undefined) ?? refusal.code);
}

describe('site rules', () => {
  it('normalises the code to upper case and trims the text fields', () => {
    expect(newSite({ name: '  La Cape ', code: ' lacape ', city: ' Roubaix', hostStructureId })).toEqual({
      name: 'La Cape',
      code: 'LACAPE',
      city: 'Roubaix',
      status: 'in_reflection',
      hostStructureId,
      minimumAge: 16,
      charterRequired: false,
      interviewCadenceDays: 60,
      midTermReviewAfterMonths: 8,
      exitInterviewAfterMonths: 15,
      addressLine: null,
      postalCode: null,
      carryingStructure: null,
      venues: [],
      activityPoles: [],
    });
  });

  it('checks the profile: carrying structure, venues, activity poles', () => {
    const changes = siteChanges({
      carryingStructure: { name: ' Centre social de l’Épeule ', kind: 'social_centre' },
      venues: [{ name: 'La cuisine partagée', kind: 'shared_kitchen', address: null }],
      activityPoles: ['cuisine', 'jardin', 'cuisine'],
    });
    expect(changes).toEqual({
      carryingStructure: { name: 'Centre social de l’Épeule', kind: 'social_centre' },
      venues: [{ name: 'La cuisine partagée', kind: 'shared_kitchen', address: null }],
      activityPoles: ['cuisine', 'jardin'],
    });
    expect(fieldOf(() => siteChanges({ venues: [{ name: 'Lieu', kind: 'castle' as never, address: null }] }))).toBe('venues[0].kind');
    expect(fieldOf(() => siteChanges({ carryingStructure: { name: '', kind: 'association' } }))).toBe('carryingStructure.name');
    expect(fieldOf(() => siteChanges({ postalCode: '591' }))).toBe('postalCode');
  });

  it('accepts 2 to 16 letters, digits and hyphens in a code, not starting with a hyphen', () => {
    expect(normaliseSiteCode('kpa-lille-2')).toBe('KPA-LILLE-2');
    expect(fieldOf(() => normaliseSiteCode('A'))).toBe('code');
    expect(fieldOf(() => normaliseSiteCode('-LILLE'))).toBe('code');
    expect(fieldOf(() => normaliseSiteCode('LA CAPE'))).toBe('code');
    expect(fieldOf(() => normaliseSiteCode('ABCDEFGHIJKLMNOPQ'))).toBe('code');
    expect(fieldOf(() => normaliseSiteCode(undefined))).toBe('code');
  });

  it('refuses an unknown status, an empty name or city', () => {
    expect(fieldOf(() => newSite({ name: 'La Cape', code: 'LACAPE', city: 'Roubaix', status: 'open' as never, hostStructureId }))).toBe('status');
    expect(fieldOf(() => newSite({ name: ' ', code: 'LACAPE', city: 'Roubaix', hostStructureId }))).toBe('name');
    expect(fieldOf(() => newSite({ name: 'La Cape', code: 'LACAPE', city: '', hostStructureId }))).toBe('city');
  });

  it('lets a change touch name, city and status only, and at least one of them', () => {
    expect(siteChanges({ name: ' Kpa-Moulins ', status: 'closed' })).toEqual({ name: 'Kpa-Moulins', status: 'closed' });
    expect(fieldOf(() => siteChanges({}))).toBe('VALIDATION_FAILED');
    expect(fieldOf(() => siteChanges({ city: '' }))).toBe('city');
  });

  it('checks each setting against its range', () => {
    expect(siteChanges({ settings: { minimumAge: 18, charterRequired: true } })).toEqual({ minimumAge: 18, charterRequired: true });
    expect(fieldOf(() => siteChanges({ settings: { minimumAge: 12 } }))).toBe('settings.minimumAge');
    expect(fieldOf(() => siteChanges({ settings: { interviewCadenceDays: 1.5 } }))).toBe('settings.interviewCadenceDays');
    expect(fieldOf(() => siteChanges({ settings: { charterRequired: 'yes' as never } }))).toBe('settings.charterRequired');
  });
});
