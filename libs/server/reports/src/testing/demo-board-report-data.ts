import { BoardReportDataAssembler } from '../data/board-report-data.assembler.js';
import type { BoardReportData } from '../model/board-report-data.js';
import type { ReportLang } from '../model/report-lang.js';
import { DEMO_AS_OF, DemoReportDataSource, type DemoOptions } from './demo-report-data-source.js';

/** The demo organisation's report data, as the assembler produces it. */
export function demoBoardReportData(lang: ReportLang = 'en', options: DemoOptions = {}): Promise<BoardReportData> {
  return new BoardReportDataAssembler(new DemoReportDataSource(options)).assemble({
    orgSlug: 'demo',
    asOf: DEMO_AS_OF,
    lang,
    generatedBy: 'ciso@hanbit.example',
    generatedAt: new Date(DEMO_AS_OF.getTime() + 9 * 3_600_000),
    previousReportAsOf: new Date(DEMO_AS_OF.getTime() - 28 * 86_400_000),
  });
}
