import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccessEventObservation,
  type AccountObservation,
  type CollectedRecord,
  type CredentialObservation,
  FILE_SOURCES,
  type IdentityObservation,
  type Observation,
} from '@postureboard/connectors';
import { DEMO_CLEAN_LEAVER, DEMO_ENTRA_APPS, DEMO_LEAVER, DEMO_PEOPLE, EXTRACTION, LEAVER_GITHUB, emailOf, githubLoginOf } from './demo-company.js';
import { DAY } from './demo-dates.util.js';
import { entraSecretKeyId } from './demo-entra-files.writer.js';
import { type DemoFiles, writeDemoFiles } from './demo-files.writer.js';

const now = new Date('2026-11-21T09:00:00Z');
const daysBefore = (n: number): Date => new Date(now.getTime() - n * DAY);
const dayOf = (d: Date | null): string | null => (d === null ? null : d.toISOString().slice(0, 10));

/** Reads a demo file with the connector `ingest --source type` uses, at the seed's `now`. */
async function read(type: string, path: string): Promise<Observation[]> {
  const source = FILE_SOURCES.find((s) => s.type === type)!;
  const records: CollectedRecord[] = [];
  for await (const record of source.collectFile(path, { signal: new AbortController().signal, now })) records.push(record);
  const rejected = records.flatMap((r) => (r.accepted ? [] : [`${r.location.line ?? '-'}: ${r.reason}`]));
  expect({ type, rejected }).toEqual({ type, rejected: [] });
  return records.flatMap((r) => (r.accepted ? [r.observation] : []));
}

const ofKind = <K extends Observation['kind']>(observations: Observation[], kind: K) =>
  observations.filter((o): o is Extract<Observation, { kind: K }> => o.kind === kind);

describe('the demo files for Microsoft Entra ID and GitHub', () => {
  let directory: string;
  let files: DemoFiles;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'pb-demo-files-'));
    files = writeDemoFiles(join(directory, 'a'), now);
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('are the same whenever they are written for the same now, and move with now', () => {
    const again = writeDemoFiles(join(directory, 'b'), now);
    for (const key of ['entraUsers', 'entraAppCredentials', 'entraSignIns', 'githubMembers', 'githubAuditLog'] as const) {
      expect(readFileSync(again[key], 'utf8')).toBe(readFileSync(files[key], 'utf8'));
    }
    const later = writeDemoFiles(join(directory, 'c'), new Date(now.getTime() + 30 * DAY));
    const leaveDate = (path: string) =>
      (JSON.parse(readFileSync(path, 'utf8')) as { value: { mail: string; employeeLeaveDateTime: string | null }[] }).value.find((u) => u.mail === emailOf(DEMO_LEAVER))!
        .employeeLeaveDateTime;
    expect(new Date(leaveDate(later.entraUsers)!).getTime() - new Date(leaveDate(files.entraUsers)!).getTime()).toBe(30 * DAY);
  });

  it('entra-users: both leavers disabled on their HR leave date, everyone else enabled', async () => {
    const observations = await read('entra-users', files.entraUsers);
    const accounts = ofKind(observations, 'account') as AccountObservation[];
    const identities = ofKind(observations, 'identity') as IdentityObservation[];
    expect(accounts).toHaveLength(DEMO_PEOPLE.length);
    const disabled = accounts.filter((a) => a.status === 'DEACTIVATED').map((a) => [a.email, dayOf(a.deactivatedAt)]);
    expect(disabled.sort()).toEqual(
      [
        [emailOf(DEMO_LEAVER), dayOf(daysBefore(EXTRACTION.leftDaysAgo))],
        [emailOf(DEMO_CLEAN_LEAVER), dayOf(daysBefore(90))],
      ].sort(),
    );
    expect(identities.find((i) => i.email === emailOf(DEMO_LEAVER))).toMatchObject({ status: 'TERMINATED', employeeNumber: 'E1002' });
  });

  it('entra-app-credentials: a production secret started three years ago that never expires, and a six-month one', async () => {
    const credentials = ofKind(await read('entra-app-credentials', files.entraAppCredentials), 'credential') as CredentialObservation[];
    const [neverExpiring, shortLived] = DEMO_ENTRA_APPS;
    const etl = credentials.find((c) => c.name.startsWith(neverExpiring!.name))!;
    expect(etl).toMatchObject({ credentialKind: 'SECRET', environment: 'PRODUCTION', status: 'ACTIVE', owner: emailOf(neverExpiring!.owner), externalId: entraSecretKeyId(neverExpiring!) });
    expect(etl.expiresAt?.toISOString()).toBe('2299-12-31T00:00:00.000Z');
    expect(Math.round((now.getTime() - etl.createdAt!.getTime()) / DAY)).toBeGreaterThanOrEqual(3 * 365);
    const storefront = credentials.find((c) => c.name.startsWith(shortLived!.name))!;
    expect(storefront).toMatchObject({ credentialKind: 'SECRET', status: 'ACTIVE', owner: emailOf(shortLived!.owner) });
    expect(Math.round((storefront.expiresAt!.getTime() - storefront.createdAt!.getTime()) / DAY)).toBe(180);
  });

  it('entra-signins: weeks of sign-ins from where each person works, the leaver refused from abroad, the apps on their secrets', async () => {
    const events = ofKind(await read('entra-signins', files.entraSignIns), 'access-event') as AccessEventObservation[];
    const users = events.filter((e) => e.principal.includes('@'));
    expect(Math.min(...users.map((e) => e.occurredAt.getTime()))).toBeGreaterThanOrEqual(daysBefore(36).getTime());
    const countries = new Set(users.filter((e) => e.success).map((e) => e.country));
    for (const country of ['KR', 'VN', 'IN', 'US']) expect(countries).toContain(country);
    const leaver = users.filter((e) => e.principal === emailOf(DEMO_LEAVER));
    expect(leaver.length).toBeGreaterThan(0);
    expect(leaver.every((e) => !e.success && e.country === 'CN')).toBe(true);
    expect(users.some((e) => e.principal === emailOf(DEMO_CLEAN_LEAVER))).toBe(false);
    for (const app of DEMO_ENTRA_APPS) {
      const uses = events.filter((e) => e.principal === app.name);
      expect(uses.length).toBeGreaterThan(0);
      expect(uses.every((e) => e.credentialExternalId === entraSecretKeyId(app) && e.success)).toBe(true);
    }
  });

  it("github: the leaver is still a member, his classic token never expires, and it clones every day from abroad after he left", async () => {
    const members = ofKind(await read('github-members', files.githubMembers), 'account') as AccountObservation[];
    expect(members.map((m) => m.userName)).toContain(LEAVER_GITHUB.login);
    expect(members).toHaveLength(DEMO_PEOPLE.length - 1);
    expect(githubLoginOf(DEMO_CLEAN_LEAVER)).toBeNull();

    const credentials = ofKind(await read('github-credentials', files.githubCredentialsDirectory), 'credential') as CredentialObservation[];
    const pat = credentials.find((c) => c.externalId === String(LEAVER_GITHUB.tokenId))!;
    expect(pat).toMatchObject({ credentialKind: 'API_TOKEN', owner: LEAVER_GITHUB.login, status: 'ACTIVE', expiresAt: null });
    expect(pat.lastUsedAt!.getTime()).toBeGreaterThan(daysBefore(EXTRACTION.endDaysAgo + 1).getTime());
    expect(credentials.filter((c) => c !== pat).every((c) => c.expiresAt !== null && c.owner !== LEAVER_GITHUB.login)).toBe(true);

    const clones = (ofKind(await read('github-audit-log', files.githubAuditLog), 'access-event') as AccessEventObservation[]).filter(
      (e) => e.principal === LEAVER_GITHUB.login,
    );
    expect(clones.every((e) => e.action === 'git.clone' && e.credentialExternalId === String(LEAVER_GITHUB.tokenId) && e.records === 1)).toBe(true);
    const left = daysBefore(EXTRACTION.leftDaysAgo).getTime();
    expect(clones.filter((e) => e.occurredAt.getTime() < left).every((e) => e.country === 'KR')).toBe(true);
    const abroadDays = new Set(clones.filter((e) => e.country === 'CN').map((e) => dayOf(e.occurredAt)));
    expect(abroadDays.size).toBe(EXTRACTION.startDaysAgo - EXTRACTION.endDaysAgo + 1);
    expect(Math.min(...clones.filter((e) => e.country === 'CN').map((e) => e.occurredAt.getTime()))).toBeGreaterThan(left);
  });
});
