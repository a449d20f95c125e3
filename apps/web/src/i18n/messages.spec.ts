import { en } from './en';
import { fr } from './fr';
import { placeholdersOf, translate } from './messages';
import { followsFrenchTypography } from './typography';

describe('message files', () => {
  const keys = Object.keys(fr) as (keyof typeof fr)[];

  it('English has exactly the French keys', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
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
  it('fills placeholders and leaves an unknown one visible', () => {
    expect(translate('fr', 'today.overdue.days', { days: 12 })).toBe('12 jours');
    expect(translate('en', 'chooseSite.open', { site: 'La Cape' })).toBe('Open La Cape');
    expect(translate('en', 'chooseSite.open')).toBe('Open {site}');
  });
});
