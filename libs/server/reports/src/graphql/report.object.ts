import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ReportRecord } from '../storage/report-record.js';

@ObjectType('Report', { description: 'A stored board report (PDF)' })
export class ReportObject {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  asOf!: Date;

  @Field(() => String, { description: 'en or ko' })
  lang!: string;

  @Field(() => Date)
  generatedAt!: Date;

  @Field(() => String, { description: 'Who generated it: a user, cli:<name>, or schedule' })
  generatedBy!: string;

  @Field(() => String, { description: 'SHA-256 of the PDF, hex' })
  checksum!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => String, { description: 'Where to download the PDF (GET, same authorisation as the API)' })
  downloadUrl!: string;
}

export const reportDownloadUrl = (id: string): string => `/api/reports/${id}.pdf`;

export const toReportObject = (report: ReportRecord): ReportObject => ({
  id: report.id,
  asOf: report.asOf,
  lang: report.lang,
  generatedAt: report.generatedAt,
  generatedBy: report.generatedBy,
  checksum: report.checksum,
  sizeBytes: report.sizeBytes,
  downloadUrl: reportDownloadUrl(report.id),
});
