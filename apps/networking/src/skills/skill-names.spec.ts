import fc from 'fast-check';
import { foldSkillName, skillKey } from './skill-names';

describe('skill names', () => {
  it('folds case, accents, ligatures and punctuation', () => {
    expect(foldSkillName('  Sérigraphie ')).toBe('serigraphie');
    expect(foldSkillName('MAÎTRE-D’HÔTEL')).toBe('maitre d hotel');
    expect(foldSkillName('Cœur de métier')).toBe('coeur de metier');
    expect(foldSkillName('Ébénisterie')).toBe('ebenisterie');
  });

  it('maps the French synonyms to one skill, however they are written', () => {
    expect(skillKey('Retouches')).toBe('couture');
    expect(skillKey('COUTURE')).toBe('couture');
    expect(skillKey('Traiteur')).toBe('cuisine');
    expect(skillKey('cuisine ')).toBe('cuisine');
    expect(skillKey('Espaces verts')).toBe('jardinage');
    expect(skillKey('SOS numérique')).toBe('numerique');
    expect(skillKey('Ébénisterie')).toBe('menuiserie');
    expect(skillKey('Bricolage')).toBe('petits travaux');
  });

  it('keeps an unknown skill as its folded name', () => {
    expect(skillKey('Vélo-réparation')).toBe('velo reparation');
  });

  it('is idempotent: the key of a key is itself, whatever was typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        expect(skillKey(skillKey(name))).toBe(skillKey(name));
        expect(foldSkillName(foldSkillName(name))).toBe(foldSkillName(name));
      }),
      { numRuns: 1000 },
    );
  });

  it('does not depend on case or accents', () => {
    fc.assert(
      fc.property(fc.constantFrom('couture', 'retouches', 'traiteur', 'serigraphie', 'jardin', 'menuiserie'), fc.array(fc.boolean(), { maxLength: 20 }), (name, upper) => {
        const accented = name.replace(/e/g, 'é');
        const mixed = [...accented].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
        expect(skillKey(mixed)).toBe(skillKey(name));
      }),
    );
  });
});
