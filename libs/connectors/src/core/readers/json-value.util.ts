/** Reading typed fields out of parsed JSON (`unknown`) without `any`, with the field path on failure. */

export type JsonObject = Record<string, unknown>;

/** A record that cannot be accepted; `field` is the JSON path at fault, for the run's error list. */
export class RecordRejection extends Error {
  constructor(
    readonly reason: string,
    readonly field?: string,
  ) {
    super(reason);
    this.name = 'RecordRejection';
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/*
 * Each `…At(value, key)` reads `value[key]` and judges it with `…Of`. A parser on a hot path reads its fields
 * by name (`record['eventID']`, a fast property load) and passes them to the `…Of` form: same rules.
 */

export function objectAt(value: unknown, key: string): JsonObject | null {
  return isJsonObject(value) ? objectOf(value[key]) : null;
}

export function objectOf(inner: unknown): JsonObject | null {
  return isJsonObject(inner) ? inner : null;
}

export function arrayAt(value: unknown, key: string): unknown[] {
  if (!isJsonObject(value)) return [];
  const inner = value[key];
  return Array.isArray(inner) ? inner : [];
}

/** A non-empty string (trimmed); numbers are accepted as their decimal text (`"0"` and `0` alike). */
export function stringAt(value: unknown, key: string): string | null {
  return isJsonObject(value) ? stringOf(value[key]) : null;
}

export function stringOf(inner: unknown): string | null {
  if (typeof inner === 'string') {
    const trimmed = inner.trim();
    return trimmed.length > 0 ? trimmed : null;
  }
  if (typeof inner === 'number' && Number.isFinite(inner)) return String(inner);
  return null;
}

export function requireString(value: unknown, key: string, field = key): string {
  return requireStringOf(isJsonObject(value) ? value[key] : undefined, field);
}

export function requireStringOf(inner: unknown, field: string): string {
  const text = stringOf(inner);
  if (text === null) throw new RecordRejection(`missing required field ${field}`, field);
  return text;
}

/** A number, or a numeric string (sources disagree on which): anything else is null. */
export function numberAt(value: unknown, key: string): number | null {
  return isJsonObject(value) ? numberOf(value[key]) : null;
}

export function numberOf(inner: unknown): number | null {
  if (typeof inner === 'number') return Number.isFinite(inner) ? inner : null;
  if (typeof inner === 'string' && inner.trim() !== '') {
    const parsed = Number(inner);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** JSON booleans, and the strings `"true"`/`"False"` that some providers send (Entra's SCIM does). */
export function booleanAt(value: unknown, key: string): boolean | null {
  if (!isJsonObject(value)) return null;
  return toBoolean(value[key]);
}

export function toBoolean(inner: unknown): boolean | null {
  if (typeof inner === 'boolean') return inner;
  if (typeof inner === 'string') {
    const lower = inner.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return null;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * An ISO 8601 timestamp. A date-time without an offset is read as UTC: the machine's time zone must never
 * change what a log says. Anything else (including JavaScript's lenient forms like "5") is not a date.
 */
export function parseIsoDate(text: string): Date | null {
  const utc = utcTimestamp(text);
  if (utc !== undefined) return utc;
  const match = ISO_8601.exec(text);
  if (!match) return null;
  const normalised = text.replace(' ', 'T').replace(',', '.');
  const withZone = normalised.length > 10 && match[1] === undefined ? `${normalised}Z` : normalised;
  const date = new Date(withZone.replace(/([+-]\d{2})$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The common shapes `YYYY-MM-DDTHH:MM:SSZ` and `YYYY-MM-DDTHH:MM:SS.sssZ` (CloudTrail writes the first),
 * read digit by digit with the same result as the general path: undefined for any other shape, which the
 * general path then reads (years before 1000, hour 24, other fractions, offsets, lower-case `z`).
 */
function utcTimestamp(text: string): Date | null | undefined {
  const length = text.length;
  if (length !== 20 && length !== 24) return undefined;
  if (
    text.charCodeAt(4) !== 0x2d ||
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x54 ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a ||
    text.charCodeAt(length - 1) !== 0x5a
  ) {
    return undefined;
  }
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let millisecond = 0;
  if (length === 24) {
    if (text.charCodeAt(19) !== 0x2e) return undefined;
    millisecond = digits(text, 20, 3);
  }
  if (hour < 0 || hour > 23 || minute < 0 || second < 0 || millisecond < 0) return undefined;
  const day = dayStart(text);
  if (day === undefined || day === null) return day;
  // Out of range as JavaScript's parser sees it.
  if (minute > 59 || second > 59) return null;
  return new Date(day + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond);
}

/** The last date part read and its UTC midnight: log records come in time order, so most share it. */
let lastDay = '';
let lastDayStart = 0;

/** UTC midnight of the `YYYY-MM-DD` that starts the text; null when out of range, undefined for the general path. */
function dayStart(text: string): number | null | undefined {
  if (lastDay !== '' && text.startsWith(lastDay)) return lastDayStart;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 1000 || month < 0 || day < 0) return undefined;
  // JavaScript's parser lets a day roll over into the next month (2024-02-30 is 1 March), as Date.UTC does.
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  lastDayStart = Date.UTC(year, month - 1, day);
  lastDay = text.slice(0, 10);
  return lastDayStart;
}

/** The decimal value of `count` ASCII digits from `start`, or -1 when one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    const digit = text.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** An optional date field: absent is null, present but not a date is a rejection naming the field. */
export function dateAt(value: unknown, key: string, field = key): Date | null {
  return isJsonObject(value) ? dateOf(value[key], field) : null;
}

export function dateOf(inner: unknown, field: string): Date | null {
  if (inner === undefined || inner === null || inner === '') return null;
  if (typeof inner === 'string') {
    const date = parseIsoDate(inner.trim());
    if (date) return date;
  }
  throw new RecordRejection(`${field} is not an ISO 8601 date: ${JSON.stringify(inner).slice(0, 40)}`, field);
}

export function requireDate(value: unknown, key: string, field = key): Date {
  return requireDateOf(isJsonObject(value) ? value[key] : undefined, field);
}

export function requireDateOf(inner: unknown, field: string): Date {
  const date = dateOf(inner, field);
  if (date === null) throw new RecordRejection(`missing required field ${field}`, field);
  return date;
}

export function looksLikeEmail(text: string | null): text is string {
  return text !== null && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

/**
 * The message of a thrown value. Errors from Node's core can come from another realm (Jest's VM
 * modules), where `instanceof Error` is false, so this reads the shape instead.
 */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return String(error);
}

/** The system error code (`ENOENT`, `ECONNREFUSED`, `Z_BUF_ERROR`) of a thrown value, if it has one. */
export function codeOf(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}
