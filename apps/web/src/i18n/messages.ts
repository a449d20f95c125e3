import { en } from './en';
import { fr, type MessageKey, type Messages } from './fr';

export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];
export const MESSAGES: Record<Language, Messages> = { fr, en };

/** The message of `key` in `language`, its `{name}` placeholders filled. Pure: the hook in i18n.tsx wraps it. */
export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

/** The `{name}` placeholders a message uses, to check both languages fill the same ones. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}
