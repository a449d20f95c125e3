import { followsFrenchTypography, frenchTypography, NBSP } from './typography';

describe('frenchTypography', () => {
  it('puts a no-break space before : ; ? !', () => {
    expect(frenchTypography('Attention : trois factures en retard !')).toBe(`Attention${NBSP}: trois factures en retard${NBSP}!`);
    expect(frenchTypography('Vraiment ? Oui ; sans doute')).toBe(`Vraiment${NBSP}? Oui${NBSP}; sans doute`);
  });

  it('adds the space when the mark is glued to the word', () => {
    expect(frenchTypography('Erreur: mot de passe faux!')).toBe(`Erreur${NBSP}: mot de passe faux${NBSP}!`);
  });

  it('leaves times, URLs and repeated marks alone', () => {
    expect(frenchTypography('à 10:30 sur https://kpa.example/aide')).toBe('à 10:30 sur https://kpa.example/aide');
    expect(frenchTypography(`Quoi${NBSP}?!`)).toBe(`Quoi${NBSP}?!`);
  });

  it('spaces the inside of guillemets', () => {
    expect(frenchTypography('le bouton « Valider »')).toBe(`le bouton «${NBSP}Valider${NBSP}»`);
    // Already spaced: left as it is (once was a double space after «).
    expect(frenchTypography(`«${NBSP}Valider${NBSP}»`)).toBe(`«${NBSP}Valider${NBSP}»`);
  });

  it('is idempotent and tells a text that follows it', () => {
    const once = frenchTypography('Déjà inscrit ? Connectez-vous : c’est simple !');
    expect(frenchTypography(once)).toBe(once);
    expect(followsFrenchTypography(once)).toBe(true);
    expect(followsFrenchTypography('Déjà inscrit ?')).toBe(false);
  });
});
