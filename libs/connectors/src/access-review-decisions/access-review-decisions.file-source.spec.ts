import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectContext } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { accessReviewDecisionsFileSource } from './access-review-decisions.file-source.js';

const context: CollectContext = { signal: new AbortController().signal, now: new Date('2025-12-01T00:00:00Z') };
const HEADER = 'campaign,reviewer_email,identity_email,entitlement,decision,decided_at,reason';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'review-decisions-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ingest(name: string, text: string): Promise<{ path: string; records: CollectedRecord[] }> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const records: CollectedRecord[] = [];
  for await (const record of accessReviewDecisionsFileSource.collectFile(path, context)) records.push(record);
  return { path, records };
}

describe('access-review-decisions file source', () => {
  it('reads decisions case-insensitively with normalised e-mails and a null reason when none is given', async () => {
    const { path, records } = await ingest(
      'decisions.csv',
      `${HEADER}\n` +
        '2025-Q3 prod access,Lee.Boss@Example.com,kim.minjun@example.com,prod-db:read,REVOKE,2025-09-30T08:15:00Z,"left the company; token still valid"\n' +
        '2025-Q3 prod access,lee.boss@example.com, ana@example.com ,prod-db:read,Keep,2025-09-30T08:15:04+02:00,\n',
    );
    expect(records).toEqual([
      {
        accepted: true,
        location: { source: path, line: 2 },
        observation: {
          kind: 'review-decision',
          campaign: '2025-Q3 prod access',
          reviewerEmail: 'lee.boss@example.com',
          identityEmail: 'kim.minjun@example.com',
          entitlement: 'prod-db:read',
          decision: 'REVOKE',
          decidedAt: new Date('2025-09-30T08:15:00Z'),
          reason: 'left the company; token still valid',
        },
      },
      {
        accepted: true,
        location: { source: path, line: 3 },
        observation: {
          kind: 'review-decision',
          campaign: '2025-Q3 prod access',
          reviewerEmail: 'lee.boss@example.com',
          identityEmail: 'ana@example.com',
          entitlement: 'prod-db:read',
          decision: 'KEEP',
          decidedAt: new Date('2025-09-30T06:15:04Z'),
          reason: null,
        },
      },
    ]);
  });

  it('rejects a wrong header once, naming the missing columns', async () => {
    const { records } = await ingest('wrong.csv', 'campaign,reviewer,identity,decision\nq3,a@x.io,b@x.io,keep\n');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      accepted: false,
      location: { line: 1, field: 'reviewer_email' },
      reason: 'header is missing required columns reviewer_email, identity_email, entitlement, decided_at, reason (found: campaign, reviewer, identity, decision)',
    });
  });

  it('rejects bad decisions and dates by line and field, keeping the good rows', async () => {
    const { records } = await ingest(
      'bad.csv',
      `${HEADER}\n` +
        'q3,a@x.io,b@x.io,admin,approve,2025-09-30T08:00:00Z,\n' +
        'q3,a@x.io,b@x.io,admin,keep,30/09/2025,\n' +
        'q3,,b@x.io,,keep,2025-09-30T08:00:00Z,\n' +
        'q3,a@x.io,c@x.io,admin,revoke,2025-09-30T08:01:00Z,no longer needed\n' +
        'q3,a@x.io,d@x.io,admin,keep,2025-09-',
    );
    expect(records.map((r) => (r.accepted ? r.location.line : [r.location.line, r.location.field, r.reason]))).toEqual([
      [2, 'decision', 'decision must be keep or revoke; found "approve"'],
      [3, 'decided_at', 'decided_at is not an ISO 8601 date-time: "30/09/2025"'],
      [4, 'reviewer_email', 'reviewer_email is empty; entitlement is empty'],
      5,
      [6, undefined, 'expected 7 fields (one per header column), found 6: the row is incomplete or the file is truncated'],
    ]);
  });
});
