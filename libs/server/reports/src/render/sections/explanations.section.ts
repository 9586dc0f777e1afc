import type { DaysToDetectSummary, ExplanationTerm } from '@postureboard/domain';
import type { ReportDomain } from '../../model/board-report-data.js';
import { drawTable } from '../pdf-table.js';
import type { ReportCanvas } from '../report-canvas.js';
import { COLORS, TYPE } from '../theme.js';

/**
 * How each score adds up: the same terms the web app and the CLI list (docs/scoring.md), so a board member
 * can check that the number on the cover is the sum of what is below it.
 */
export function drawExplanations(canvas: ReportCanvas): void {
  const { data, m, f } = canvas;
  const { overall, domains } = data.posture;
  if (!overall.explanation && domains.every((d) => !d.explanation)) return;
  canvas.section(m.sections.explanations, false);
  canvas.paragraph(m.explanations.intro, { color: COLORS.muted, gapAfter: 8 });

  const byDomain = new Map(domains.map((d) => [d.domain, d]));
  const labelOf = (term: ExplanationTerm, domain: ReportDomain | null): string => {
    switch (term.kind) {
      case 'BASE':
        return m.explanations.base;
      case 'METRIC': {
        if (term.domain) {
          const score = byDomain.get(term.domain)?.score;
          return m.explanations.domainTerm(m.domains[term.domain], score === null || score === undefined ? '—' : f.score(score));
        }
        const metric = domain?.metrics.find((x) => x.name === term.metric);
        const name = (term.metric && m.explanations.metricNames[term.metric]) ?? metric?.label ?? term.label;
        return metric ? m.explanations.metric(name, f.score(metric.points), f.score(metric.maxPoints)) : name;
      }
      case 'FINDING':
        return m.explanations.finding((term.fingerprint && domain?.findingSubjects[term.fingerprint]) || term.label);
      case 'CAP':
        return m.explanations.cap;
      case 'FLOOR':
        return m.explanations.floor;
      case 'ROUNDING':
        return m.explanations.rounding;
    }
  };
  const points = (term: ExplanationTerm): string => f.points(term.points, !(term.kind === 'BASE' || term.domain));
  const table = (title: string, terms: readonly ExplanationTerm[], score: number, domain: ReportDomain | null) => {
    canvas.subheading(title);
    drawTable(
      canvas,
      [
        { header: m.explanations.columns.term, width: 80, cell: (t) => labelOf(t, domain) },
        { header: m.explanations.columns.points, width: 20, align: 'right', cell: (t) => points(t) },
      ],
      terms,
      { size: TYPE.small, footer: [{ text: m.explanations.total, weight: 'semibold' }, { text: f.score(score), weight: 'semibold' }] },
    );
    canvas.y += 10;
  };
  if (overall.explanation && overall.score !== null) table(m.explanations.overall, overall.explanation, overall.score, null);
  for (const domain of domains) {
    if (domain.explanation && domain.score !== null) table(m.domains[domain.domain], domain.explanation, domain.score, domain);
  }
  const detection = domains.find((d) => d.daysToDetect);
  if (detection?.daysToDetect) drawDaysToDetect(canvas, detection.daysToDetect);
}

/** The detection domain's median days to detect: beside its score, not a term of it (docs/scoring.md). */
function drawDaysToDetect(canvas: ReportCanvas, summary: DaysToDetectSummary): void {
  const { m, f } = canvas;
  const text = m.explanations.daysToDetect;
  const from = f.day(summary.from);
  const to = f.day(summary.to);
  canvas.subheading(text.title);
  canvas.paragraph(summary.medianDays === null ? text.none(from, to) : text.median(f.days(summary.medianDays), summary.detected, from, to), { gapAfter: 4 });
  if (summary.notDetectedYet > 0) canvas.paragraph(text.notDetectedYet(summary.notDetectedYet, to), { gapAfter: 4 });
  canvas.paragraph(text.note, { color: COLORS.muted, size: TYPE.small, gapAfter: 8 });
}
