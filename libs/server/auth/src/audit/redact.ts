import type { AuditDetailValue } from './audit-trail.service.js';

const SECRET_KEY = /pass(word|phrase)?|secret|credential|authorization|cookie|private|^token$|apikey|jwt/i;
const SECRET_VALUE = /pb[tr]_[A-Za-z0-9_-]{20,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+|-----BEGIN/;
export const REDACTED = '[redacted]';

const redactValue = (value: AuditDetailValue): AuditDetailValue => {
  if (typeof value === 'string') return SECRET_VALUE.test(value) ? REDACTED : value.replaceAll(String.fromCharCode(0), '').slice(0, 500);
  if (Array.isArray(value)) return value.map((v) => (SECRET_VALUE.test(v) ? REDACTED : v.slice(0, 200))).slice(0, 50);
  return value;
};

/** Keeps secrets out of the trail even when a caller passes one by mistake. */
export function redactDetails(details: Record<string, AuditDetailValue>): Record<string, AuditDetailValue> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, SECRET_KEY.test(key) ? REDACTED : redactValue(value)]));
}

/** Redacts one free-text value (an audit target). */
export const redactText = (text: string): string => (SECRET_VALUE.test(text) ? REDACTED : text.slice(0, 500));
