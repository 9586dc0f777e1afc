import { describe, expect, it } from '@jest/globals';
import { placeholdersOf } from './interpolate.js';
import { messages, type MessageKey } from './messages.js';

describe('the message catalogs', () => {
  const keys = Object.keys(messages.en) as MessageKey[];

  it('translate every English key into Korean, with no empty string in either language', () => {
    expect(Object.keys(messages.ko).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect([key, messages.en[key].trim().length > 0]).toEqual([key, true]);
      expect([key, messages.ko[key].trim().length > 0]).toEqual([key, true]);
    }
  });

  it('use the same placeholders in both languages, so no value goes missing in translation', () => {
    const mismatched = keys.filter((key) => placeholdersOf(messages.en[key]).join() !== placeholdersOf(messages.ko[key]).join());
    expect(mismatched).toEqual([]);
  });

  it('name every score domain, severity, status and credential kind the API can return', () => {
    for (const key of ['domain.DETECTION', 'severity.CRITICAL', 'status.RISK_ACCEPTED', 'credKind.SIGNING_KEY', 'sla.OVERDUE'] as const) {
      expect(messages.ko[key]).not.toBe(messages.en[key]);
    }
  });
});
