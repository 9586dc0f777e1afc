import type { Observation } from '@postureboard/connectors';
import { mapObservation } from './observation.mapper.js';

const event = (overrides: Partial<Extract<Observation, { kind: 'access-event' }>> = {}): Observation => ({
  kind: 'access-event',
  eventId: 'e1',
  occurredAt: new Date('2025-06-24T01:00:00Z'),
  principal: 'dev',
  credentialExternalId: null,
  sourceIp: null,
  country: null,
  action: 's3:GetObject',
  resource: null,
  bytes: 10,
  records: null,
  success: true,
  ...overrides,
});

describe('mapObservation', () => {
  it('rejects what the database would refuse mid-batch, naming the field', () => {
    expect(mapObservation(event({ occurredAt: new Date('nope') }))).toEqual({ kind: 'rejected', field: 'occurredAt', reason: 'occurredAt is not a valid date' });
    expect(mapObservation(event({ principal: '  ' }))).toEqual({ kind: 'rejected', field: 'principal', reason: 'principal is empty' });
    expect(mapObservation(event({ bytes: -5 }))).toMatchObject({ kind: 'rejected', field: 'bytes' });
  });

  it('keeps the validity interval of a credential, deactivation date and whether its use is observed, and rejects a bad date', () => {
    const credential: Observation = {
      kind: 'credential',
      credentialKind: 'CERTIFICATE',
      externalId: 'sha256:ab',
      name: 'api',
      algorithm: 'RSA-2048',
      environment: 'PRODUCTION',
      status: 'INACTIVE',
      createdAt: new Date('2024-01-01T00:00:00Z'),
      lastRotatedAt: null,
      expiresAt: new Date('2025-01-01T00:00:00Z'),
      deactivatedAt: new Date('2024-06-01T00:00:00Z'),
      lastUsedAt: null,
      useObserved: false,
      owner: null,
      ageFromFirstSeen: false,
      attributes: {},
    };
    expect(mapObservation(credential)).toMatchObject({
      kind: 'credential',
      row: { createdAt: new Date('2024-01-01T00:00:00Z'), expiresAt: new Date('2025-01-01T00:00:00Z'), deactivatedAt: new Date('2024-06-01T00:00:00Z'), useObserved: false },
    });
    expect(mapObservation({ ...credential, deactivatedAt: new Date('nope') })).toEqual({ kind: 'rejected', field: 'deactivatedAt', reason: 'deactivatedAt is not a valid date' });
  });

  it('drops NUL characters, which PostgreSQL text cannot hold', () => {
    expect(mapObservation(event({ resource: 'a\u0000b' }))).toMatchObject({ kind: 'access-event', row: { resource: 'ab' } });
  });

  it('normalises e-mails for matching and needs a key to match an identity by', () => {
    const identity: Observation = {
      kind: 'identity',
      externalId: 'u1',
      email: '  Ana.Lee@Example.COM ',
      employeeNumber: null,
      displayName: '',
      employmentType: 'EMPLOYEE',
      status: 'ACTIVE',
      startDate: null,
      terminationDate: null,
      workCountry: 'kr',
      department: null,
      managerEmail: 'Boss@Example.com',
    };
    expect(mapObservation(identity)).toMatchObject({
      kind: 'identity',
      row: { email: 'ana.lee@example.com', displayName: 'ana.lee@example.com', workCountry: 'KR', managerEmail: 'boss@example.com' },
    });
    expect(mapObservation({ ...identity, email: null })).toMatchObject({ kind: 'rejected', field: 'email' });
    expect(mapObservation({ ...identity, workCountry: 'Korea' })).toMatchObject({ kind: 'rejected', field: 'workCountry' });
  });

  it('maps a data lake rollup to its daily rollup key, and rejects one that counts nothing or names no real day', () => {
    const rollup: Observation = { kind: 'access-rollup', day: '2026-11-02', principal: ' dev ', credentialExternalId: ' ', country: 'KR', events: 3, bytes: 10, records: 0 };
    expect(mapObservation(rollup)).toEqual({
      kind: 'access-rollup',
      row: { day: '2026-11-02', principal: 'dev', credentialExternalId: null, country: 'KR', events: 3, bytes: 10, records: 0 },
    });
    expect(mapObservation({ ...rollup, day: '2026-02-30' })).toMatchObject({ kind: 'rejected', field: 'day' });
    expect(mapObservation({ ...rollup, events: 0 })).toMatchObject({ kind: 'rejected', field: 'events' });
    expect(mapObservation({ ...rollup, bytes: -1 })).toMatchObject({ kind: 'rejected', field: 'bytes' });
    expect(mapObservation({ ...rollup, principal: '' })).toMatchObject({ kind: 'rejected', field: 'principal' });
  });
});
