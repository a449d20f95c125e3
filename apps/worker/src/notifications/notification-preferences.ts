import { DomainError, NOTIFICATION_KINDS, NOTIFICATION_LANGUAGES, NotificationKind, NotificationPreferences } from '@kpa/contracts';

/** What a user who never chose gets: every e-mail, the digest at 8:00 (Paris), French. */
export const DEFAULT_PREFERENCES: NotificationPreferences = Object.freeze({ emailOff: [], digestHour: 8, language: 'fr' }) as NotificationPreferences;

/** A user's choices as stored: each kind once, in the catalogue's order; refuses what cannot be. */
export function checkPreferences(input: NotificationPreferences): NotificationPreferences {
  const unknown = input.emailOff.filter((kind) => !(NOTIFICATION_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `emailOff lists unknown kinds (${unknown.join(', ')}); known kinds: ${NOTIFICATION_KINDS.join(', ')}.`, { field: 'emailOff' });
  }
  if (!Number.isInteger(input.digestHour) || input.digestHour < 0 || input.digestHour > 23) {
    throw new DomainError('VALIDATION_FAILED', 'digestHour must be a whole hour from 0 to 23 (Paris time).', { field: 'digestHour' });
  }
  if (!(NOTIFICATION_LANGUAGES as readonly string[]).includes(input.language)) {
    throw new DomainError('VALIDATION_FAILED', `language must be one of ${NOTIFICATION_LANGUAGES.join(', ')}.`, { field: 'language' });
  }
  return { emailOff: NOTIFICATION_KINDS.filter((kind) => input.emailOff.includes(kind)), digestHour: input.digestHour, language: input.language };
}

/** Whether a notification of this kind also goes out by e-mail. */
export function wantsEmail(preferences: NotificationPreferences, kind: NotificationKind): boolean {
  return !preferences.emailOff.includes(kind);
}
