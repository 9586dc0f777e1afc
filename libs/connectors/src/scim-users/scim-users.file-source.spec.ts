import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CollectedRecord } from '../core/observation.js';
import { scimUsersFileSource } from './scim-users.file-source.js';

const samples = '/work/shared/samples/scim';
const context = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

async function collect(path: string): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of scimUsersFileSource.collectFile(path, context)) out.push(record);
  return out;
}

function summary(record: CollectedRecord): string {
  if (!record.accepted) return `rejected: ${record.reason}`;
  const observation = record.observation;
  if (observation.kind === 'identity') return `identity ${observation.externalId} ${observation.status} ${observation.email ?? '-'}`;
  if (observation.kind === 'account') return `account ${observation.system}/${observation.userName} ${observation.status}`;
  return observation.kind;
}

const DEACTIVATE =
  'rejected: a SCIM PatchOp request that deactivates a user (active=false), not a User: a PATCH names its user only in the request URL, so ingest the User resource or a /Users ListResponse instead';

describe('scimUsersFileSource on every sample', () => {
  let byFile: Map<string, string[]>;
  beforeAll(async () => {
    byFile = new Map();
    for (const record of await collect(samples)) {
      const file = basename(record.location.source);
      byFile.set(file, [...(byFile.get(file) ?? []), summary(record)]);
    }
  });

  it.each([
    ['rfc7643-8.1-user-minimal.json', ['identity 2819c223-7f76-453a-919d-413861904646 ACTIVE bjensen@example.com', 'account scim/bjensen@example.com ACTIVE']],
    ['rfc7643-8.2-user-full.json', ['identity 2819c223-7f76-453a-919d-413861904646 ACTIVE bjensen@example.com', 'account scim/bjensen@example.com ACTIVE']],
    ['rfc7643-8.3-enterprise_user.json', ['identity 2819c223-7f76-453a-919d-413861904646 ACTIVE bjensen@example.com', 'account scim/bjensen@example.com ACTIVE']],
    ['jfrog_docs_disable_user_response.json', ['identity jbibinka2@example.com TERMINATED jbibinka2@example.com', 'account scim/jbibinka2@example.com DEACTIVATED']],
    [
      'rfc7644-3.4.2-list_response-partial_attributes.json',
      [
        'identity 2819c223-7f76-453a-919d-413861904646 ACTIVE -',
        'account scim/bjensen ACTIVE',
        'identity c75ad752-64ae-4823-840d-ffa80929976c ACTIVE -',
        'account scim/jsmith ACTIVE',
      ],
    ],
    ['rfc7643-8.4-group.json', ['rejected: a SCIM Group resource ("Tour Guides", 2 members), not a User']],
    ['rfc7643-8.7.1-schema-enterprise_user.json', ['rejected: a SCIM Schema definition (urn:ietf:params:scim:schemas:extension:enterprise:2.0:User), not a User']],
    ['rfc7644-3.5.2.1-patch_op-add_members.json', ['rejected: a SCIM PatchOp request (add members), not a User']],
    ['rfc7644-3.5.2.2-patch_op-remove_one_member.json', ['rejected: a SCIM PatchOp request (remove members[value eq "2819c223-7f76-...413861904646"]), not a User']],
    ['okta_style_deactivate_patchop.json', [DEACTIVATE]],
    ['entra_style_deactivate_patchop.json', [DEACTIVATE]],
  ])('%s ingests or is rejected clearly', (file, expected) => {
    expect(byFile.get(file)).toEqual(expected);
  });

  it('covers every file in the samples folder', () => {
    expect(byFile.size).toBe(11);
  });
});

describe('scimUsersFileSource mapping', () => {
  it('reads the enterprise extension, the work country and the display name, and never copies the password', async () => {
    const records = await collect(join(samples, 'rfc7643-8.3-enterprise_user.json'));
    const identity = records[0]?.accepted ? records[0].observation : null;
    expect(identity).toEqual({
      kind: 'identity',
      externalId: '2819c223-7f76-453a-919d-413861904646',
      email: 'bjensen@example.com',
      employeeNumber: '701984',
      displayName: 'Babs Jensen',
      employmentType: 'EMPLOYEE',
      status: 'ACTIVE',
      startDate: null,
      terminationDate: null,
      workCountry: 'US',
      department: 'Tour Operations',
      managerEmail: null,
    });
    expect(JSON.stringify(records)).not.toContain('t1meMa$heen');
  });

  it('rejects a bad JSON line and a bad active value with their locations, and lands the other users', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-scim-'));
    const path = join(dir, 'users.jsonl');
    const user = (id: string, extra: object = {}) => JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id, userName: `${id}@example.com`, ...extra });
    writeFileSync(path, [user('a'), '{"id": "b",', user('c', { active: 'maybe' }), user('d', { active: 'False', userType: 'Contractor' })].join('\n'));
    const records = await collect(path);
    expect(records.map((record) => (record.accepted ? `${record.location.line} ${summary(record)}` : `${record.location.line} ${record.location.field ?? ''} ${record.reason}`))).toEqual([
      '1 identity a ACTIVE a@example.com',
      '1 account scim/a@example.com ACTIVE',
      '2  invalid JSON: unexpected end of input at column 12 (truncated?)',
      '3 active active is not a boolean: "maybe"',
      '4 identity d TERMINATED d@example.com',
      '4 account scim/d@example.com DEACTIVATED',
    ]);
    const contractor = records[4]?.accepted ? records[4].observation : null;
    expect(contractor).toMatchObject({ employmentType: 'CONTRACTOR' });
  });

  it("dates a deactivated account by the resource's last modification, and an active one not at all", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-scim-'));
    const path = join(dir, 'users.jsonl');
    const user = (id: string, active: boolean) =>
      JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id, userName: `${id}@example.com`, active, meta: { lastModified: '2026-08-23T10:00:00Z' } });
    writeFileSync(path, [user('gone', false), user('here', true)].join('\n'));
    const accounts = (await collect(path)).flatMap((r) => (r.accepted && r.observation.kind === 'account' ? [r.observation] : []));
    expect(accounts.map((a) => [a.externalId, a.deactivatedAt?.toISOString() ?? null])).toEqual([
      ['gone', '2026-08-23T10:00:00.000Z'],
      ['here', null],
    ]);
  });

  it('rejects a User without id, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-scim-'));
    const path = join(dir, 'user.json');
    writeFileSync(path, JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'x' }));
    expect(await collect(path)).toEqual([{ accepted: false, location: { source: path, line: 1, field: 'id' }, reason: 'missing required field id' }]);
  });
});
