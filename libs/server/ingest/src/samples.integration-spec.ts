import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';

const SAMPLES = '/work/shared/samples';

/** Which `--source` reads each sample folder. */
const SOURCE_OF: Record<string, string> = {
  'aws-iam-credential-report': 'iam-credential-report',
  'aws-cloudtrail': 'cloudtrail',
  'jwks-x509': 'jwks',
  okta: 'okta-system-log',
  ocsf: 'ocsf',
  scim: 'scim-users',
  'entra-signin': 'entra-signins',
  'github-audit': 'github-audit-log',
};

const samples = Object.entries(SOURCE_OF).flatMap(([folder, source]) =>
  readdirSync(join(SAMPLES, folder))
    .sort()
    .map((file) => ({ source, path: join(SAMPLES, folder, file), name: `${folder}/${file}` })),
);

describe('every real sample through the whole engine', () => {
  let ctx: IngestTestContext;

  beforeAll(async () => {
    ctx = await createIngestTestContext();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it.each(samples)('$name is stored, or rejected with reasons, and a second ingest changes nothing', async ({ source, path }) => {
    const first = await ctx.ingest.ingestFile(ctx.organization.slug, source, path);
    expect(['SUCCEEDED', 'PARTIAL', 'FAILED']).toContain(first.status);
    const errors = (await ctx.ingest.errorsByRun([first.id], 1000)).get(first.id)!;
    expect(errors).toHaveLength(first.rejected);
    for (const error of errors) {
      expect(error.reason.length).toBeGreaterThan(5);
      expect(error.source).toContain(path);
    }
    if (first.status === 'FAILED') expect(first.errorMessage).toMatch(/rejected|cannot|not /);
    else expect(first.accepted).toBeGreaterThan(0);

    const second = await ctx.ingest.ingestFile(ctx.organization.slug, source, path);
    expect(second).toMatchObject({ status: first.status, accepted: first.accepted, rejected: first.rejected, inserted: 0, updated: 0 });
  });
});

describe('the Entra and GitHub samples', () => {
  let ctx: IngestTestContext;

  beforeAll(async () => {
    ctx = await createIngestTestContext();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it.each([
    ['entra-signins', 'entra-signin', 2],
    // Five audit events and the credential authorization found beside them.
    ['github-audit-log', 'github-audit', 6],
  ])('%s ingests the whole %s folder with 0 rejected records', async (source, folder, accepted) => {
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, source, join(SAMPLES, folder));
    expect(run).toMatchObject({ status: 'SUCCEEDED', accepted, rejected: 0 });
  });
});
