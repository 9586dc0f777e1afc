/** Languages a board report can be written in. */
export const REPORT_LANGS = ['en', 'ko'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export const isReportLang = (value: string): value is ReportLang => (REPORT_LANGS as readonly string[]).includes(value);
