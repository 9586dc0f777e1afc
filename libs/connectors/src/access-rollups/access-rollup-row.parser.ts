import { isIP } from 'node:net';
import { INTERNAL_COUNTRY } from '@postureboard/domain';
import type { AccessRollupObservation } from '../core/observation.js';
import { toCountryCode } from '../geoip/country-code.util.js';
import type { GeoIpResolver } from '../geoip/geoip.resolver.js';
import type { AccessRollupColumn } from './access-rollups.columns.js';

/**
 * A cell as a reader hands it over: CSV gives text, Parquet gives strings, numbers, bigints (INT64), Dates
 * (DATE, TIMESTAMP) or null.
 */
export type RollupCell = string | number | bigint | boolean | Date | null | undefined;

export type AccessRollupRowResult =
  | { ok: true; rollup: AccessRollupObservation }
  | { ok: false; field: AccessRollupColumn; reason: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * One rollup row → an observation. Every bad value is named in one rejection (the first bad column as its
 * field), so a file is fixed in one pass. A rollup is a count of what happened, so it must count something:
 * `events` ≥ 1, and `bytes`/`records` whole and non-negative.
 */
export function parseAccessRollupRow(cells: Readonly<Record<string, RollupCell>>, geo: GeoIpResolver): AccessRollupRowResult {
  const problems: { field: AccessRollupColumn; reason: string }[] = [];
  const text = (field: AccessRollupColumn): string => textOf(cells[field]);

  const day = dayOf(cells['day']);
  if (day === null) problems.push({ field: 'day', reason: `day is not a UTC date (YYYY-MM-DD): ${shown(cells['day'])}` });
  const principal = text('principal');
  if (principal === '') problems.push({ field: 'principal', reason: 'principal is empty' });
  const count = (field: AccessRollupColumn, least: number, whenAbsent: number | null): number => {
    const value = cells[field];
    if (isEmpty(value) && whenAbsent !== null) return whenAbsent;
    const parsed = wholeNumberOf(value);
    if (parsed === null || parsed < least) {
      problems.push({ field, reason: `${field} must be a whole number${least > 0 ? ` of at least ${least}` : ' ≥ 0'}: ${shown(value)}` });
      return 0;
    }
    return parsed;
  };
  const events = count('events', 1, null);
  const bytes = count('bytes', 0, 0);
  const records = count('records', 0, 0);

  let country: string | null = null;
  const countryText = text('country');
  if (countryText !== '') {
    country = countryText.toLowerCase() === INTERNAL_COUNTRY ? INTERNAL_COUNTRY : toCountryCode(countryText);
    if (country === null) problems.push({ field: 'country', reason: `country is neither an ISO 3166-1 alpha-2 code nor a country name: "${countryText}"` });
  } else {
    const ip = text('source_ip');
    if (ip !== '') {
      if (isIP(ip) === 0) problems.push({ field: 'source_ip', reason: `source_ip is not an IP address: "${ip}"` });
      else country = geo(ip);
    }
  }

  if (problems.length > 0 || day === null) {
    const first = problems[0] ?? { field: 'day' as const, reason: 'day is missing' };
    return { ok: false, field: first.field, reason: problems.map((problem) => problem.reason).join('; ') };
  }
  const credential = text('credential');
  return {
    ok: true,
    rollup: { kind: 'access-rollup', day, principal, credentialExternalId: credential === '' ? null : credential, country, events, bytes, records },
  };
}

const isEmpty = (value: RollupCell): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

function textOf(value: RollupCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return String(value).trim();
}

const shown = (value: RollupCell): string => (isEmpty(value) ? '(empty)' : JSON.stringify(typeof value === 'bigint' ? String(value) : value)?.slice(0, 60) ?? String(value));

/** A Parquet DATE (a Date at UTC midnight) or `YYYY-MM-DD` that names a real day; a time of day is not a day. */
function dayOf(value: RollupCell): string | null {
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) || time % MS_PER_DAY !== 0 ? null : value.toISOString().slice(0, 10);
  }
  const match = DAY.exec(textOf(value));
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === match[0] ? match[0] : null;
}

/** Text of digits, or a number/bigint that is a safe integer: counts beyond 2^53 are not exact in JavaScript. */
function wholeNumberOf(value: RollupCell): number | null {
  if (typeof value === 'bigint') return value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const parsed = Number(trimmed);
  return Number.isSafeInteger(parsed) ? parsed : null;
}
