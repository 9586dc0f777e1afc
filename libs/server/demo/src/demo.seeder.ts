import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { DemoSeedRepository, TeamRepository } from '@postureboard/server-database';
import { IdentityAliasService, IngestService } from '@postureboard/server-ingest';
import { OrganizationService } from '@postureboard/server-organization';
import { EvaluationService, PostureService } from '@postureboard/server-posture';
import {
  DEMO_BUDGET,
  DEMO_BUDGET_PREVIOUS,
  DEMO_ORG,
  DEMO_PEOPLE,
  DEMO_SERVICE_USERS,
  DEMO_TEAMS,
  emailOf,
  githubLoginOf,
} from './demo-company.js';
import { writeDemoFiles } from './demo-files.writer.js';

const DAY = 24 * 3600 * 1000;
const HISTORY_WEEKS = 52;

export interface DemoSeedResult {
  created: boolean;
  organization: string;
  ingestRuns: { source: string; status: string; accepted: number; rejected: number }[];
  /** GitHub logins linked to their people with `alias add`, as an administrator would. */
  aliases: number;
  snapshots: number;
}

/**
 * Seeds the demo organization through the real pipeline: source files in each connector's real format are
 * ingested like any customer's, the policies are evaluated week by week over the past year (so trends and
 * finding lifecycles are real history), and a snapshot is stored for each week.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly organizations: OrganizationService,
    private readonly teams: TeamRepository,
    private readonly demo: DemoSeedRepository,
    private readonly ingest: IngestService,
    private readonly aliases: IdentityAliasService,
    private readonly posture: PostureService,
    private readonly evaluation: EvaluationService,
  ) {}

  /** Idempotent: an organization that already has history is left as it is. */
  async seed(now: Date = new Date()): Promise<DemoSeedResult> {
    const existing = (await this.organizations.list()).find((o) => o.slug === DEMO_ORG.slug);
    if (existing && (await this.demo.hasSnapshots(existing.id))) {
      return { created: false, organization: DEMO_ORG.slug, ingestRuns: [], aliases: 0, snapshots: 0 };
    }
    const organization = existing ?? (await this.organizations.create({ ...DEMO_ORG, approvedCountries: [...DEMO_ORG.approvedCountries] }));
    const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

    for (const team of DEMO_TEAMS) await this.teams.upsert(organization.id, team.name, emailOf(team.lead));
    const year = now.getUTCFullYear();
    await this.demo.setBudget(organization.id, year, DEMO_BUDGET, DEMO_ORG.currency);
    await this.demo.setBudget(organization.id, year - 1, DEMO_BUDGET_PREVIOUS, DEMO_ORG.currency);

    const directory = mkdtempSync(join(tmpdir(), 'postureboard-demo-'));
    const ingestRuns: DemoSeedResult['ingestRuns'] = [];
    try {
      const files = writeDemoFiles(directory, now);
      const run = async (source: string, path: string) => {
        const result = await this.ingest.ingestFile(DEMO_ORG.slug, source, path);
        ingestRuns.push({ source, status: result.status, accepted: result.accepted, rejected: result.rejected });
        this.logger.log(`demo: ingested ${source}: ${result.status}, ${result.accepted} accepted, ${result.rejected} rejected`);
      };
      await run('hr-roster', files.hrRoster);
      await run('scim-users', files.scimUsers);
      await run('entra-users', files.entraUsers);
      await run('iam-credential-report', files.iamCredentialReport);
      await run('jwks', files.jwks);
      await run('okta-system-log', files.oktaSystemLog);
      await run('cloudtrail', files.cloudTrailDirectory);
      await run('entra-app-credentials', files.entraAppCredentials);
      await run('entra-signins', files.entraSignIns);
      await run('github-members', files.githubMembers);
      await run('github-credentials', files.githubCredentialsDirectory);
      await run('github-audit-log', files.githubAuditLog);
      const production = DEMO_PEOPLE.filter((p) => p.production).length;
      await this.demo.upsertCampaign(organization.id, 'Q2 privileged access review', 'production administrators', daysAgo(135), daysAgo(105), production, 'Payments');
      await this.demo.upsertCampaign(organization.id, 'Q3 production access review', 'production read access', daysAgo(45), daysAgo(15), production, 'Identity Platform');
      await run('access-review-decisions', files.accessReviewDecisions);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }

    // GitHub logins name no e-mail: the administrator maps each to its person, which links the accounts and tokens
    // already ingested (the leaver's among them) and, from the next evaluation on, their audit-log activity.
    let aliases = 0;
    for (const p of DEMO_PEOPLE) {
      const login = githubLoginOf(p.handle);
      if (login === null) continue;
      await this.aliases.add(DEMO_ORG.slug, { identity: emailOf(p.handle), alias: login, system: 'github' });
      aliases += 1;
    }

    await this.demo.assignTeams(organization.id, DEMO_TEAMS.map((t) => ({ team: t.name, email: emailOf(t.lead) })));
    for (const s of DEMO_SERVICE_USERS) await this.demo.assignServiceOwner(organization.id, s.user, emailOf(s.owner), s.team);
    // The token-signing keys belong to the authentication team.
    for (const kid of ['nuri-auth-2015', 'nuri-auth-mobile-2026']) await this.demo.assignServiceOwner(organization.id, kid, emailOf('jiwoo.park'), 'Identity Platform');
    for (const p of DEMO_PEOPLE) {
      if (p.production) await this.demo.grantEntitlement(organization.id, emailOf(p.handle), 'aws-production-readonly', true, false);
      if (p.privileged) await this.demo.grantEntitlement(organization.id, emailOf(p.handle), 'aws-production-admin', true, true);
      if (p.offshoreApproval) await this.demo.approveOffshore(organization.id, emailOf(p.handle), emailOf('jiwoo.park'), p.country, daysAgo(300), daysAgo(-120));
    }
    await this.demo.backdateSources(organization.id, daysAgo(400));
    await this.demo.addStaleSource(organization.id, 'vault', 'Vault (secrets)', daysAgo(9), daysAgo(400));

    // A year of weekly history, oldest first, so findings open and resolve as they would have: the evaluation
    // job's own write side, moved forward week by week (it runs before any worker starts), each week's stored
    // posture kept as that week's snapshot. The last one is the current posture.
    let snapshots = 0;
    for (let week = HISTORY_WEEKS - 1; week >= 0; week--) {
      const stored = await this.evaluation.evaluateAndStore(organization, new Date(now.getTime() - week * 7 * DAY));
      if (!stored) throw new Error('the demo history was evaluated out of order (a later posture is already stored)');
      await this.posture.snapshot(DEMO_ORG.slug, 'SEED');
      snapshots += 1;
    }
    return { created: true, organization: DEMO_ORG.slug, ingestRuns, aliases, snapshots };
  }
}
