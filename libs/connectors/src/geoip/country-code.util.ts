import { createRequire } from 'node:module';
import type * as IsoCountries from 'i18n-iso-countries';

/**
 * Names that identity providers and geolocation databases use (Okta's System Log takes MaxMind's English
 * names) but that the ISO list of `i18n-iso-countries` spells differently.
 */
const EXTRA_NAMES: Readonly<Record<string, string>> = {
  'the netherlands': 'NL',
  laos: 'LA',
  macau: 'MO',
  moldova: 'MD',
  syria: 'SY',
  brunei: 'BN',
  'cabo verde': 'CV',
  'congo republic': 'CG',
  'dr congo': 'CD',
  'congo, the democratic republic of the': 'CD',
  micronesia: 'FM',
  'vatican city': 'VA',
  'holy see': 'VA',
  'st kitts and nevis': 'KN',
  'st vincent and grenadines': 'VC',
  'st lucia': 'LC',
  'st barthelemy': 'BL',
  'st martin': 'MF',
  'st pierre and miquelon': 'PM',
  'st helena': 'SH',
  'bonaire, sint eustatius, and saba': 'BQ',
  'u.s. virgin islands': 'VI',
  'british virgin islands': 'VG',
  'falkland islands': 'FK',
  'hashemite kingdom of jordan': 'JO',
  'republic of lithuania': 'LT',
  'republic of moldova': 'MD',
  'east timor': 'TL',
  'timor-leste': 'TL',
  'korea, south': 'KR',
  'korea, north': 'KP',
  "korea, democratic people's republic of": 'KP',
  'iran, islamic republic of': 'IR',
  'venezuela, bolivarian republic of': 'VE',
  'bolivia, plurinational state of': 'BO',
  'tanzania, united republic of': 'TZ',
  'viet nam': 'VN',
  'palestinian territory': 'PS',
  kosovo: 'XK',
};

let names: Map<string, string> | null = null;
let iso: typeof IsoCountries | null = null;

function library(): typeof IsoCountries {
  if (iso === null) {
    // Only the English names: the package's main entry would load every language it ships.
    const require = createRequire(import.meta.url);
    const loaded = require('i18n-iso-countries/index.js') as typeof IsoCountries;
    loaded.registerLocale(require('i18n-iso-countries/langs/en.json') as IsoCountries.LocaleData);
    iso = loaded;
  }
  return iso;
}

function nameIndex(): Map<string, string> {
  if (names === null) {
    const index = new Map<string, string>();
    const all = library().getNames('en', { select: 'all' });
    for (const [code, list] of Object.entries(all)) {
      for (const name of list) index.set(normalise(name), code);
    }
    for (const [name, code] of Object.entries(EXTRA_NAMES)) index.set(normalise(name), code);
    names = index;
  }
  return names;
}

function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/\bsaint\b/g, 'st')
    .replace(/[.]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * ISO 3166-1 alpha-2 (upper case) from what a source writes: an alpha-2 or alpha-3 code ("us", "USA")
 * or an English country name ("United States", "South Korea", "Côte d'Ivoire"). Null when unknown.
 */
export function toCountryCode(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  const lib = library();
  if (/^[A-Za-z]{2}$/.test(text)) {
    const code = text.toUpperCase();
    if (lib.isValid(code) || code === 'XK') return code;
  }
  if (/^[A-Za-z]{3}$/.test(text)) {
    const code = lib.alpha3ToAlpha2(text.toUpperCase());
    if (code) return code;
  }
  const normalised = normalise(text);
  return nameIndex().get(normalised) ?? nameIndex().get(normalised.replace(/^the /, '')) ?? null;
}
