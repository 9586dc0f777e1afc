import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FindingKind, FindingParams, FindingStatus, Severity } from '@postureboard/domain';
import type { DigestFinding } from '../schedule/weekly-digest.util.js';

/** What the weekly digest and the SLA reminders read. */
@Injectable()
export class NotificationScheduleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async organizationIds(): Promise<string[]> {
    return ((await this.dataSource.query(`SELECT id FROM organization ORDER BY slug`)) as { id: string }[]).map((r) => r.id);
  }

  /** The overall score of the latest snapshot at or before `asOf`. */
  async scoreAt(organizationId: string, asOf: Date): Promise<number | null> {
    const rows = (await this.dataSource.query(
      `SELECT overall_score::float8 AS score FROM score_snapshot WHERE organization_id = $1 AND as_of <= $2 ORDER BY as_of DESC LIMIT 1`,
      [organizationId, asOf],
    )) as { score: number | null }[];
    return rows[0]?.score ?? null;
  }

  /** Open findings, and those resolved since `since`: all a week's digest needs. */
  async digestFindings(organizationId: string, since: Date): Promise<DigestFinding[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, kind, title, params, severity, status, first_detected_at, resolved_at, due_at FROM finding
        WHERE organization_id = $1 AND (status <> 'RESOLVED' OR resolved_at > $2)`,
      [organizationId, since],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r['id'] as string,
      kind: r['kind'] as FindingKind,
      title: r['title'] as string,
      params: (r['params'] ?? null) as FindingParams | null,
      severity: r['severity'] as Severity,
      status: r['status'] as FindingStatus,
      firstDetectedAt: r['first_detected_at'] as Date,
      resolvedAt: r['resolved_at'] as Date | null,
      dueAt: r['due_at'] as Date,
    }));
  }
}
