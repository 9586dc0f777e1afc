import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countsTowardScore, evaluateFindingsFrom, reconcileFindings, worstFindings, type Finding, type FindingCandidate, type FindingsState, type PostureIndex, type PostureInput } from '@postureboard/domain';
import {
  AccessRollupFoldRepository,
  type ActivityCache,
  CurrentPostureRepository,
  FindingRepository,
  formatDataVersion,
  type OrganizationEntity,
  PostureInputRepository,
  ScoreSnapshotRepository,
  type StoredCurrentPosture,
  type StoredFinding,
} from '@postureboard/server-database';
import { buildPostureView } from '../posture/posture-view.builder.js';
import type { PostureView } from '../posture/posture.view.js';
import { findingChanges, NotificationOutbox } from '@postureboard/server-notifications';
import { PostureError, PostureErrorCode } from '../common/posture.error.js';
import { EVALUATION_MEMORY, type EvaluationMemory, evaluationBytesFor, HEAP_MEMORY } from './evaluation-memory.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** How many of the worst active findings the stored posture lists (the overview asks for 5, the report for 10). */
export const TOP_RISKS_STORED = 50;

/** What a read-only evaluation at an instant found: nothing of it is stored. */
export interface EvaluationAt {
  asOf: Date;
  input: PostureInput;
  candidates: FindingCandidate[];
  index: PostureIndex;
}

/** What the evaluation job stored: the current posture and the tracked findings behind it. */
export interface StoredEvaluation {
  posture: StoredCurrentPosture<PostureView>;
  findings: StoredFinding[];
  input: PostureInput;
  candidates: FindingCandidate[];
  /**
   * What it cost: days of activity and parts of the inventory read (the rest reused from the last evaluation),
   * whether the stored findings were read (else those kept from the last evaluation), findings written and re-detected.
   */
  work: { activityDaysRead: number; inventoryRead: readonly string[]; findingsRead: boolean; findingsWritten: number; findingsRedetected: number };
  /** Milliseconds per step, in the order they ran (what the benchmark logs, to say where an evaluation's time goes). */
  phases: Record<string, number>;
}

/** Wall-clock milliseconds per named step, in the order they ran. */
function stopwatch(): { lap(name: string): void; phases: Record<string, number> } {
  const phases: Record<string, number> = {};
  let last = performance.now();
  return {
    phases,
    lap(name) {
      const now = performance.now();
      phases[name] = Math.round((phases[name] ?? 0) + now - last);
      last = now;
    },
  };
}

/**
 * Runs the policies. Two ways, kept apart so that no read ever writes:
 * - `evaluateAndStore` is the write side (the evaluation job, and the demo seeder moving its history forward):
 *   it reconciles the tracked findings (new ones open, cleared ones resolve) and stores the organisation's
 *   current posture, in one transaction, so a reader sees the old posture or the new one, never half of each.
 * - `evaluateAt` is a read-only look at any instant (past or future): candidates, never stored.
 *
 * The write side is incremental where the volume is: the activity and inventory of the organisation's latest
 * evaluation are kept in this (worker) process and only the days and tables that changed are read again
 * (PostureInputRepository.loadWith), the stored findings are kept too (read again only when someone else
 * changed them), and only findings that changed are written (FindingRepository.save). The activity policies
 * carry their derived state from the latest evaluation and redo only the days that changed (evaluateFindingsFrom).
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inputs: PostureInputRepository,
    private readonly findingRepository: FindingRepository,
    private readonly currentPostures: CurrentPostureRepository,
    private readonly snapshots: ScoreSnapshotRepository,
    private readonly outbox: NotificationOutbox,
    private readonly rollupFold: AccessRollupFoldRepository,
    @Optional() @Inject(EVALUATION_MEMORY) private readonly memory: EvaluationMemory = HEAP_MEMORY,
  ) {}

  /** The activity and inventory read by each organisation's latest stored evaluation, and its policies' state. */
  private readonly activity = new Map<string, { asOf: number; cache: ActivityCache; policies: FindingsState | null }>();
  /** Each organisation's findings as stored by its latest evaluation, with the findings' version and the posture's as-of then. */
  private readonly stored = new Map<string, { version: string; asOf: number; findings: StoredFinding[] }>();

  /** Drops what is kept for the organisation: the next evaluation reads everything (the benchmark's full evaluation). */
  forgetActivity(organizationId: string): void {
    this.activity.delete(organizationId);
    this.stored.delete(organizationId);
  }

  /**
   * The findings that would fire at `asOf`, from the data as it is now. Reads only. It holds the organisation's
   * activity window in this process: when that would not fit the heap left (an API replica's is bounded, API_HEAP_MB),
   * it refuses with a clear error before reading, instead of the process dying out of memory with every request on it.
   */
  async evaluateAt(organizationId: string, asOf: Date): Promise<EvaluationAt> {
    const rows = await this.inputs.activityRowsAt(organizationId, asOf);
    const needed = evaluationBytesFor(rows);
    const spare = this.memory.spareBytes();
    if (needed > spare) {
      const mb = (bytes: number) => Math.max(0, Math.round(bytes / 1024 / 1024));
      throw new PostureError(
        PostureErrorCode.EVALUATION_TOO_LARGE,
        `Evaluating this organisation at ${asOf.toISOString()} reads ${rows} daily activity rollups and needs about ${mb(needed)} MB; ` +
          `this process has ${mb(spare)} MB to spare. Run it where the evaluation workers run (the CLI's \`posture --as-of\` on that machine), or give the API more heap (API_HEAP_MB).`,
      );
    }
    const input = await this.inputs.load(organizationId, asOf);
    const { candidates, index } = evaluateFindingsFrom(input, asOf, null);
    return { asOf, input, candidates, index };
  }

  /**
   * Evaluates at `asOf` and stores the tracked findings and the current posture. Returns null when a posture
   * of a later instant is already stored (an older evaluation never replaces a newer one).
   */
  async evaluateAndStore(organization: OrganizationEntity, asOf: Date): Promise<StoredEvaluation | null> {
    const started = Date.now();
    const watch = stopwatch();
    const organizationId = organization.id;
    // The days ingested since the last fold get their rollups first (the ingest no longer writes them), a month
    // of days per transaction; then whatever a run added meanwhile, with the version before the data read in that
    // last fold's transaction: a change committed while this runs makes the stored version differ from the
    // database's, so the change is evaluated next (never lost); an events run committed after the fold has left
    // its days pending, which the version shows.
    await this.rollupFold.fold(organizationId);
    const versionBefore = await this.dataSource.transaction(async (manager) => {
      await this.rollupFold.fold(organizationId, manager);
      return this.currentPostures.dataVersion(organizationId, manager);
    });
    if (!versionBefore) throw new Error(`Organization ${organizationId} not found`);
    watch.lap('rollupFold');
    const kept = this.activity.get(organizationId);
    const usable = kept && kept.asOf <= asOf.getTime() ? kept : undefined;
    const { input, activity } = await this.inputs.loadWith(organizationId, asOf, usable?.cache ?? null);
    watch.lap('load');
    for (const [name, ms] of Object.entries(activity.timings ?? {})) watch.phases[`load.${name}`] = ms;
    const { candidates, state, index } = evaluateFindingsFrom(input, asOf, usable?.policies ?? null);
    this.activity.set(organizationId, { asOf: asOf.getTime(), cache: activity, policies: state });
    watch.lap('policies');
    const previous = await this.snapshots.latestBefore<PostureView>(organizationId, new Date(asOf.getTime() - WEEK_MS));
    watch.lap('previousSnapshot');

    const saved = await this.dataSource.transaction(async (manager) => {
      // One evaluation per organization at a time, across API replicas and workers.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('evaluate:' || $1))`, [organizationId]);
      const storedAsOf = await this.currentPostures.lockAsOf(organizationId, manager);
      if (storedAsOf && storedAsOf.getTime() > asOf.getTime()) return null;
      // The findings as this process stored them last, unless anyone (a status change, another worker) changed
      // them since; the version stays locked until commit, so no change can slip in between the check and the save.
      const version = await this.findingRepository.version(organizationId, manager, true);
      const known = this.stored.get(organizationId);
      // The posture's as-of too: a finding detected through it reads as last detected then, and another worker's
      // evaluation that changed no finding still moved it.
      const reused = known !== undefined && version !== null && known.version === version && known.asOf === storedAsOf?.getTime();
      const existing = reused ? known.findings : await this.findingRepository.findAll(organizationId, manager);
      watch.lap('lockAndReadFindings');
      const result = reconcileFindings(existing, candidates, asOf);
      watch.lap('reconcile');
      // What this evaluation detects is stored as detected through the posture it stores (no row moves for a re-detection).
      const written = await this.findingRepository.save(organizationId, result.findings, result.history, manager, existing, { asOf, storedAsOf });
      watch.lap('saveFindings');
      // New and escalated findings reach people: the outbox message commits with the findings, or neither does.
      await this.outbox.recordFindingChanges(manager, organizationId, findingChanges(existing, result.findings, written));
      const findings = asStored(result.findings, existing, written) ?? (await this.findingRepository.findAll(organizationId, manager, asOf));
      const findingIds = new Map(findings.map((f) => [f.fingerprint, f.id]));
      watch.lap('outbox');
      const view = buildPostureView({ organization, input, findings, asOf, previous: previous?.posture ?? null, findingIds, index });
      watch.lap('score');
      const active = findings.filter((f) => countsTowardScore(f.status));
      const findingVersion = await this.findingRepository.version(organizationId, manager);
      const tables = { ...versionBefore.tables };
      if (findingVersion === null) delete tables['finding'];
      else tables['finding'] = findingVersion;
      const posture: StoredCurrentPosture<PostureView> = {
        organizationId,
        asOf,
        evaluatedAt: new Date(),
        durationMs: Date.now() - started,
        dataVersion: formatDataVersion({ ...versionBefore, tables }),
        view,
        topRiskIds: worstFindings(active, TOP_RISKS_STORED).map((f) => f.id),
      };
      await this.currentPostures.write(posture, manager);
      watch.lap('writePosture');
      return { posture, findings, reused, written, findingVersion };
    });
    watch.lap('commit');
    if (!saved) return null;
    if (saved.findingVersion === null) this.stored.delete(organizationId);
    else this.stored.set(organizationId, { version: saved.findingVersion, asOf: asOf.getTime(), findings: saved.findings });
    return {
      posture: saved.posture,
      findings: saved.findings,
      input,
      candidates,
      work: {
        activityDaysRead: activity.daysRead,
        inventoryRead: activity.inventoryRead ?? [],
        findingsRead: !saved.reused,
        findingsWritten: saved.written.written,
        findingsRedetected: saved.written.redetected,
      },
      phases: watch.phases,
    };
  }
}

/**
 * The reconciled findings as the database now holds them (what `findAll` would read), or null when one has no
 * id (not written). An unchanged finding is the stored one re-detected; a changed one has its evidence as jsonb
 * gives it back.
 */
function asStored(
  findings: readonly Finding[],
  existing: readonly StoredFinding[],
  { unchanged, ids }: { unchanged: ReadonlySet<string>; ids: ReadonlyMap<string, string> },
): StoredFinding[] | null {
  const before = new Map(existing.map((f) => [f.fingerprint, f]));
  const stored: StoredFinding[] = [];
  for (const finding of findings) {
    const previous = before.get(finding.fingerprint);
    const id = ids.get(finding.fingerprint) ?? previous?.id;
    if (id === undefined) return null;
    if (previous !== undefined && unchanged.has(finding.fingerprint)) {
      // The evaluation's own params and evidence (equal to the stored ones as jsonb, see sameJson): a candidate the
      // next evaluation reuses (subject results) carries these very objects, and comparing them is then immediate.
      stored.push({ ...previous, lastDetectedAt: finding.lastDetectedAt, params: finding.params, evidence: finding.evidence });
      continue;
    }
    const { type, id: subjectId, externalId, name } = finding.subject;
    stored.push({
      ...finding,
      id,
      // The evaluation never writes the assignee: the row keeps what it had (nothing, for a new finding).
      assigneeUserId: previous?.assigneeUserId ?? null,
      subject: { type, id: subjectId, externalId, name },
      evidence: JSON.parse(JSON.stringify(finding.evidence)) as Finding['evidence'],
    });
  }
  return stored;
}
