import { DomainError, NetworkProfileInput, NetworkViewer, PRESENTATION_MAX_LENGTH } from '@kpa/contracts';
import { foldSkillName } from '../skills/skill-names';

/**
 * A site's public profile: who may read it, and what is derived from it for the filters.
 * An unpublished profile is seen by its own site's users and the network admin only; for anyone
 * else it does not exist (404, not 403: another site learns nothing from it).
 */
export function maySee(profile: { siteId: string; published: boolean }, viewer: NetworkViewer): boolean {
  return profile.published || viewer.networkAdmin || viewer.siteIds.includes(profile.siteId);
}

/** What a site has before its coordinators write anything: nothing published. */
export const EMPTY_PROFILE: NetworkProfileInput = {
  presentation: '',
  poles: [],
  offers: [],
  contactEmail: null,
  latitude: null,
  longitude: null,
  openingHours: null,
  published: false,
};

/** The rules the gateway's DTO cannot say alone; refused with a message that says what to fix. */
export function checkProfile(profile: NetworkProfileInput): NetworkProfileInput {
  if ((profile.latitude === null) !== (profile.longitude === null)) {
    throw new DomainError('VALIDATION_FAILED', 'Give both latitude and longitude of the venue, or neither.', { field: profile.latitude === null ? 'latitude' : 'longitude' });
  }
  if ([...profile.presentation].length > PRESENTATION_MAX_LENGTH) {
    throw new DomainError('VALIDATION_FAILED', `presentation must be at most ${PRESENTATION_MAX_LENGTH} characters.`, { field: 'presentation' });
  }
  const poles = new Set<string>();
  for (const pole of profile.poles) {
    const key = foldSkillName(pole.name);
    if (poles.has(key)) throw new DomainError('VALIDATION_FAILED', `The activity pole "${pole.name}" is listed twice.`, { field: 'poles' });
    poles.add(key);
  }
  return profile;
}

/** Derived on save: folded pole names, offer kinds and a folded text the `q` filter searches. */
export function searchFields(site: { name: string; city: string }, profile: NetworkProfileInput): { poleKeys: string[]; offerKinds: string[]; searchText: string } {
  const texts = [
    site.name,
    site.city,
    profile.presentation,
    ...profile.poles.flatMap((pole) => [pole.name, pole.description]),
    ...profile.offers.flatMap((offer) => [offer.label, offer.description]),
  ];
  return {
    poleKeys: [...new Set(profile.poles.map((pole) => foldSkillName(pole.name)))],
    offerKinds: [...new Set(profile.offers.map((offer) => offer.kind))],
    searchText: ` ${texts.map(foldSkillName).join(' ')} `,
  };
}

/** The words of a `q` filter, folded like the searched text: every word must appear. */
export function queryWords(q: string): string[] {
  return foldSkillName(q).split(' ').filter(Boolean).slice(0, 10);
}
