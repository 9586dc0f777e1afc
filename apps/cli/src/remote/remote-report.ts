import { createHash } from 'node:crypto';
import type { ReportLang } from '@postureboard/server-reports';
import { RemoteError } from './remote.error.js';
import type { RemoteApi } from './remote-api.js';

/** A stored report as `report --json` prints it (with `out`), the same in both modes. */
export interface ReportJson {
  id: string;
  asOf: string;
  lang: string;
  generatedAt: string;
  generatedBy: string;
  checksum: string;
  sizeBytes: number;
}

interface GeneratedReport extends ReportJson {
  downloadUrl: string;
}

const GENERATE = `mutation GenerateReport($org: String!, $asOf: DateTime, $lang: String) {
  generateReport(org: $org, asOf: $asOf, lang: $lang) { id asOf lang generatedAt generatedBy checksum sizeBytes downloadUrl }
}`;

/** `report`: the server generates and stores the PDF; the CLI downloads it and checks it is the one stored. */
export async function remoteReport(api: RemoteApi, input: { org: string; asOf?: Date; lang: ReportLang }): Promise<{ report: ReportJson; content: Buffer }> {
  const { generateReport: report } = await api.graphql<{ generateReport: GeneratedReport }>(GENERATE, { org: input.org, asOf: input.asOf?.toISOString() ?? null, lang: input.lang });
  const content = await api.download(report.downloadUrl);
  const checksum = createHash('sha256').update(content).digest('hex');
  if (checksum !== report.checksum) throw new RemoteError(`The downloaded report ${report.id} does not match the checksum the server stored (${report.checksum}); nothing was written`);
  const { downloadUrl: _downloadUrl, ...stored } = report;
  return { report: stored, content };
}
