import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CollectedRecord, fileSourceFor } from '@postureboard/connectors';
import { writeAccessEvents } from './access-events.writer.js';
import type { Scale } from './bench-scale.js';
import { writeInventoryFiles } from './inventory-files.writer.js';
import { buildBenchOrg } from './synthetic-org.js';

const TINY: Scale = { name: 'small', identities: 60, credentials: 30, events: 3_650, recordsPerFile: 4, loadSeconds: 1 };

async function collect(source: string, path: string): Promise<CollectedRecord[]> {
  const records: CollectedRecord[] = [];
  for await (const record of fileSourceFor(source)!.collectFile(path, { signal: new AbortController().signal, now: new Date() })) records.push(record);
  return records;
}

describe('the benchmark’s synthetic organisation', () => {
  const directory = mkdtempSync(join(tmpdir(), 'bench-files-'));
  const org = buildBenchOrg(TINY, new Date('2026-03-01T12:00:00Z'));
  const inventory = writeInventoryFiles(org, directory);
  const events = writeAccessEvents(org, directory);
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('writes CloudTrail and OCSF files the real connectors accept whole, the same events in both', async () => {
    const cloudTrail = await collect('cloudtrail', events.sampleCloudTrail);
    const ocsf = await collect('ocsf', events.sampleOcsf);
    expect(cloudTrail.filter((r) => !r.accepted)).toEqual([]);
    expect(ocsf.filter((r) => !r.accepted)).toEqual([]);
    expect(cloudTrail).toHaveLength(events.sampleEvents);
    const ids = (records: CollectedRecord[]) => records.map((r) => (r.accepted && r.observation.kind === 'access-event' ? r.observation.eventId : '')).sort();
    expect(ids(ocsf)).toEqual(ids(cloudTrail));
    expect(new Set(ids(cloudTrail)).size).toBe(cloudTrail.length);
  });

  it('spreads the year over monthly folders ending four days before the run, with four new days after it', async () => {
    const year = (await Promise.all(events.monthDirectories.map((d) => collect('cloudtrail', d)))).flat();
    expect(year).toHaveLength(events.yearEvents);
    const times = year.map((r) => (r.accepted && r.observation.kind === 'access-event' ? r.observation.occurredAt.getTime() : 0));
    expect(new Date(Math.max(...times)).getTime()).toBeLessThan(Date.parse('2026-02-25T00:00:00Z'));
    expect(new Date(Math.min(...times)).getTime()).toBeGreaterThanOrEqual(Date.parse('2025-02-25T00:00:00Z'));
    // Three for the incremental evaluation, one for ingest → visible.
    expect(events.newDayDirectories).toHaveLength(4);
    // 3,650 events over 365 days, plus the rogue leaver's bulk pulls.
    expect(events.yearEvents).toBeGreaterThanOrEqual(TINY.events);
  });

  it('writes inventory files with one HR row per identity and one access key per credential', async () => {
    const hr = await collect('hr-roster', inventory.hrRoster);
    const iam = await collect('iam-credential-report', inventory.iamCredentialReport);
    expect(hr.filter((r) => !r.accepted)).toEqual([]);
    expect(hr.filter((r) => r.accepted && r.observation.kind === 'identity')).toHaveLength(TINY.identities);
    expect(iam.filter((r) => !r.accepted)).toEqual([]);
    const keys = iam.filter((r) => r.accepted && r.observation.kind === 'credential');
    // 80% of credentials are IAM users' first keys; about a quarter of them hold a second.
    expect(keys.length).toBeGreaterThanOrEqual(TINY.credentials * 0.8);
    expect(keys.length).toBeLessThanOrEqual(TINY.credentials * 1.2);
    expect(readFileSync(join(inventory.scimUsers, 'page-0001.json'), 'utf8')).toContain(`"totalResults":${TINY.identities}`);
    const scim = await collect('scim-users', inventory.scimUsers);
    expect(scim.filter((r) => !r.accepted)).toEqual([]);
    expect(scim.filter((r) => r.accepted && r.observation.kind === 'identity')).toHaveLength(TINY.identities);
  });
});
