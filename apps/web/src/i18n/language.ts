export type Language = 'en' | 'ko';

export const LANGUAGES: readonly Language[] = ['en', 'ko'];
const STORAGE_KEY = 'postureboard.lang';

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const asLanguage = (value: string | null | undefined): Language | null =>
  value === 'en' || value === 'ko' ? value : null;

/**
 * `?lang=` wins (and is remembered, so a shared link switches the reader's language for good),
 * then the remembered choice, then the browser's preference.
 */
export function detectLanguage(search: string, store: KeyValueStore, browserLanguage: string | undefined): Language {
  const fromUrl = asLanguage(new URLSearchParams(search).get('lang'));
  if (fromUrl) {
    rememberLanguage(store, fromUrl);
    return fromUrl;
  }
  const remembered = asLanguage(safeGet(store));
  if (remembered) return remembered;
  return browserLanguage?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function rememberLanguage(store: KeyValueStore, lang: Language): void {
  try {
    store.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing can refuse storage; the choice then lasts for this page only.
  }
}

function safeGet(store: KeyValueStore): string | null {
  try {
    return store.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
