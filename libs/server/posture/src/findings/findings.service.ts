import { Injectable, Logger } from '@nestjs/common';
import { applyStatusChange, type FindingActor, type StatusChange } from '@postureboard/domain';
import { decodeFindingCursor, FindingRepository, type FindingFilter, type FindingPage, type LatestEvaluation, type StoredFinding, type StoredStatusChange } from '@postureboard/server-database';
import { IngestQueue } from '@postureboard/server-ingest';
import { PostureError, PostureErrorCode } from '../common/posture.error.js';

@Injectable()
export class FindingsService {
  private readonly logger = new Logger('FindingsService');

  constructor(
    private readonly findings: FindingRepository,
    private readonly queue: IngestQueue,
  ) {}

  async list(organizationId: string, filter: FindingFilter, first: number, after?: string | null): Promise<FindingPage> {
    if (first < 1 || first > 500) throw new PostureError(PostureErrorCode.INVALID_INPUT, '`first` must be between 1 and 500');
    if (after && !decodeFindingCursor(after)) {
      throw new PostureError(PostureErrorCode.INVALID_INPUT, '`after` is not a cursor from this list: pass an edge `cursor` or `pageInfo.endCursor`');
    }
    return this.findings.list(organizationId, filter, first, after);
  }

  async get(organizationId: string, id: string): Promise<StoredFinding> {
    const finding = await this.findings.findById(organizationId, id);
    if (!finding) throw new PostureError(PostureErrorCode.FINDING_NOT_FOUND, `No finding ${id} in this organization`);
    return finding;
  }

  /** A person's status change (acknowledge, accept risk, resolve, reopen), recorded with who and when. */
  async changeStatus(organizationId: string, id: string, change: StatusChange, actor: FindingActor, at: Date): Promise<StoredFinding> {
    const changed = await this.changeStatusOf(organizationId, await this.get(organizationId, id), change, actor, at);
    await this.requestEvaluation(organizationId);
    return changed;
  }

  /** The status change of one finding already read, without queueing an evaluation (bulk changes queue one for all). */
  async changeStatusOf(organizationId: string, finding: StoredFinding, change: StatusChange, actor: FindingActor, at: Date): Promise<StoredFinding> {
    const result = applyStatusChange(finding, change, actor, at);
    await this.findings.save(organizationId, [result.finding], [result.history]);
    return this.get(organizationId, finding.id);
  }

  /** The score counts statuses: the stored posture is re-evaluated (the workers' sweep would also see the change). */
  async requestEvaluation(organizationId: string): Promise<void> {
    await this.queue.requestEvaluation(organizationId).catch((e: Error) => this.logger.warn(`could not queue an evaluation: ${e.message}`));
  }

  /** The latest stored evaluation as each finding sees it (see FindingRepository.latestEvaluationOf). */
  latestEvaluationOf(findingIds: readonly string[]): Promise<Map<string, LatestEvaluation>> {
    return this.findings.latestEvaluationOf(findingIds);
  }

  async historyByFinding(findingIds: readonly string[]): Promise<Map<string, StoredStatusChange[]>> {
    const grouped = new Map<string, StoredStatusChange[]>();
    for (const change of await this.findings.historyFor(findingIds)) {
      const list = grouped.get(change.findingId) ?? [];
      list.push(change);
      grouped.set(change.findingId, list);
    }
    return grouped;
  }
}
