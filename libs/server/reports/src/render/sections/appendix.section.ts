import { FINDING_KINDS } from '@postureboard/domain';
import { FRAMEWORK_MAPPING, type FrameworkEntry } from '../../framework/framework-mapping.js';
import { drawTable } from '../pdf-table.js';
import type { ReportCanvas } from '../report-canvas.js';
import { COLORS, TYPE } from '../theme.js';

/** Finding kinds against ISO 27001, NIST CSF, CIS and ISMS-P, stated as guidance. */
export function drawAppendix(canvas: ReportCanvas): void {
  const { doc, data, m, left, width } = canvas;
  canvas.section(m.sections.appendix, false);
  canvas.paragraph(m.appendix.intro, { color: COLORS.muted, gapAfter: 8 });

  const top = canvas.y;
  const disclaimerHeight = canvas.measure(m.appendix.disclaimer, width - 24, 'medium', TYPE.small) + 16;
  doc.rect(left, top, width, disclaimerHeight).fill(COLORS.accentSoft);
  doc.rect(left, top, 3, disclaimerHeight).fill(COLORS.accent);
  canvas.font('medium', TYPE.small, COLORS.ink);
  doc.text(m.appendix.disclaimer, left + 12, top + 8, { width: width - 24, lineGap: 1 });
  canvas.y = top + disclaimerHeight + 12;

  const cell = (entry: FrameworkEntry) => ({
    text: '',
    lines: entry.controls.map((c) => ({ strong: c.id, text: `${c.title}${data.lang === 'en' && c.titleEn ? ` (${c.titleEn})` : ''}` })),
    sub: entry.note?.[data.lang],
  });
  drawTable(
    canvas,
    [
      { header: m.appendix.columns.kind, width: 16, cell: (k) => ({ text: m.findingKinds[k], weight: 'semibold' }) },
      { header: m.appendix.columns.iso, width: 22, cell: (k) => cell(FRAMEWORK_MAPPING[k].iso27001) },
      { header: m.appendix.columns.nist, width: 24, cell: (k) => cell(FRAMEWORK_MAPPING[k].nistCsf) },
      { header: m.appendix.columns.cis, width: 20, cell: (k) => cell(FRAMEWORK_MAPPING[k].cisV8) },
      { header: m.appendix.columns.ismsp, width: 18, cell: (k) => cell(FRAMEWORK_MAPPING[k].ismsP) },
    ],
    FINDING_KINDS,
    { size: TYPE.tiny },
  );
  drawAuditCheckpoint(canvas);
}

/** The audit trail's signed head, printed as the checkpoint file's JSON so it can be copied out and verified. */
function drawAuditCheckpoint(canvas: ReportCanvas): void {
  const { data, m } = canvas;
  const checkpoint = data.auditCheckpoint;
  if (!checkpoint) return;
  canvas.subheading(m.appendix.audit.heading);
  canvas.paragraph(m.appendix.audit.intro, { color: COLORS.muted, gapAfter: 4 });
  canvas.paragraph(m.appendix.audit.head(checkpoint.seq, checkpoint.takenAt), { weight: 'semibold', gapAfter: 2 });
  canvas.paragraph(m.appendix.audit.verify(data.organization.slug), { size: TYPE.small, gapAfter: 4 });
  canvas.paragraph(JSON.stringify(checkpoint, null, 1), { size: TYPE.tiny });
}
