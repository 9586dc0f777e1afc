import { Injectable } from '@nestjs/common';
import { worstFindings, type FindingCandidate } from '@postureboard/domain';
import { FindingRepository, TeamRepository, type StoredFinding } from '@postureboard/server-database';
import { WHOLE_ORGANIZATION } from '@postureboard/server-auth';
import { DataSourceService } from '@postureboard/server-ingest';
import { BudgetService, CredentialInventoryService, CrossBorderService, isStoredFinding, LeaverService, PostureService } from '@postureboard/server-posture';
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
import { findingAsOf, type FindingAsOf } from './finding-as-of.util.js';

/** A top risk as of the report's date: a stored finding, or a candidate with what was known of it then. */
type RiskAsOf = StoredFinding | (Omit<FindingCandidate, 'dueAt'> & FindingAsOf);

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
    private readonly findings: FindingRepository,
  ) {}

  async posture(orgSlug: string, asOf: Date | null, topRiskLimit: number): Promise<PostureReading> {
    const organization = await this.organizations.getBySlug(orgSlug);
    // "Now" is the stored posture the overview shows; an explicit date is evaluated at that instant, read-only.
    const { view, topRisks, candidates } = asOf ? await this.postureService.postureAt(organization, asOf) : await this.postureService.current(organization);
    const worst = candidates ? await this.worstRisks(organization.id, candidates, view.asOf, topRiskLimit) : (await topRisks(topRiskLimit, WHOLE_ORGANIZATION)).filter(isStoredFinding);
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
        params: f.params,
        subject: { type: f.subject.type, name: f.subject.name },
        ownerTeam: f.ownerTeamId && teamNames.has(f.ownerTeamId) ? { name: teamNames.get(f.ownerTeamId)! } : null,
        firstDetectedAt: f.firstDetectedAt,
        dueAt: f.dueAt,
      })),
    };
  }

  /**
   * The worst of the findings the posture counts as active. Evaluated now they are the stored findings; at a
   * past `asOf` (before the latest evaluation) they are candidates, never stored, each shown as it was then:
   * the condition as evaluated on that date, with the id, status, age and due date of the stored finding of
   * the same fingerprint only as far as its history shows them held on that date.
   */
  private async worstRisks(organizationId: string, findings: readonly (StoredFinding | FindingCandidate)[], asOf: Date, limit: number): Promise<RiskAsOf[]> {
    if (findings.every(isStoredFinding)) return worstFindings(findings, limit);
    const stored = new Map((await this.findings.findAll(organizationId)).map((f) => [f.fingerprint, f]));
    // Ranked by how long each had been tracked on the date; one tracked only later ranks as of unknown age.
    const ranked = findings.map((finding) => {
      const match = isStoredFinding(finding) ? finding : stored.get(finding.fingerprint);
      const firstDetectedAt = match && match.firstDetectedAt.getTime() <= asOf.getTime() ? match.firstDetectedAt : null;
      return { finding, stored: match, severity: finding.severity, firstDetectedAt };
    });
    const worst = worstFindings(ranked, limit);
    const history = await this.findings.historyFor(worst.flatMap((w) => (w.stored && !isStoredFinding(w.finding) ? [w.stored.id] : [])));
    return worst.map(({ finding, stored: match }) => {
      if (isStoredFinding(finding)) return finding;
      return { ...finding, ...findingAsOf(match, match ? history.filter((h) => h.findingId === match.id) : [], asOf) };
    });
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
