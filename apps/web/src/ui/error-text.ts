import { ApiError, NETWORK_ERROR, UNREADABLE_ERROR } from '../api/api-error';
import type { MessageKey } from '../i18n/fr';
import type { Language } from '../i18n/messages';
import { frenchTypography } from '../i18n/typography';

/**
 * The sentence a person reads for a failure: the API's own message (it says what to fix), or ours
 * when there was no readable answer. Never the raw body, never a stack trace.
 */
export function errorText(error: unknown, language: Language, t: (key: MessageKey) => string): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('app.error.network');
    if (error.code !== UNREADABLE_ERROR && error.message) return language === 'fr' ? frenchTypography(error.message) : error.message;
  }
  return t('app.error.unreadable');
}
