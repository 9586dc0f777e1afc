import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReportLang } from '../model/report-lang.js';

export interface ReportSchedule {
  enabled: boolean;
  languages: ReportLang[];
}

/** Organisations without a row get the default schedule: weekly, in English. */
export const DEFAULT_REPORT_SCHEDULE: ReportSchedule = { enabled: true, languages: ['en'] };

@Injectable()
export class ReportScheduleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async get(organizationId: string): Promise<ReportSchedule> {
    const rows: ReportSchedule[] = await this.dataSource.query(`SELECT enabled, languages FROM report_schedule WHERE organization_id = $1`, [organizationId]);
    return rows[0] ?? DEFAULT_REPORT_SCHEDULE;
  }

  async set(organizationId: string, schedule: ReportSchedule): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO report_schedule (organization_id, enabled, languages, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (organization_id) DO UPDATE SET enabled = EXCLUDED.enabled, languages = EXCLUDED.languages, updated_at = now()`,
      [organizationId, schedule.enabled, schedule.languages],
    );
  }

  /** Every organisation whose schedule is on, with the languages to write. */
  async due(): Promise<{ organizationId: string; slug: string; languages: ReportLang[] }[]> {
    const rows: { id: string; slug: string; languages: ReportLang[] | null }[] = await this.dataSource.query(
      `SELECT o.id, o.slug, s.languages FROM organization o LEFT JOIN report_schedule s ON s.organization_id = o.id
       WHERE COALESCE(s.enabled, true) ORDER BY o.slug`,
    );
    return rows.map((r) => ({ organizationId: r.id, slug: r.slug, languages: r.languages ?? DEFAULT_REPORT_SCHEDULE.languages }));
  }
}
