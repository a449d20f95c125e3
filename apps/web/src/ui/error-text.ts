import { ApiError, NETWORK_ERROR, UNREADABLE_ERROR } from '../api/api-error';
import type { MessageKey } from '../i18n/fr';
import type { Language } from '../i18n/messages';
import { frenchTypography } from '../i18n/typography';

let french: typeof import('../i18n/errors') | undefined;

let loading: Promise<void> | undefined;

/**
 * The French error sentences (i18n/errors.ts, some 9 KB gzipped) come in their own chunk, with the
 * areas' strings (`loadAreaMessages()`): asked for once the log-in page is drawn, awaited by the
 * screens behind it. Until they arrive (never, offline), an error reads as the API's message with
 * French typography.
 */
export function loadFrenchErrors(): Promise<void> {
  loading ??= import('../i18n/errors').then(
    (module) => {
      french = module;
    },
    () => undefined,
  );
  return loading;
}

/**
 * The sentence a person reads for a failure. In French, the console's own plain sentence for the
 * API's code (i18n/errors.ts), filled from its details; VALIDATION_FAILED field by field; an
 * unknown code keeps the API's message with French typography. In English, the API's own message
 * (it is English and says what to fix). Ours when there was no readable answer. Never the raw
 * body, never a stack trace.
 */
export function errorText(error: unknown, language: Language, t: (key: MessageKey) => string): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('app.error.network');
    if (error.code !== UNREADABLE_ERROR && error.message) {
      if (language === 'en') return error.message;
      return french ? french.frenchErrorText(error.code, error.message, error.details) : frenchTypography(error.message);
    }
  }
  return t('app.error.unreadable');
}

/** The sentence a form field shows when the API's error names that field (`ApiError.field`), else undefined. */
export function fieldErrorText(error: unknown, field: string, language: Language, t: (key: MessageKey) => string): string | undefined {
  return error instanceof ApiError && error.field === field ? errorText(error, language, t) : undefined;
}
