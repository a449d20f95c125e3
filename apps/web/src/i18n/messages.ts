import { loadFrenchErrors } from '../ui/error-text';
import { en } from './en';
import { fr, type MessageKey } from './fr';

export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];

/** The strings known so far: the first screens' at once, the areas' once `loadAreaMessages()` is done. */
const CATALOGUES: Record<Language, Partial<Record<MessageKey, string>>> = { fr: { ...fr }, en: { ...en } };

let areas: Promise<void> | undefined;

/**
 * Loads the areas' strings (one chunk, `areas.ts`) and the French error sentences (another), once:
 * the screens past the log-in wait for them (`use()` in app.tsx), the log-in page asks for them
 * ahead, once drawn.
 */
export function loadAreaMessages(): Promise<void> {
  areas ??= Promise.all([
    import('./areas').then(({ areasFr, areasEn }) => {
      Object.assign(CATALOGUES.fr, areasFr);
      Object.assign(CATALOGUES.en, areasEn);
    }),
    loadFrenchErrors(),
  ]).then(() => undefined);
  return areas;
}

/** The message of `key` in `language`, its `{name}` placeholders filled; the key itself while its area is not loaded. */
export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  const message = CATALOGUES[language][key] ?? key;
  return message.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

/** The `{name}` placeholders a message uses, to check both languages fill the same ones. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}
