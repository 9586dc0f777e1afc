import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { INTERNAL_COUNTRY } from '@postureboard/domain';
import type { CollectedRecord } from '../core/observation.js';
import { ocsfFileSource } from './ocsf.file-source.js';

const samples = '/work/shared/samples/ocsf';
const context = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

async function collect(path: string): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of ocsfFileSource.collectFile(path, context)) out.push(record);
  return out;
}

describe('ocsfFileSource on every sample', () => {
  let byFile: Record<string, CollectedRecord>;
  beforeAll(async () => {
    const records = await collect(samples);
    byFile = Object.fromEntries(records.map((record) => [basename(record.location.source), record]));
  });

  it('covers all fourteen files, one outcome each', () => {
    expect(Object.keys(byFile)).toHaveLength(14);
  });

  it.each([
    ['aws_v1.5.0_cloudtrail_api_activity_6003.ocsf.json', 'invalid JSON at line 27, column 5 (position 721): Expected double-quoted property name', 27],
    ['aws_v1.5.0_cloudtrail_authentication_3002.ocsf.json', 'invalid JSON at line 26, column 5 (position 732): Expected double-quoted property name', 26],
  ])('rejects the upstream-invalid %s with the parser position (trailing comma)', (file, reason, line) => {
    expect(byFile[file]).toEqual({ accepted: false, location: { source: join(samples, file), line }, reason });
  });

  it.each(['aws_v1.5.0_cloudtrail_api_activity.raw.json', 'aws_v1.5.0_cloudtrail_authentication.raw.json'])(
    'rejects the raw CloudTrail record %s as not OCSF, pointing to the right source',
    (file) => {
      expect(byFile[file]).toMatchObject({
        accepted: false,
        location: { field: 'class_uid' },
        reason: 'not an OCSF event (no class_uid): this is a raw AWS CloudTrail record; ingest it with --source cloudtrail',
      });
    },
  );

  it.each([
    ['github_v1.3.0_account_change.ocsf.json', 'OCSF class 3001 (Account Change) is not an access event; supported: 3002 Authentication, 4001 Network Activity, 4002 HTTP Activity, 6001 Web Resources Activity, 6003 API Activity, 6005 Datastore Activity, 6006 File Hosting Activity'],
    ['github_v1.3.0_entity_management.ocsf.json', 'OCSF class 3004 (Entity Management) is not an access event; supported: 3002 Authentication, 4001 Network Activity, 4002 HTTP Activity, 6001 Web Resources Activity, 6003 API Activity, 6005 Datastore Activity, 6006 File Hosting Activity'],
    ['github_v1.3.0_group_management.ocsf.json', 'OCSF class 3006 (Group Management) is not an access event; supported: 3002 Authentication, 4001 Network Activity, 4002 HTTP Activity, 6001 Web Resources Activity, 6003 API Activity, 6005 Datastore Activity, 6006 File Hosting Activity'],
    ['okta_v1.3.0_account_change.ocsf.json', 'OCSF class 3001 (Account Change) is not an access event; supported: 3002 Authentication, 4001 Network Activity, 4002 HTTP Activity, 6001 Web Resources Activity, 6003 API Activity, 6005 Datastore Activity, 6006 File Hosting Activity'],
    ['okta_v1.3.0_entity_management.ocsf.json', 'OCSF class 3004 (Entity Management) is not an access event; supported: 3002 Authentication, 4001 Network Activity, 4002 HTTP Activity, 6001 Web Resources Activity, 6003 API Activity, 6005 Datastore Activity, 6006 File Hosting Activity'],
    ['okta_v1.3.0_group_management.ocsf.json', 'OCSF class 3006 (Group Management) is not an access event; supported: 3002 Authentication, 4001 Network Activity, 4002 HTTP Activity, 6001 Web Resources Activity, 6003 API Activity, 6005 Datastore Activity, 6006 File Hosting Activity'],
  ])('rejects %s: its class is not an access', (file, reason) => {
    expect(byFile[file]).toMatchObject({ accepted: false, location: { field: 'class_uid' }, reason });
  });

  it('maps the Okta Authentication event: the signed-in user, Okta’s country name as ISO, and seconds read as seconds', () => {
    expect(byFile['okta_v1.3.0_authentication.ocsf.json']).toEqual({
      accepted: true,
      location: { source: join(samples, 'okta_v1.3.0_authentication.ocsf.json') },
      observation: {
        kind: 'access-event',
        eventId: 'dc9fd3c0-598c-11ef-8478-2b7584bf8d5a',
        occurredAt: new Date('2024-08-13T15:58:20.000Z'),
        principal: 'john.doe@example.com',
        credentialExternalId: null,
        sourceIp: '10.0.0.1',
        country: 'US',
        action: 'Authentication: Logon',
        resource: '/idp/idx/authenticators/poll',
        bytes: null,
        records: null,
        success: true,
      },
    });
  });

  it('maps GitHub API Activity (git.push) with its repository and alpha-2 country', () => {
    expect(byFile['github_v1.3.0_api_activity.ocsf.json']).toMatchObject({
      accepted: true,
      observation: {
        eventId: 'm-111111111111==',
        occurredAt: new Date(1729176166108),
        principal: 'test_user@acme.com',
        sourceIp: '1.1.1.1',
        country: 'US',
        action: 'git.push',
        resource: '383067938',
      },
    });
  });

  it('maps a GitHub SAML sign-in without an address or status as a successful sign-in of unknown origin', () => {
    expect(byFile['github_v1.3.0_authentication.ocsf.json']).toMatchObject({
      accepted: true,
      observation: { principal: 'test_user@acme.com', sourceIp: null, country: null, action: 'Authentication: Logon', success: true },
    });
  });

  it('maps the Okta generic API activity (API token creation)', () => {
    expect(byFile['okta_v1.3.0_generic_api_activity.ocsf.json']).toMatchObject({
      accepted: true,
      observation: { action: 'system.api_token.create', principal: 'john.doe@example.com', country: 'US' },
    });
  });
});

describe('ocsfFileSource with JSON lines', () => {
  const event = (uid: string | null, extra: object = {}) =>
    JSON.stringify({
      class_uid: 6003,
      class_name: 'API Activity',
      activity_id: 2,
      time: 1709251200000,
      metadata: uid === null ? { version: '1.3.0' } : { uid, version: '1.3.0' },
      actor: { user: { name: 'svc-export', credential_uid: 'AKIAEXAMPLE' } },
      api: { operation: 'GetObject' },
      src_endpoint: { ip: '192.168.10.4' },
      status_id: 1,
      ...extra,
    });

  it('streams gzipped JSON lines: internal addresses, failures, bad lines and stable ids for events without uid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-ocsf-'));
    const path = join(dir, 'events.ocsf.jsonl.gz');
    writeFileSync(path, gzipSync([event('a'), event('b', { status_id: 2 }), '{"class_uid": 6003,', event(null), event('d', { time: 'soon' })].join('\n')));
    const records = await collect(path);
    expect(records.map((record) => (record.accepted ? record.location.line : `${record.location.line} ${record.reason}`))).toEqual([
      1,
      2,
      '3 invalid JSON: unexpected end of input at column 20 (truncated?)',
      4,
      '5 time is not an epoch time in milliseconds (nor time_dt an ISO 8601 date): "soon"',
    ]);
    const observations = records.flatMap((record) => (record.accepted && record.observation.kind === 'access-event' ? [record.observation] : []));
    expect(observations.map((observation) => [observation.country, observation.success, observation.credentialExternalId])).toEqual([
      [INTERNAL_COUNTRY, true, 'AKIAEXAMPLE'],
      [INTERNAL_COUNTRY, false, 'AKIAEXAMPLE'],
      [INTERNAL_COUNTRY, true, 'AKIAEXAMPLE'],
    ]);
    expect(observations[2]?.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const again = await collect(path);
    expect(again[3]?.accepted && again[3].observation.kind === 'access-event' && again[3].observation.eventId).toBe(observations[2]?.eventId);
  });
});

describe('ocsfFileSource on the raw audit samples that have no connector of their own', () => {
  it('rejects the GitHub audit events and the Entra sign-ins, saying what they are', async () => {
    const github = await collect('/work/shared/samples/github-audit');
    const entra = await collect('/work/shared/samples/entra-signin');
    expect(github.map((record) => (record.accepted ? 'accepted' : record.reason))).toEqual([
      'not an OCSF event: no class_uid',
      ...Array<string>(5).fill('not an OCSF event (no class_uid): this is a raw GitHub audit log event; ingest it with --source github-audit-log'),
    ]);
    expect(entra.map((record) => (record.accepted ? 'accepted' : `${record.location.record} ${record.reason}`))).toEqual([
      '0 not an OCSF event (no class_uid): this is a raw Microsoft Entra sign-in; ingest it with --source entra-signins',
      '1 not an OCSF event (no class_uid): this is a raw Microsoft Entra sign-in; ingest it with --source entra-signins',
    ]);
  });
});
