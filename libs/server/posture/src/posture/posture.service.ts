import { Injectable } from '@nestjs/common';
import { replay, SCORE_DOMAINS, worstFindings, type FindingCandidate, type ReplayDetection, type Severity } from '@postureboard/domain';
import {
  CurrentPostureRepository,
  FindingRepository,
  formatDataVersion,
  ScoreSnapshotRepository,
  PostureInputRepository,
  type OrganizationEntity,
  type SnapshotTrend,
  type SnapshotTrigger,
  type StoredFinding,
  type StoredSnapshot,
} from '@postureboard/server-database';
import { withinTeamScope, type TeamScope } from '@postureboard/server-auth';
import { OrganizationService } from '@postureboard/server-organization';
import { PostureError, PostureErrorCode } from '../common/posture.error.js';
import { EvaluationService } from '../evaluation/evaluation.service.js';
import { buildPostureView } from './posture-view.builder.js';
import type { PostureReadView, PostureView } from './posture.view.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** Per severity, as the findings list counts them. */
const severityCounts = (findings: readonly { severity: Severity }[]): Record<Severity, number> => {
  const counts: Record<Severity, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
};

const ownerTeamOf = (finding: { ownerTeamId: string | null }): string | null => finding.ownerTeamId;

/** A finding as stored (tracked), as opposed to a candidate evaluated for another instant and never stored. */
export const isStoredFinding = (f: StoredFinding | FindingCandidate): f is StoredFinding => 'id' in f && 'status' in f;

/** The first instant of the UTC day of `at`: a posture as of an earlier day is out of date (SLA states move daily). */
export const dayStartOf = (at: Date): Date => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

export interface PostureResult {
  view: PostureReadView;
  /**
   * The worst active findings behind the view, worst first (worstFindings): read from the stored posture's
   * top risks, or the candidates of an evaluation at another instant; within the reader's team scope (an
   * engineering lead's are their teams' worst). Read only when asked for.
   */
  topRisks: (limit: number, scope: TeamScope) => Promise<(StoredFinding | FindingCandidate)[]>;
  /** The active findings of the teams in a team scope, per severity (as the findings list counts them); null for the whole organisation. */
  teamFindingCounts: (scope: TeamScope) => Promise<Record<Severity, number> | null>;
  /** Every finding that would fire, for a posture evaluated at another instant; null for the stored posture. */
  candidates: FindingCandidate[] | null;
}

/**
 * Reads postures. The current posture is the one the evaluation job stored (never evaluated here: a read
 * never writes, and an API replica keeps no evaluation state); any other instant, past or future, is evaluated
 * on demand, read-only, and changes nothing stored.
 */
@Injectable()
export class PostureService {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly evaluation: EvaluationService,
    private readonly snapshots: ScoreSnapshotRepository,
    private readonly currentPostures: CurrentPostureRepository,
    private readonly findings: FindingRepository,
    private readonly inputs: PostureInputRepository,
  ) {}

  /** The current posture (no `asOf`), or the posture at `asOf` evaluated read-only. */
  async posture(orgSlug: string, asOf?: Date | null): Promise<PostureResult> {
    const organization = await this.organizations.getBySlug(orgSlug);
    return asOf ? this.postureAt(organization, asOf) : this.current(organization);
  }

  /** The stored current posture; before the first evaluation, a posture that says so (nothing measured, pending). */
  current(organization: OrganizationEntity, now = new Date()): Promise<PostureResult> {
    return this.currentOf(organization.id, now, async () => organization);
  }

  /**
   * The stored current posture of an organisation known by id (a caller whose access named it): one statement
   * reads the posture and the data version; the organisation itself only before its first evaluation.
   */
  async currentOf(organizationId: string, now = new Date(), organizationOf?: () => Promise<OrganizationEntity>): Promise<PostureResult> {
    const { stored, version } = await this.currentPostures.readWithVersion<PostureView>(organizationId);
    if (!stored) {
      const organization = organizationOf ? await organizationOf() : await this.organizations.getById(organizationId);
      return { view: notEvaluatedView(organization, now), topRisks: async () => [], teamFindingCounts: async (scope) => (scope.kind === 'teams' ? severityCounts([]) : null), candidates: null };
    }
    const pending = version === null || formatDataVersion(version) !== stored.dataVersion || stored.asOf.getTime() < dayStartOf(now).getTime();
    const view: PostureReadView = { ...revive(stored.view), evaluatedAt: stored.evaluatedAt, pending };
    return {
      view,
      topRisks: async (limit, scope) => {
        // The stored ones are the organisation's worst; a team's worst are read as the findings list orders them (the same order).
        if (scope.kind === 'teams') return withinTeamScope(scope, (await this.findings.list(organizationId, { teamIds: scope.teamIds }, Math.max(0, limit))).findings, ownerTeamOf);
        const ids = stored.topRiskIds.slice(0, Math.max(0, limit));
        const byId = new Map((await this.findings.findByIds(ids)).map((f) => [f.id, f]));
        // In the stored order; a finding deleted since (its organisation's data purged) is skipped.
        return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
      },
      teamFindingCounts: async (scope) => (scope.kind === 'teams' ? this.findings.countActiveBySeverity(organizationId, scope.teamIds) : null),
      candidates: null,
    };
  }

  /** Evaluates the organisation at `asOf` without storing anything: findings are candidates, taken as open. */
  async postureAt(organization: OrganizationEntity, asOf: Date): Promise<PostureResult> {
    const evaluatedAt = new Date();
    const [{ input, candidates, index }, previous] = await Promise.all([
      this.evaluation.evaluateAt(organization.id, asOf),
      this.snapshots.latestBefore<PostureView>(organization.id, new Date(asOf.getTime() - WEEK_MS)),
    ]);
    const view = buildPostureView({ organization, input, findings: candidates, asOf, previous: previous?.posture ?? null, index });
    return {
      view: { ...view, evaluatedAt, pending: false },
      topRisks: async (limit, scope) => worstFindings(withinTeamScope(scope, candidates, ownerTeamOf).map((c) => ({ ...c, firstDetectedAt: c.detectedAt })), limit),
      teamFindingCounts: async (scope) => (scope.kind === 'teams' ? severityCounts(withinTeamScope(scope, candidates, ownerTeamOf)) : null),
      candidates,
    };
  }

  /**
   * Stores the current posture as a snapshot (idempotent for the same instant). The weekly schedule takes one
   * per week; on-demand ones are labelled ON_DEMAND. Nothing is evaluated: a snapshot is the stored truth.
   */
  async snapshot(orgSlug: string, trigger: SnapshotTrigger): Promise<StoredSnapshot<PostureView>> {
    const organization = await this.organizations.getBySlug(orgSlug);
    const stored = await this.currentPostures.read<PostureView>(organization.id);
    if (!stored) throw new PostureError(PostureErrorCode.NOT_EVALUATED, `The posture of ${orgSlug} has not been evaluated yet; try again once its evaluation has run`);
    return this.snapshots.insert(organization.id, stored.asOf, trigger, stored.view.overallScore, stored.view.overallBand, stored.view);
  }

  /** The stored snapshots of the `weeks` up to `until` (now by default), oldest first, one per day (the latest of it). */
  async history(orgSlug: string, weeks: number, until?: Date): Promise<StoredSnapshot<SnapshotTrend>[]> {
    return this.historyOf((await this.organizations.getBySlug(orgSlug)).id, weeks, until);
  }

  historyOf(organizationId: string, weeks: number, until?: Date): Promise<StoredSnapshot<SnapshotTrend>[]> {
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520) return Promise.reject(new PostureError(PostureErrorCode.INVALID_INPUT, '`weeks` must be between 1 and 520'));
    const end = until ?? new Date();
    return this.snapshots.history(organizationId, new Date(end.getTime() - weeks * WEEK_MS), end);
  }

  /** "Days to detect": for each finding that would have fired in the window, the first day it would have. Reads only. */
  async replay(orgSlug: string, from: Date, to: Date): Promise<ReplayDetection[]> {
    if (!(from.getTime() <= to.getTime())) throw new PostureError(PostureErrorCode.INVALID_INPUT, '`from` must not be after `to`');
    if (to.getTime() - from.getTime() > 3 * 366 * 24 * 3600 * 1000) throw new PostureError(PostureErrorCode.INVALID_INPUT, 'replay covers at most three years');
    const organization = await this.organizations.getBySlug(orgSlug);
    const input = await this.inputs.load(organization.id, to);
    return replay(input, from, to);
  }
}

/** Dates inside the stored view come back from jsonb as text. */
function revive(view: PostureView): PostureView {
  return { ...view, asOf: new Date(view.asOf) };
}

function notEvaluatedView(organization: OrganizationEntity, now: Date): PostureReadView {
  const reason = 'not evaluated yet: the first evaluation of this organisation is queued';
  const none = { critical: 0, high: 0, medium: 0, low: 0, total: 0 };
  return {
    organization: { slug: organization.slug, name: organization.name, currency: organization.currency, approvedCountries: organization.approvedCountries },
    asOf: now,
    overallScore: null,
    overallBand: null,
    overallChange: null,
    overallNotMeasuredReason: reason,
    explanation: null,
    domains: SCORE_DOMAINS.map((domain) => ({
      domain,
      measured: false,
      notMeasuredReason: reason,
      score: null,
      band: null,
      change: null,
      penaltyPoints: 0,
      metrics: [],
      contributions: [],
      omittedContributions: { count: 0, points: 0 },
      findingCounts: none,
      explanation: null,
    })),
    budget: null,
    findingCounts: none,
    overdueKeys: 0,
    evaluatedAt: null,
    pending: true,
  };
}
