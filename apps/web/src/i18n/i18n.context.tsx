import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createFormatters, type Formatters } from './formatters.js';
import { interpolate } from './interpolate.js';
import { detectLanguage, rememberLanguage, type Language } from './language.js';
import { messages, type MessageKey } from './messages.js';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t: Translate;
  fmt: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => detectLanguage(window.location.search, window.localStorage, navigator.language));

  const setLang = useCallback((next: Language) => {
    rememberLanguage(window.localStorage, next);
    setLangState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const catalog = messages[lang];
    return {
      lang,
      setLang,
      t: (key, params) => interpolate(catalog[key], params, lang),
      fmt: createFormatters(lang),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
