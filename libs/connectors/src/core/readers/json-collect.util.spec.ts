import type { AccountObservation } from '../observation.js';
import { collectJsonRecords, mapRecord } from './json-collect.util.js';
import { RecordRejection } from './json-value.util.js';

const account: AccountObservation = {
  kind: 'account',
  system: 'scim',
  externalId: 'u1',
  userName: 'u1',
  email: null,
  employeeNumber: null,
  status: 'ACTIVE',
  deactivatedAt: null,
  lastLoginAt: null,
};

describe('mapRecord', () => {
  it('gives every observation of a record the record location', () => {
    expect(mapRecord({}, { source: 'f', line: 3 }, () => [account, account])).toEqual([
      { accepted: true, observation: account, location: { source: 'f', line: 3 } },
      { accepted: true, observation: account, location: { source: 'f', line: 3 } },
    ]);
  });

  it('turns a RecordRejection into a rejection naming the field', () => {
    const rejected = mapRecord({}, { source: 'f', record: 2 }, () => {
      throw new RecordRejection('eventTime is not an ISO 8601 date: "yesterday"', 'eventTime');
    });
    expect(rejected).toEqual([
      { accepted: false, location: { source: 'f', record: 2, field: 'eventTime' }, reason: 'eventTime is not an ISO 8601 date: "yesterday"' },
    ]);
  });

  it('rejects only the record when the mapper fails unexpectedly', () => {
    const rejected = mapRecord({}, { source: 'f', line: 1 }, () => {
      throw new TypeError('boom');
    });
    expect(rejected).toEqual([{ accepted: false, location: { source: 'f', line: 1 }, reason: 'could not read the record: boom' }]);
  });

  it('never drops a record silently: no observation is a rejection', () => {
    expect(mapRecord({}, { source: 'f' }, () => [])).toEqual([
      { accepted: false, location: { source: 'f' }, reason: 'the record yields no observation' },
    ]);
  });
});

describe('collectJsonRecords', () => {
  it('passes unreadable records on as rejections and maps the rest', async () => {
    const out = [];
    for await (const record of collectJsonRecords(
      [
        { ok: false, reason: 'invalid JSON at column 3', location: { source: 'f', line: 1 } },
        { ok: true, value: {}, location: { source: 'f', line: 2 } },
      ],
      () => [account],
    )) {
      out.push(record);
    }
    expect(out).toEqual([
      { accepted: false, location: { source: 'f', line: 1 }, reason: 'invalid JSON at column 3' },
      { accepted: true, observation: account, location: { source: 'f', line: 2 } },
    ]);
  });
});
