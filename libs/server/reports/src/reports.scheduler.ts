import type { ModuleRef } from '@nestjs/core';
import { ReportsService } from './reports.service.js';
import type { ReportRecord } from './storage/report-record.js';

/**
 * The hook the weekly snapshot schedule calls after it has taken the week's snapshots: writes each
 * organisation's scheduled board reports as of the same instant. Resolved through the module graph
 * so the posture scheduler need not import ReportsModule (which itself reads posture data).
 */
export function generateScheduledReports(moduleRef: Pick<ModuleRef, 'get'>, asOf: Date): Promise<ReportRecord[]> {
  return moduleRef.get(ReportsService, { strict: false }).generateScheduled(asOf);
}
