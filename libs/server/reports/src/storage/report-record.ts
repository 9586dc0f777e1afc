import type { ReportLang } from '../model/report-lang.js';

export type ReportTrigger = 'ON_DEMAND' | 'SCHEDULED';

/** A stored report without its bytes: what lists and the GraphQL `Report` show. */
export interface ReportRecord {
  id: string;
  organizationId: string;
  trigger: ReportTrigger;
  generatedBy: string;
  generatedAt: Date;
  asOf: Date;
  periodStart: Date;
  periodEnd: Date;
  lang: ReportLang;
  checksum: string;
  sizeBytes: number;
}

export interface NewReport extends Omit<ReportRecord, 'id'> {
  content: Buffer;
}
