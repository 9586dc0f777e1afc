/** Where the reports module reads "now" (generation time, default as-of); tests provide a fixed one. */
export const REPORTS_CLOCK = Symbol('REPORTS_CLOCK');
export type ReportsClock = () => Date;
