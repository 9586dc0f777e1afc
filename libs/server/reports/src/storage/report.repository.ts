import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReportLang } from '../model/report-lang.js';
import type { NewReport, ReportRecord, ReportTrigger } from './report-record.js';

interface ReportRow {
  id: string;
  organization_id: string;
  trigger: ReportTrigger;
  generated_by: string;
  generated_at: Date;
  as_of: Date;
  period_start: Date;
  period_end: Date;
  lang: ReportLang;
  checksum: string;
  size_bytes: number;
}

const COLUMNS = 'id, organization_id, trigger, generated_by, generated_at, as_of, period_start, period_end, lang, checksum, size_bytes';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toRecord = (row: ReportRow): ReportRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  trigger: row.trigger,
  generatedBy: row.generated_by,
  generatedAt: row.generated_at,
  asOf: row.as_of,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  lang: row.lang,
  checksum: row.checksum,
  sizeBytes: row.size_bytes,
});

/** Stored board reports. The PDF bytes are read only for a download, never for a list. */
@Injectable()
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts; returns null when a scheduled report for the same organisation, date and language exists. With
   * `then`, that runs on the same transaction once the report is stored (the notification outbox), so both
   * commit or neither does.
   */
  async insert(report: NewReport, then?: (manager: EntityManager, stored: ReportRecord) => Promise<unknown>): Promise<ReportRecord | null> {
    if (then) {
      return this.dataSource.transaction(async (manager) => {
        const stored = await this.insertWith(manager, report);
        if (stored) await then(manager, stored);
        return stored;
      });
    }
    return this.insertWith(this.dataSource.manager, report);
  }

  private async insertWith(manager: EntityManager, report: NewReport): Promise<ReportRecord | null> {
    const rows: ReportRow[] = await manager.query(
      `INSERT INTO report (organization_id, trigger, generated_by, generated_at, as_of, period_start, period_end, lang, checksum, size_bytes, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (organization_id, as_of, lang) WHERE trigger = 'SCHEDULED' DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        report.organizationId,
        report.trigger,
        report.generatedBy,
        report.generatedAt,
        report.asOf,
        report.periodStart,
        report.periodEnd,
        report.lang,
        report.checksum,
        report.sizeBytes,
        report.content,
      ],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listForOrganization(organizationId: string): Promise<ReportRecord[]> {
    const rows: ReportRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM report WHERE organization_id = $1 ORDER BY generated_at DESC, as_of DESC, id`, [organizationId]);
    return rows.map(toRecord);
  }

  async findWithContent(id: string): Promise<{ report: ReportRecord; content: Buffer } | null> {
    if (!UUID.test(id)) return null;
    const rows: (ReportRow & { content: Buffer })[] = await this.dataSource.query(`SELECT ${COLUMNS}, content FROM report WHERE id = $1`, [id]);
    return rows[0] ? { report: toRecord(rows[0]), content: rows[0].content } : null;
  }

  /** The as-of date of the organisation's latest report before `asOf` (any language or trigger). */
  async previousAsOf(organizationId: string, asOf: Date): Promise<Date | null> {
    const rows: { as_of: Date }[] = await this.dataSource.query(
      `SELECT as_of FROM report WHERE organization_id = $1 AND as_of < $2 ORDER BY as_of DESC LIMIT 1`,
      [organizationId, asOf],
    );
    return rows[0]?.as_of ?? null;
  }

  /** Whether a scheduled report in `lang` is stored for the organisation as of `since` or later (the week's). */
  async scheduledSince(organizationId: string, since: Date, lang: ReportLang): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM report WHERE organization_id = $1 AND as_of >= $2 AND lang = $3 AND trigger = 'SCHEDULED' LIMIT 1`,
      [organizationId, since, lang],
    );
    return rows.length > 0;
  }
}
