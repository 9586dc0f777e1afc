import { largestExtractions, worstCountries, worstLeavers, worstOffshoreIdentities } from '../../summary/bounded-lists.js';
import { drawVolumeSparkline } from '../charts/bar-charts.js';
import { drawTable } from '../pdf-table.js';
import type { ReportCanvas } from '../report-canvas.js';
import { COLORS, SEVERITY_COLORS, TYPE } from '../theme.js';

/**
 * Leavers who still hold access; then where access comes from and what is being pulled out in bulk. Each
 * list shows its worst rows and sums up the rest in one line.
 */
export function drawPeopleAndAccessSection(canvas: ReportCanvas): void {
  const { data, m, f } = canvas;
  canvas.section(m.sections.leavers);
  canvas.paragraph(m.leavers.intro, { color: COLORS.muted, gapAfter: 10 });
  if (data.leavers.length === 0) {
    canvas.paragraph(m.leavers.empty, { weight: 'semibold' });
  } else {
    const leavers = worstLeavers(data.leavers);
    drawTable(canvas, [
      { header: m.leavers.columns.person, width: 20, cell: (l) => ({ text: l.name, weight: 'semibold', sub: l.email ?? undefined }) },
      { header: m.leavers.columns.terminated, width: 12, cell: (l) => f.date(l.terminatedOn) },
      { header: m.leavers.columns.daysSince, width: 9, align: 'right', cell: (l) => f.integer(l.daysSinceTermination) },
      { header: m.leavers.columns.access, width: 25, cell: (l) => (l.access.length ? l.access.map((a) => m.leavers.accessItem(a)).join('\n') : m.none) },
      {
        header: m.leavers.columns.uses,
        width: 11,
        align: 'right',
        cell: (l) => ({ text: f.integer(l.usesAfterTermination), color: l.usesAfterTermination > 0 ? COLORS.negative : COLORS.muted, weight: 'semibold' }),
      },
      { header: m.leavers.columns.data, width: 11, align: 'right', cell: (l) => (l.bytesAfterTermination > 0 ? { text: f.bytes(l.bytesAfterTermination), color: COLORS.negative } : '—') },
      { header: m.leavers.columns.lastUse, width: 12, align: 'right', cell: (l) => (l.lastUseAt ? f.date(l.lastUseAt) : '—') },
    ], leavers.shown, { more: leavers.more && m.leavers.more(leavers.more, f) });
  }

  canvas.heading(m.sections.crossBorder);
  const { crossBorder } = data;
  canvas.paragraph(m.crossBorder.intro(f.integer(crossBorder.windowDays)), { color: COLORS.muted, gapAfter: 10 });
  if (crossBorder.byCountry.length === 0) {
    canvas.paragraph(m.crossBorder.countriesEmpty, { weight: 'semibold' });
  } else {
    const countries = worstCountries(crossBorder.byCountry);
    const maxBytes = Math.max(1, ...countries.shown.map((c) => c.bytes));
    drawTable(canvas, [
      {
        header: m.crossBorder.columns.country,
        width: 26,
        cell: (c) => ({ text: c.country === 'internal' ? m.internalNetwork : f.country(c.country), weight: 'semibold', sub: c.country === 'internal' ? undefined : c.country }),
      },
      { header: m.crossBorder.columns.approved, width: 12, cell: (c) => (c.approved ? { text: m.yes, color: COLORS.positive } : { text: m.no, chip: COLORS.negative }) },
      { header: m.crossBorder.columns.events, width: 14, align: 'right', cell: (c) => f.integer(c.events) },
      { header: m.crossBorder.columns.data, width: 14, align: 'right', cell: (c) => f.bytes(c.bytes) },
      {
        header: '',
        width: 34,
        cell: (c) => ({
          text: '',
          draw: {
            height: 8,
            render: (x, y, w) => {
              canvas.doc.rect(x, y + 1, Math.max(0.8, (c.bytes / maxBytes) * w), 7).fill(c.approved ? '#8fa3b8' : COLORS.negative);
            },
          },
        }),
      },
    ], countries.shown, { more: countries.more && m.crossBorder.countriesMore(countries.more, f) });
  }

  canvas.subheading(m.crossBorder.offshoreHeading, 4);
  if (crossBorder.offshoreIdentities.length === 0) {
    canvas.paragraph(m.crossBorder.offshoreEmpty, { color: COLORS.muted });
  } else {
    const offshore = worstOffshoreIdentities(crossBorder.offshoreIdentities);
    drawTable(canvas, [
      { header: m.crossBorder.offshoreColumns.person, width: 22, cell: (o) => ({ text: o.name, weight: 'semibold' }) },
      { header: m.crossBorder.offshoreColumns.workCountry, width: 16, cell: (o) => f.country(o.workCountry) },
      { header: m.crossBorder.offshoreColumns.entitlements, width: 34, cell: (o) => o.productionEntitlements.join('\n') || m.none },
      {
        header: m.crossBorder.offshoreColumns.approval,
        width: 28,
        cell: (o) =>
          o.approval
            ? o.approvalExpiresAt
              ? m.crossBorder.approvalUntil(o.approval, f.date(o.approvalExpiresAt))
              : o.approval
            : { text: m.crossBorder.noApproval, color: COLORS.negative, weight: 'semibold' },
      },
    ], offshore.shown, { more: offshore.more && m.crossBorder.offshoreMore(offshore.more, f) });
  }

  canvas.subheading(m.crossBorder.bulkHeading, 4);
  if (crossBorder.bulkExtractions.length === 0) {
    canvas.paragraph(m.crossBorder.bulkEmpty, { color: COLORS.muted });
    return;
  }
  const extractions = largestExtractions(crossBorder.bulkExtractions, crossBorder.bulkExtractionTotals);
  drawTable(canvas, [
    { header: m.crossBorder.bulkColumns.principal, width: 24, cell: (b) => ({ text: b.principal, weight: 'semibold', sub: b.credentialExternalId ?? undefined }) },
    { header: m.crossBorder.bulkColumns.started, width: 13, cell: (b) => f.date(b.startedOn) },
    { header: m.crossBorder.bulkColumns.total(f.integer(crossBorder.windowDays)), width: 12, align: 'right', cell: (b) => ({ text: f.bytes(b.totalBytes), color: COLORS.negative, weight: 'semibold' }) },
    { header: m.crossBorder.bulkColumns.peak, width: 11, align: 'right', cell: (b) => f.bytes(b.peakBytes) },
    {
      header: m.crossBorder.bulkColumns.volume,
      width: 40,
      cell: (b) => ({
        text: '',
        draw: { height: 26, render: (x, y, w) => drawVolumeSparkline(canvas.doc, { x, y, width: w, height: 26, series: b.series, color: SEVERITY_COLORS.HIGH }) },
      }),
    },
  ], extractions.shown, { size: TYPE.small, more: extractions.more && m.crossBorder.bulkMore(extractions.more, crossBorder.windowDays, f) });
}
