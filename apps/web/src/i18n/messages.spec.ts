import { areasEn, areasFr } from './areas';
import { en as coreEn } from './en';
import { fr as coreFr } from './fr';
import { loadAreaMessages, placeholdersOf, translate } from './messages';
import { followsFrenchTypography } from './typography';

describe('message files', () => {
  const fr: Record<string, string> = { ...coreFr, ...areasFr };
  const en: Record<string, string> = { ...coreEn, ...areasEn };
  const keys = Object.keys(fr);

  it('English has exactly the French keys, and no area repeats a key of the first screens', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
    expect(keys.length).toBe(Object.keys(coreFr).length + Object.keys(areasFr).length);
  });

  it('no message is empty and both languages fill the same placeholders', () => {
    for (const key of keys) {
      expect({ key, fr: fr[key].trim().length > 0, en: en[key].trim().length > 0 }).toEqual({ key, fr: true, en: true });
      expect({ key, placeholders: placeholdersOf(en[key]) }).toEqual({ key, placeholders: placeholdersOf(fr[key]) });
    }
  });

  it('French messages put a no-break space before : ; ? !', () => {
    const wrong = keys.filter((key) => !followsFrenchTypography(fr[key]));
    expect(wrong).toEqual([]);
  });
});

describe('translate', () => {
  it('knows an area’s strings once they are loaded (before, it shows the key rather than nothing)', async () => {
    expect(translate('fr', 'members.nav')).toBe('members.nav');
    await loadAreaMessages();
    expect(translate('fr', 'members.nav')).toBe(areasFr['members.nav']);
    expect(translate('en', 'members.nav')).toBe(areasEn['members.nav']);
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(translate('fr', 'today.overdue.days', { days: 12 })).toBe('12 jours');
    expect(translate('en', 'chooseSite.open', { site: 'La Cape' })).toBe('Open La Cape');
    expect(translate('en', 'chooseSite.open')).toBe('Open {site}');
  });
});
