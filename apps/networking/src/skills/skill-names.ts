/**
 * Skill names as people write them ("Retouches", "COUTURE", "cuisine ", "Sérigraphie") become
 * one key, so a search finds people however they wrote it: case and accents folded, punctuation
 * and spaces collapsed, then a small French synonym table maps variants to one canonical skill.
 */

/** Canonical skill → the variants that mean it (already folded: lower case, no accents). */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  couture: ['retouches', 'retouche', 'raccommodage', 'confection', 'travaux d aiguille'],
  cuisine: ['traiteur', 'restauration', 'cuisinier', 'cuisiniere', 'buffet', 'buffets'],
  menuiserie: ['ebenisterie', 'travail du bois', 'bois', 'meubles en palettes', 'palettes'],
  serigraphie: ['impression textile', 'serigraphe'],
  jardinage: ['jardin', 'espaces verts', 'maraichage', 'potager'],
  numerique: ['informatique', 'sos numerique', 'depannage informatique', 'aide numerique'],
  conciergerie: ['concierge', 'conciergerie de quartier'],
  'petits travaux': ['bricolage', 'petit bricolage', 'reparations'],
  menage: ['nettoyage', 'entretien des locaux'],
  repassage: ['blanchisserie'],
  animation: ['animation d ateliers', 'animateur', 'animatrice'],
  accueil: ['accueil du public'],
};

const CANONICAL: ReadonlyMap<string, string> = new Map(
  Object.entries(SYNONYMS).flatMap(([canonical, variants]) => [[canonical, canonical] as const, ...variants.map((variant) => [variant, canonical] as const)]),
);

/** Lower case, accents and ligatures removed, anything but letters and digits turned into single spaces. */
export function foldSkillName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The key a skill is stored and searched under: its canonical name when it has one, else the folded name. */
export function skillKey(name: string): string {
  const folded = foldSkillName(name);
  return CANONICAL.get(folded) ?? folded;
}

/** The longest skill name accepted (a key is never longer than its name). */
export const SKILL_NAME_MAX_LENGTH = 60;
