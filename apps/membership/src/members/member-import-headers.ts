import { EntrySituation, Gender, Referrer } from '@kpa/contracts';

/**
 * How people write a member sheet: the headers each column may have (French or English, or the
 * API's field names) and the French words for the enumerations' values, compared once normalised.
 */

/** Lower case, no accents, camelCase split, punctuation as spaces: `Date d'entrée` → `date d entree`, `joinedOn` → `joined on`. */
export function normalise(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type Column =
  | 'firstName'
  | 'lastName'
  | 'birthDate'
  | 'email'
  | 'phone'
  | 'gender'
  | 'addressLine'
  | 'postalCode'
  | 'city'
  | 'priorityNeighbourhood'
  | 'situation'
  | 'referredBy'
  | 'referredByDetail'
  | 'charterSignedOn'
  | 'joinedOn'
  | 'skills'
  | 'passions';

/** Accepted headers of each column (normalised). The first one is shown in messages. */
export const COLUMN_HEADERS: Record<Column, string[]> = {
  firstName: ['prenom', 'first name', 'given name'],
  lastName: ['nom', 'nom de famille', 'last name', 'family name', 'surname'],
  birthDate: ['date de naissance', 'ne le', 'nee le', 'ne e le', 'birth date', 'date of birth'],
  email: ['email', 'e mail', 'courriel', 'mail', 'adresse mail', 'adresse e mail'],
  phone: ['telephone', 'tel', 'phone', 'portable', 'mobile'],
  gender: ['genre', 'sexe', 'gender'],
  addressLine: ['adresse', 'address', 'address line', 'rue'],
  postalCode: ['code postal', 'cp', 'postal code', 'postcode'],
  city: ['ville', 'commune', 'city'],
  priorityNeighbourhood: ['qpv', 'quartier prioritaire', 'priority neighbourhood', 'priority neighborhood'],
  situation: ['situation', 'situation a l entree', 'entry situation'],
  referredBy: ['oriente par', 'orientee par', 'oriente e par', 'orientation', 'prescripteur', 'referred by'],
  referredByDetail: ['precision orientation', 'oriente par precision', 'referred by detail'],
  charterSignedOn: ['charte signee le', 'date de signature de la charte', 'charter signed on'],
  joinedOn: ['date d entree', 'date entree', 'entree le', 'date d arrivee', 'joined on'],
  skills: ['competences', 'skills'],
  passions: ['passions', 'centres d interet', 'loisirs', 'interests'],
};

export const REQUIRED: Column[] = ['firstName', 'lastName', 'birthDate', 'situation', 'referredBy'];

/** The member field each column fills, for refusals (`addressLine` is `address.line`). */
export const FIELD_OF: Partial<Record<Column, string>> = { addressLine: 'address.line', postalCode: 'address.postalCode', city: 'address.city' };

export const SITUATIONS: Record<string, EntrySituation> = {
  'demandeur d emploi': 'job_seeker',
  'demandeuse d emploi': 'job_seeker',
  'demandeur euse d emploi': 'job_seeker',
  de: 'job_seeker',
  chomage: 'job_seeker',
  'sans emploi': 'job_seeker',
  unemployed: 'job_seeker',
  rsa: 'rsa',
  'beneficiaire du rsa': 'rsa',
  'allocataire du rsa': 'rsa',
  etudiant: 'student',
  etudiante: 'student',
  'etudiant e': 'student',
  eleve: 'student',
  lyceen: 'student',
  lyceenne: 'student',
  'salarie a temps partiel': 'employed_part_time',
  'salariee a temps partiel': 'employed_part_time',
  'salarie e a temps partiel': 'employed_part_time',
  'temps partiel': 'employed_part_time',
  'part time': 'employed_part_time',
  autre: 'other',
};

export const REFERRER_NAMES: Record<string, Referrer> = {
  'mission locale': 'mission_locale',
  ml: 'mission_locale',
  'centre social': 'social_centre',
  'centre socio culturel': 'social_centre',
  'social center': 'social_centre',
  'bouche a oreille': 'word_of_mouth',
  'bouche a l oreille': 'word_of_mouth',
  autre: 'other',
};

export const GENDER_NAMES: Record<string, Gender> = {
  femme: 'female',
  f: 'female',
  woman: 'female',
  homme: 'male',
  h: 'male',
  m: 'male',
  man: 'male',
  'non binaire': 'non_binary',
  nb: 'non_binary',
  'non precise': 'not_said',
  'non renseigne': 'not_said',
  'ne se prononce pas': 'not_said',
  nsp: 'not_said',
};

export const YES = ['oui', 'o', 'yes', 'y', '1', 'vrai', 'true', 'x'];
export const NO = ['non', 'n', 'no', '0', 'faux', 'false'];

/** Looks a value up by its French name or its API value (`job_seeker`, `job seeker`). */
export function enumValue<T extends string>(raw: string, names: Record<string, T>, values: readonly T[]): T | undefined {
  const key = normalise(raw);
  return names[key] ?? values.find((value) => normalise(value.replace(/_/g, ' ')) === key);
}
