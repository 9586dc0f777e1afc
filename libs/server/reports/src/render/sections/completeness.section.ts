import { drawTable } from '../pdf-table.js';
import type { ReportCanvas } from '../report-canvas.js';
import { COLORS } from '../theme.js';

const FRESHNESS_COLORS: Record<string, string> = { FRESH: COLORS.positive, STALE: '#d27a1f', NEVER: COLORS.negative };

/** Each source and when it last delivered, and every domain that could not be measured, said plainly. */
export function drawCompletenessSection(canvas: ReportCanvas): void {
  const { data, m, f } = canvas;
  const { sources, notMeasured } = data.dataCompleteness;
  canvas.heading(m.sections.completeness);
  canvas.paragraph(m.completeness.intro, { color: COLORS.muted, gapAfter: 10 });
  if (sources.length === 0) {
    canvas.paragraph(m.completeness.noSources, { weight: 'semibold', color: COLORS.negative });
  } else {
    drawTable(canvas, [
      { header: m.completeness.columns.source, width: 30, cell: (s) => ({ text: s.name, weight: 'semibold' }) },
      { header: m.completeness.columns.type, width: 22, cell: (s) => s.type },
      { header: m.completeness.columns.enabled, width: 10, cell: (s) => (s.enabled ? m.yes : { text: m.no, color: COLORS.muted }) },
      { header: m.completeness.columns.lastRun, width: 22, cell: (s) => (s.lastSuccessfulRunAt ? f.dateTime(s.lastSuccessfulRunAt) : { text: m.completeness.never, color: COLORS.negative }) },
      { header: m.completeness.columns.freshness, width: 16, cell: (s) => ({ text: m.freshness[s.freshness] ?? s.freshness, chip: FRESHNESS_COLORS[s.freshness] ?? COLORS.muted }) },
    ], sources);
  }

  canvas.subheading(m.completeness.notMeasuredHeading, 4);
  if (notMeasured.length === 0) {
    canvas.paragraph(m.completeness.allMeasured, { color: COLORS.muted });
    return;
  }
  for (const item of notMeasured) {
    canvas.paragraph(`${m.domains[item.domain]}: ${m.notMeasured}. ${item.reason ?? m.completeness.noReason}`, { weight: 'medium', color: COLORS.ink, gapAfter: 4 });
  }
  canvas.paragraph(m.notMeasuredNote, { color: COLORS.muted });
}
