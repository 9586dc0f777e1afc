import { dataSourceCategoryOf } from '@postureboard/domain';
import { CONNECTORS, connectorFor, FILE_SOURCES, fileSourceFor } from './registry.js';

describe('connector registry', () => {
  it('offers exactly the documented file sources, in the documented order', () => {
    expect(FILE_SOURCES.map((s) => s.type)).toEqual([
      'iam-credential-report',
      'jwks',
      'x509',
      'hr-roster',
      'scim-users',
      'okta-system-log',
      'cloudtrail',
      'ocsf',
      'access-review-decisions',
      'entra-signins',
      'entra-users',
      'entra-app-credentials',
      'github-audit-log',
      'github-credentials',
      'github-members',
      'google-users',
      'google-activity',
      'access-rollups',
    ]);
  });

  it('has one connector per pulled type, each with a config schema and declared secret fields', () => {
    const types = CONNECTORS.map((c) => c.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(
      expect.arrayContaining(['iam-credential-report', 'aws-kms', 'jwks', 'x509', 'vault', 'scim-users', 'okta', 'cloudtrail', 'entra-signins', 'entra-users', 'entra-app-credentials', 'github-audit-log', 'github-credentials', 'github-members', 'google-users', 'google-activity']),
    );
    for (const connector of CONNECTORS) {
      expect(connector.displayName).not.toBe('');
      for (const field of connector.secretFields) expect(typeof field).toBe('string');
    }
  });

  it('puts every source type in a category the DETECTION score checks', () => {
    for (const type of [...FILE_SOURCES.map((s) => s.type), ...CONNECTORS.map((c) => c.type)]) expect(dataSourceCategoryOf(type)).toBeDefined();
    expect(dataSourceCategoryOf('cloudtrail')).toBe('ACCESS_EVENTS');
    expect(dataSourceCategoryOf('hr-roster')).toBe('IDENTITY');
    expect(dataSourceCategoryOf('unknown')).toBeUndefined();
  });

  it('validates configuration with the connector schema before collecting', async () => {
    const jwks = connectorFor('jwks')!;
    expect(() => jwks.collect({ url: 'not a url' }, { signal: new AbortController().signal, now: new Date() })).toThrow();
    expect(fileSourceFor('nope')).toBeUndefined();
  });
});
