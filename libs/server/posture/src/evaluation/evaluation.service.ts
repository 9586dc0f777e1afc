import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { evaluateFindingsFrom, reconcileFindings, type Finding, type FindingCandidate, type FindingsState, type PostureInput } from '@postureboard/domain';
import { type ActivityCache, FindingRepository, PostureInputRepository, type StoredFinding } from '@postureboard/server-database';
import { findingChanges, NotificationOutbox } from '@postureboard/server-notifications';

export interface Evaluation {
  asOf: Date;
  input: PostureInput;
  candidates: FindingCandidate[];
  /** The tracked findings after reconciliation; null for a look at the past (nothing persisted). */
  findings: StoredFinding[] | null;
  /**
   * What it cost: days of activity and parts of the inventory read (the rest reused from the last evaluation),
   * whether the stored findings were read (else those kept from the last evaluation), findings written and re-detected.
   */
  work: { activityDaysRead: number; inventoryRead: readonly string[]; findingsRead: boolean; findingsWritten: number; findingsRedetected: number };
}

/**
 * Runs the policies. Evaluating at (or after) the latest evaluation moves the tracked findings forward
 * (new ones open, cleared ones resolve); evaluating an earlier `asOf` is a read-only look at the past,
 * so history never rewrites the present.
 *
 * Evaluation is incremental where the volume is: the activity and inventory of the organisation's latest
 * evaluation are kept in memory and only the days and tables that changed are read again
 * (PostureInputRepository.loadWith), the stored findings are kept too (read again only when someone else
 * changed them), and only findings that changed are written (FindingRepository.save). The policies see the
 * whole input, but the activity policies carry their derived state from the latest evaluation and redo only
 * the days that changed (evaluateFindingsFrom).
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inputs: PostureInputRepository,
    private readonly findingRepository: FindingRepository,
    private readonly outbox: NotificationOutbox,
  ) {}

  /**
   * The activity and inventory read by each organisation's latest evaluation, and the state its policies left,
   * reused by the next one.
   */
  private readonly activity = new Map<string, { asOf: number; cache: ActivityCache; policies: FindingsState | null }>();
  /** Each organisation's findings as stored by its latest evaluation, with the findings' version then. */
  private readonly stored = new Map<string, { version: string; findings: StoredFinding[] }>();

  /** Drops what is kept for the organisation: the next evaluation reads everything (the benchmark's full evaluation). */
  forgetActivity(organizationId: string): void {
    this.activity.delete(organizationId);
    this.stored.delete(organizationId);
  }

  async evaluate(organizationId: string, asOf: Date): Promise<Evaluation> {
    const kept = this.activity.get(organizationId);
    const { input, activity } = await this.inputs.loadWith(organizationId, asOf, kept?.cache ?? null);
    // A look at the past keeps the present's activity (the next evaluation of "now" reuses more of it) and
    // leaves the policies' state alone: it starts afresh.
    const present = !kept || kept.asOf <= asOf.getTime();
    const { candidates, state } = evaluateFindingsFrom(input, asOf, present ? (kept?.policies ?? null) : null);
    if (present) this.activity.set(organizationId, { asOf: asOf.getTime(), cache: activity, policies: state });
    const saved = await this.dataSource.transaction(async (manager) => {
      // One evaluation per organization at a time, across API replicas and workers.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('evaluate:' || $1))`, [organizationId]);
      const [{ latest }] = (await manager.query(`SELECT max(last_detected_at) AS latest FROM finding WHERE organization_id = $1`, [organizationId])) as {
        latest: Date | null;
      }[];
      if (latest && latest.getTime() > asOf.getTime()) return null;
      // The findings as this process stored them last, unless anyone (a status change, another replica) changed
      // them since; the version stays locked until commit, so no change can slip in between the check and the save.
      const version = await this.findingRepository.version(organizationId, manager, true);
      const known = this.stored.get(organizationId);
      const reused = known !== undefined && version !== null && known.version === version;
      const existing = reused ? known.findings : await this.findingRepository.findAll(organizationId, manager);
      const result = reconcileFindings(existing, candidates, asOf);
      const written = await this.findingRepository.save(organizationId, result.findings, result.history, manager, existing);
      await this.outbox.recordFindingChanges(manager, organizationId, findingChanges(existing, result.findings, written));
      return { written, findings: result.findings, existing, reused, version: await this.findingRepository.version(organizationId, manager) };
    });
    let findings: StoredFinding[] | null = null;
    if (saved) {
      findings = asStored(saved.findings, saved.existing, saved.written);
      if (findings === null) {
        // Only if the save gave no id for a finding (new ones come back with theirs): read them all back. A later
        // change, already committed, only makes the version differ.
        findings = await this.findingRepository.findAll(organizationId);
      }
      if (saved.version === null) this.stored.delete(organizationId);
      else this.stored.set(organizationId, { version: saved.version, findings });
    }
    return {
      asOf,
      input,
      candidates,
      findings,
      work: {
        activityDaysRead: activity.daysRead,
        inventoryRead: activity.inventoryRead ?? [],
        findingsRead: saved ? !saved.reused : false,
        findingsWritten: saved?.written.written ?? 0,
        findingsRedetected: saved?.written.redetected ?? 0,
      },
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
      stored.push(previous.lastDetectedAt.getTime() === finding.lastDetectedAt.getTime() ? previous : { ...previous, lastDetectedAt: finding.lastDetectedAt });
      continue;
    }
    const { type, id: subjectId, externalId, name } = finding.subject;
    stored.push({ ...finding, id, subject: { type, id: subjectId, externalId, name }, evidence: JSON.parse(JSON.stringify(finding.evidence)) as Finding['evidence'] });
  }
  return stored;
}
