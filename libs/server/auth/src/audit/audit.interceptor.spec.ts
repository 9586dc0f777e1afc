import { describeArguments } from './audit.interceptor.js';
import { redactDetails } from './redact.js';

describe('what the audit trail keeps of a change', () => {
  it('names identifying arguments and drops free text and secrets', () => {
    expect(
      describeArguments({
        org: 'acme',
        id: 'f-1',
        reason: 'long free text',
        input: { name: 'okta', type: 'OKTA', clientSecret: 'shh', config: { apiToken: 'x' }, teamIds: ['t1'] },
      }),
    ).toEqual({ org: 'acme', id: 'f-1', 'input.name': 'okta', 'input.type': 'OKTA', 'input.teamIds': ['t1'] });
  });

  it('redacts values under secret-sounding keys and values shaped like tokens or keys', () => {
    expect(
      redactDetails({
        password: 'hunter2',
        clientSecret: 'abc',
        note: `copied pbt_${'a'.repeat(43)}`,
        jwtish: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0',
        pem: '-----BEGIN PRIVATE KEY-----',
        ok: 'acme',
        count: 3,
      }),
    ).toEqual({ password: '[redacted]', clientSecret: '[redacted]', note: '[redacted]', jwtish: '[redacted]', pem: '[redacted]', ok: 'acme', count: 3 });
  });
});
