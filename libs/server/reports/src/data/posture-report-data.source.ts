import { Injectable } from '@nestjs/common';
import { TeamRepository, type StoredFinding } from '@postureboard/server-database';
import { DataSourceService } from '@postureboard/server-ingest';
import { BudgetService, CredentialInventoryService, CrossBorderService, LeaverService, PostureService } from '@postureboard/server-posture';
import { OrganizationService } from '@postureboard/server-organization';
import type {
  BudgetShape,
  CrossBorderAccessShape,
  DataSourceShape,
  LeaverShape,
  PostureReading,
  ReportDataSource,
  ScoreSnapshotShape,
  TeamRotationSlaShape,
} from './report-data-source.js';
import { worstFindings } from './worst-findings.util.js';

/** The board report reads exactly what the web app shows: the posture, inventory and ingest services. */
@Injectable()
export class PostureReportDataSource implements ReportDataSource {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly postureService: PostureService,
    private readonly inventory: CredentialInventoryService,
    private readonly leaverService: LeaverService,
    private readonly crossBorder: CrossBorderService,
    private readonly budgetService: BudgetService,
    private readonly sources: DataSourceService,
    private readonly teams: TeamRepository,
  ) {}

  async posture(orgSlug: string, asOf: Date | null, topRiskLimit: number): Promise<PostureReading> {
    const organization = await this.organizations.getBySlug(orgSlug);
    // "Now" is the live posture the overview shows (one evaluation shared while the data is unchanged);
    // an explicit date is evaluated at that instant.
    const { view, findings } = asOf ? await this.postureService.postureOf(organization, asOf) : await this.postureService.posture(orgSlug);
    const worst = worstFindings(
      findings.filter((f): f is StoredFinding => 'id' in f),
      topRiskLimit,
    );
    const teamNames = new Map((worst.some((f) => f.ownerTeamId) ? await this.teams.findAll(organization.id) : []).map((t) => [t.id, t.name]));
    return {
      posture: {
        ...view,
        organization: { id: organization.id, slug: organization.slug, name: organization.name, currency: organization.currency },
        budget: view.budget ? { ...view.budget, itStatus: view.budget.itStatus ?? 'UNKNOWN', revenueStatus: view.budget.revenueStatus ?? 'UNKNOWN' } : null,
      },
      topRisks: worst.map((f) => ({
        id: f.id,
        kind: f.kind,
        domain: f.domain,
        severity: f.severity,
        status: f.status,
        title: f.title,
        subject: { type: f.subject.type, name: f.subject.name },
        ownerTeam: f.ownerTeamId && teamNames.has(f.ownerTeamId) ? { name: teamNames.get(f.ownerTeamId)! } : null,
        firstDetectedAt: f.firstDetectedAt,
        dueAt: f.dueAt,
      })),
    };
  }

  async scoreHistory(orgSlug: string, weeks: number, asOf: Date): Promise<ScoreSnapshotShape[]> {
    return (await this.postureService.history(orgSlug, weeks, asOf)).map((s) => ({
      asOf: s.asOf,
      overallScore: s.overallScore,
      overallBand: s.overallBand,
      domains: s.posture.domains.map((d) => ({ domain: d.domain, measured: d.measured, score: d.score })),
    }));
  }

  async budgets(orgSlug: string): Promise<BudgetShape[]> {
    return (await this.budgetService.list(orgSlug)).map((b) => ({
      fiscalYear: b.fiscalYear,
      itSpend: b.itSpend,
      securitySpend: b.securitySpend,
      revenue: b.revenue,
      currency: b.currency,
    }));
  }

  async rotationSla(orgSlug: string, asOf: Date): Promise<TeamRotationSlaShape[]> {
    const organization = await this.organizations.getBySlug(orgSlug);
    const teamNames = new Map((await this.teams.findAll(organization.id)).map((t) => [t.id, t.name]));
    return (await this.inventory.rotationSla(orgSlug, asOf)).map((row) => ({
      ...row,
      team: row.teamId && teamNames.has(row.teamId) ? { name: teamNames.get(row.teamId)! } : null,
    }));
  }

  leavers(orgSlug: string, asOf: Date): Promise<LeaverShape[]> {
    return this.leaverService.leavers(orgSlug, asOf);
  }

  crossBorderAccess(orgSlug: string, days: number, asOf: Date): Promise<CrossBorderAccessShape> {
    return this.crossBorder.crossBorderAccess(orgSlug, days, asOf);
  }

  async dataSources(orgSlug: string): Promise<DataSourceShape[]> {
    return (await this.sources.list(orgSlug)).map((s) => ({
      type: s.type,
      name: s.name,
      enabled: s.enabled,
      lastSuccessfulRunAt: s.lastSuccessfulRunAt,
      freshness: s.freshness,
    }));
  }
}
