import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { evaluateFindings, reconcileFindings, type Finding, type FindingCandidate, type PostureInput } from '@postureboard/domain';
import { type ActivityCache, FindingRepository, PostureInputRepository, type StoredFinding } from '@postureboard/server-database';

export interface Evaluation {
  asOf: Date;
  input: PostureInput;
  candidates: FindingCandidate[];
  /** The tracked findings after reconciliation; null for a look at the past (nothing persisted). */
  findings: StoredFinding[] | null;
  /** What it cost: days of activity read (the rest reused from the last evaluation), findings written and re-detected. */
  work: { activityDaysRead: number; findingsWritten: number; findingsRedetected: number };
}

/**
 * Runs the policies. Evaluating at (or after) the latest evaluation moves the tracked findings forward
 * (new ones open, cleared ones resolve); evaluating an earlier `asOf` is a read-only look at the past,
 * so history never rewrites the present.
 *
 * Evaluation is incremental where the volume is: the activity of the organisation's latest evaluation is
 * kept in memory and only the days whose rollups changed are read again (PostureInputRepository.loadWith),
 * and only findings that changed are written (FindingRepository.save). The policies run over the whole input.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inputs: PostureInputRepository,
    private readonly findingRepository: FindingRepository,
  ) {}

  /** The activity read by each organisation's latest evaluation, reused by the next one. */
  private readonly activity = new Map<string, { asOf: number; cache: ActivityCache }>();

  /** Drops the activity kept for the organisation: the next evaluation reads all of it (the benchmark's full evaluation). */
  forgetActivity(organizationId: string): void {
    this.activity.delete(organizationId);
  }

  async evaluate(organizationId: string, asOf: Date): Promise<Evaluation> {
    const kept = this.activity.get(organizationId);
    const { input, activity } = await this.inputs.loadWith(organizationId, asOf, kept?.cache ?? null);
    // A look at the past keeps the present's activity: the next evaluation of "now" reuses more of it.
    if (!kept || kept.asOf <= asOf.getTime()) this.activity.set(organizationId, { asOf: asOf.getTime(), cache: activity });
    const candidates = evaluateFindings(input, asOf);
    const saved = await this.dataSource.transaction(async (manager) => {
      // One evaluation per organization at a time, across API replicas and workers.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('evaluate:' || $1))`, [organizationId]);
      const [{ latest }] = (await manager.query(`SELECT max(last_detected_at) AS latest FROM finding WHERE organization_id = $1`, [organizationId])) as {
        latest: Date | null;
      }[];
      if (latest && latest.getTime() > asOf.getTime()) return null;
      const existing = await this.findingRepository.findAll(organizationId, manager);
      const result = reconcileFindings(existing, candidates, asOf);
      const written = await this.findingRepository.save(organizationId, result.findings, result.history, manager, existing);
      return { written, findings: result.findings, existing };
    });
    return {
      asOf,
      input,
      candidates,
      findings: saved ? withIds(saved.findings, saved.existing) ?? (await this.findingRepository.findAll(organizationId)) : null,
      work: { activityDaysRead: activity.daysRead, findingsWritten: saved?.written.written ?? 0, findingsRedetected: saved?.written.redetected ?? 0 },
    };
  }
}

/** The reconciled findings with their stored ids, or null when a new one has no id yet (then they are read back). */
function withIds(findings: readonly Finding[], existing: readonly StoredFinding[]): StoredFinding[] | null {
  const ids = new Map(existing.map((f) => [f.fingerprint, f.id]));
  const stored: StoredFinding[] = [];
  for (const finding of findings) {
    const id = ids.get(finding.fingerprint);
    if (id === undefined) return null;
    stored.push({ ...finding, id });
  }
  return stored;
}
