import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LANGUAGES, translate, type Language } from './i18n/messages';
import type { MessageKey } from './i18n/fr';

/**
 * This browser's display choices: the console's language and the "easy reading" mode (a class on
 * <html>: larger text, pictograms next to actions). Kept in localStorage — they are not secrets.
 */
interface Preferences {
  language: Language;
  easyReading: boolean;
  setLanguage(language: Language): void;
  setEasyReading(on: boolean): void;
}

const PreferencesContext = createContext<Preferences | null>(null);
const LANGUAGE_KEY = 'kpa.language';
const EASY_READING_KEY = 'kpa.easyReading';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private browsing may refuse storage: the choice then lasts until the page closes.
  }
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const saved = stored(LANGUAGE_KEY);
    return LANGUAGES.includes(saved as Language) ? (saved as Language) : 'fr';
  });
  const [easyReading, setEasyReadingState] = useState(() => stored(EASY_READING_KEY) === 'on');

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    document.documentElement.classList.toggle('easy-reading', easyReading);
  }, [easyReading]);

  const setLanguage = useCallback((next: Language) => {
    store(LANGUAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const setEasyReading = useCallback((on: boolean) => {
    store(EASY_READING_KEY, on ? 'on' : 'off');
    setEasyReadingState(on);
  }, []);

  const value = useMemo(() => ({ language, easyReading, setLanguage, setEasyReading }), [language, easyReading, setLanguage, setEasyReading]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const preferences = useContext(PreferencesContext);
  if (!preferences) throw new Error('usePreferences() outside <PreferencesProvider>');
  return preferences;
}

/** `t('today.title')`, `t('chooseSite.open', { site })` in the chosen language. */
export function useT(): (key: MessageKey, values?: Record<string, string | number>) => string {
  const { language } = usePreferences();
  return useCallback((key, values) => translate(language, key, values), [language]);
}
