import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { evaluateFindings, reconcileFindings, type FindingCandidate, type PostureInput } from '@postureboard/domain';
import { FindingRepository, PostureInputRepository, type StoredFinding } from '@postureboard/server-database';

export interface Evaluation {
  asOf: Date;
  input: PostureInput;
  candidates: FindingCandidate[];
  /** The tracked findings after reconciliation; null for a look at the past (nothing persisted). */
  findings: StoredFinding[] | null;
}

/**
 * Runs the policies. Evaluating at (or after) the latest evaluation moves the tracked findings forward
 * (new ones open, cleared ones resolve); evaluating an earlier `asOf` is a read-only look at the past,
 * so history never rewrites the present.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inputs: PostureInputRepository,
    private readonly findingRepository: FindingRepository,
  ) {}

  async evaluate(organizationId: string, asOf: Date): Promise<Evaluation> {
    const input = await this.inputs.load(organizationId, asOf);
    const candidates = evaluateFindings(input, asOf);
    const findings = await this.dataSource.transaction(async (manager) => {
      // One evaluation per organization at a time, across API replicas and workers.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('evaluate:' || $1))`, [organizationId]);
      const [{ latest }] = (await manager.query(`SELECT max(last_detected_at) AS latest FROM finding WHERE organization_id = $1`, [organizationId])) as {
        latest: Date | null;
      }[];
      if (latest && latest.getTime() > asOf.getTime()) return null;
      const existing = await this.findingRepository.findAll(organizationId);
      const result = reconcileFindings(existing, candidates, asOf);
      await this.findingRepository.save(organizationId, result.findings, result.history, manager);
      return true;
    });
    return { asOf, input, candidates, findings: findings ? await this.findingRepository.findAll(organizationId) : null };
  }
}
