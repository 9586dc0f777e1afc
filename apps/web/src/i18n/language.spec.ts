import { describe, expect, it } from '@jest/globals';
import { detectLanguage } from './language.js';

const store = (initial?: string) => {
  const values = new Map<string, string>(initial ? [['postureboard.lang', initial]] : []);
  return { values, getItem: (k: string) => values.get(k) ?? null, setItem: (k: string, v: string) => void values.set(k, v) };
};

describe('detectLanguage', () => {
  it('prefers ?lang= over the remembered choice and remembers it', () => {
    const s = store('en');
    expect(detectLanguage('?lang=ko', s, 'en-US')).toBe('ko');
    expect(s.values.get('postureboard.lang')).toBe('ko');
  });

  it('uses the remembered choice when the URL says nothing', () => {
    expect(detectLanguage('', store('ko'), 'en-US')).toBe('ko');
  });

  it('falls back to the browser language, then English', () => {
    expect(detectLanguage('', store(), 'ko-KR')).toBe('ko');
    expect(detectLanguage('', store(), 'fr-FR')).toBe('en');
  });

  it('ignores an unsupported ?lang= value', () => {
    expect(detectLanguage('?lang=de', store('ko'), 'en-US')).toBe('ko');
  });

  it('still answers when storage refuses access', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(detectLanguage('?lang=ko', refusing, 'en')).toBe('ko');
    expect(detectLanguage('', refusing, 'en')).toBe('en');
  });
});
