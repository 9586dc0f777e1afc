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

export function objectAt(value: unknown, key: string): JsonObject | null {
  if (!isJsonObject(value)) return null;
  const inner = value[key];
  return isJsonObject(inner) ? inner : null;
}

export function arrayAt(value: unknown, key: string): unknown[] {
  if (!isJsonObject(value)) return [];
  const inner = value[key];
  return Array.isArray(inner) ? inner : [];
}

/** A non-empty string (trimmed); numbers are accepted as their decimal text (`"0"` and `0` alike). */
export function stringAt(value: unknown, key: string): string | null {
  if (!isJsonObject(value)) return null;
  const inner = value[key];
  if (typeof inner === 'string') {
    const trimmed = inner.trim();
    return trimmed.length > 0 ? trimmed : null;
  }
  if (typeof inner === 'number' && Number.isFinite(inner)) return String(inner);
  return null;
}

export function requireString(value: unknown, key: string, field = key): string {
  const text = stringAt(value, key);
  if (text === null) throw new RecordRejection(`missing required field ${field}`, field);
  return text;
}

/** A number, or a numeric string (sources disagree on which): anything else is null. */
export function numberAt(value: unknown, key: string): number | null {
  if (!isJsonObject(value)) return null;
  const inner = value[key];
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
  const match = ISO_8601.exec(text);
  if (!match) return null;
  const normalised = text.replace(' ', 'T').replace(',', '.');
  const withZone = normalised.length > 10 && match[1] === undefined ? `${normalised}Z` : normalised;
  const date = new Date(withZone.replace(/([+-]\d{2})$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An optional date field: absent is null, present but not a date is a rejection naming the field. */
export function dateAt(value: unknown, key: string, field = key): Date | null {
  if (!isJsonObject(value)) return null;
  const inner = value[key];
  if (inner === undefined || inner === null || inner === '') return null;
  if (typeof inner === 'string') {
    const date = parseIsoDate(inner.trim());
    if (date) return date;
  }
  throw new RecordRejection(`${field} is not an ISO 8601 date: ${JSON.stringify(inner).slice(0, 40)}`, field);
}

export function requireDate(value: unknown, key: string, field = key): Date {
  const date = dateAt(value, key, field);
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
