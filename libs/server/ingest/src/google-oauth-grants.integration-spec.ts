import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateFindings } from '@postureboard/domain';
import { PostureInputRepository } from '@postureboard/server-database';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';

const HR_ROSTER = [
  'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email',
  'E1,ana@acme.test,Ana Choi,employee,active,2020-01-01,,KR,Sales,',
  'E2,kim@acme.test,Kim Min-jun,employee,terminated,2019-03-01,2026-09-30,KR,Engineering,',
].join('\n');

/** A Reports API `token` activity, as `activities.list` pages hold it. */
const tokenActivity = (time: string, email: string, name: 'authorize' | 'revoke', clientId: string, appName: string) => ({
  kind: 'admin#reports#activity',
  id: { time, uniqueQualifier: `${time}-${clientId}`, applicationName: 'token', customerId: 'C01' },
  actor: { email, profileId: email },
  ipAddress: '203.0.113.7',
  events: [
    {
      type: 'auth',
      name,
      parameters: [
        { name: 'client_id', value: clientId },
        { name: 'app_name', value: appName },
        { name: 'client_type', value: 'WEB' },
        { name: 'scope', multiValue: ['https://www.googleapis.com/auth/drive.readonly'] },
      ],
    },
  ],
});

describe('google-activity: OAuth grants as the users’ credentials', () => {
  let ctx: IngestTestContext;
  const asOf = new Date('2026-10-15T00:00:00Z');

  beforeAll(async () => {
    ctx = await createIngestTestContext();
    const roster = join(ctx.dir, 'roster.csv');
    writeFileSync(roster, HR_ROSTER);
    expect((await ctx.ingest.ingestFile(ctx.organization.slug, 'hr-roster', roster)).status).toBe('SUCCEEDED');
  });
  afterAll(() => ctx.close());

  it('stores each grant owned by its user, revoked or not, and a leaver’s still-granted app is access they keep', async () => {
    const page = join(ctx.dir, 'token-activities.json');
    // Newest first, as the Reports API answers: Ana revoked her grant; Kim (who left on 30 September) never did.
    writeFileSync(
      page,
      JSON.stringify({
        kind: 'admin#reports#activities',
        items: [
          tokenActivity('2026-09-10T00:00:00.000Z', 'ana@acme.test', 'revoke', 'sync-id', 'FileSync Pro'),
          tokenActivity('2026-08-01T00:00:00.000Z', 'kim@acme.test', 'authorize', 'sync-id', 'FileSync Pro'),
          tokenActivity('2026-07-01T00:00:00.000Z', 'ana@acme.test', 'authorize', 'sync-id', 'FileSync Pro'),
        ],
      }),
    );
    expect(await ctx.ingest.ingestFile(ctx.organization.slug, 'google-activity', page)).toMatchObject({ status: 'SUCCEEDED', rejected: 0 });
    const grants = await ctx.query<{ external_id: string; kind: string; status: string; owner: string | null; deactivated_at: Date | null }>(
      `SELECT c.external_id, c.kind, c.status, i.email AS owner, c.deactivated_at FROM credential c LEFT JOIN identity i ON i.id = c.owner_identity_id
        WHERE c.organization_id = $1 AND c.source = 'google-activity' ORDER BY c.external_id`,
      [ctx.organization.id],
    );
    expect(grants).toEqual([
      { external_id: 'oauth-grant:ana@acme.test:sync-id', kind: 'API_TOKEN', status: 'REVOKED', owner: 'ana@acme.test', deactivated_at: new Date('2026-09-10T00:00:00.000Z') },
      { external_id: 'oauth-grant:kim@acme.test:sync-id', kind: 'API_TOKEN', status: 'ACTIVE', owner: 'kim@acme.test', deactivated_at: null },
    ]);

    const input = await new PostureInputRepository(ctx.db.dataSource).load(ctx.organization.id, asOf);
    const findings = evaluateFindings(input, asOf, undefined, { kinds: ['LEAVER_ACTIVE_ACCESS'] });
    expect(findings.map((f) => f.subject.name)).toEqual(['Kim Min-jun']);
    expect(findings[0]!.evidence.find((e) => e.type === 'active-credential')).toMatchObject({
      source: 'google-activity',
      data: { kind: 'API_TOKEN', externalId: 'oauth-grant:kim@acme.test:sync-id' },
    });

    // The same page again changes nothing.
    expect(await ctx.ingest.ingestFile(ctx.organization.slug, 'google-activity', page)).toMatchObject({ status: 'SUCCEEDED', inserted: 0, updated: 0 });
  });
});
