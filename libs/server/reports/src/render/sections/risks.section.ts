import { worstTeams } from '../../summary/bounded-lists.js';
import { drawStackedBar } from '../charts/bar-charts.js';
import { drawTable } from '../pdf-table.js';
import type { ReportCanvas } from '../report-canvas.js';
import { COLORS, SEVERITY_COLORS, SLA_COLORS, TYPE } from '../theme.js';

/** The worst open findings with owner, age and due date; then key rotation status of the teams most overdue. */
export function drawRisksSection(canvas: ReportCanvas): void {
  const { data, m, f } = canvas;
  const asOf = new Date(data.asOf).getTime();
  canvas.section(m.sections.risks);
  canvas.paragraph(m.risks.intro, { color: COLORS.muted, gapAfter: 10 });
  if (data.topRisks.length === 0) {
    canvas.paragraph(m.risks.empty, { weight: 'semibold' });
  } else {
    drawTable(canvas, [
      { header: m.risks.columns.rank, width: 4, cell: (_, i) => ({ text: String(i + 1), weight: 'semibold', color: COLORS.muted }) },
      {
        header: m.risks.columns.risk,
        width: 44,
        cell: (r) => {
          const status = r.status === null ? m.risks.notTracked : (m.findingStatuses[r.status] ?? r.status);
          return { text: r.title, weight: 'semibold', sub: `${m.findingKinds[r.kind]} · ${status}` };
        },
      },
      { header: m.risks.columns.severity, width: 11, cell: (r) => ({ text: m.severities[r.severity], chip: SEVERITY_COLORS[r.severity] }) },
      { header: m.risks.columns.owner, width: 16, cell: (r) => (r.ownerTeam ? r.ownerTeam : { text: m.unowned, color: COLORS.negative }) },
      { header: m.risks.columns.age, width: 10, align: 'right', cell: (r) => (r.ageDays === null ? '—' : m.risks.ageDays(f.integer(r.ageDays))) },
      {
        header: m.risks.columns.due,
        width: 15,
        align: 'right',
        cell: (r) => {
          if (!r.dueAt) return '—';
          const overdue = new Date(r.dueAt).getTime() < asOf;
          return overdue ? { text: f.date(r.dueAt), color: COLORS.negative, weight: 'semibold', sub: m.risks.overdue } : f.date(r.dueAt);
        },
      },
    ], data.topRisks);
  }

  canvas.heading(m.sections.rotation);
  canvas.paragraph(m.rotation.intro, { color: COLORS.muted, gapAfter: 10 });
  if (data.rotationSla.length === 0) {
    canvas.paragraph(m.rotation.empty, { weight: 'semibold' });
    return;
  }
  // The worst teams, then one line for the rest; the total row still counts every team.
  const teams = worstTeams(data.rotationSla);
  const sum = (key: 'withinPolicy' | 'dueSoon' | 'overdue') => data.rotationSla.reduce((total, t) => total + t[key], 0);
  const days = (n: number | null) => (n === null ? '—' : m.rotation.days(f.integer(n)));
  drawTable(
    canvas,
    [
      { header: m.rotation.columns.team, width: 22, cell: (t) => (t.team ? { text: t.team, weight: 'semibold' } : { text: m.unowned, weight: 'semibold', color: COLORS.negative }) },
      {
        header: '',
        width: 20,
        cell: (t) => ({
          text: '',
          draw: {
            height: 8,
            render: (x, y, w) =>
              drawStackedBar(canvas.doc, {
                x,
                y: y + 1,
                width: w,
                height: 7,
                parts: [
                  { value: t.withinPolicy, color: SLA_COLORS.withinPolicy },
                  { value: t.dueSoon, color: SLA_COLORS.dueSoon },
                  { value: t.overdue, color: SLA_COLORS.overdue },
                ],
              }),
          },
        }),
      },
      { header: m.rotation.columns.withinPolicy, width: 11, align: 'right', cell: (t) => ({ text: f.integer(t.withinPolicy), color: SLA_COLORS.withinPolicy, weight: 'semibold' }) },
      { header: m.rotation.columns.dueSoon, width: 10, align: 'right', cell: (t) => ({ text: f.integer(t.dueSoon), color: t.dueSoon > 0 ? '#a37410' : COLORS.muted, weight: 'semibold' }) },
      { header: m.rotation.columns.overdue, width: 10, align: 'right', cell: (t) => ({ text: f.integer(t.overdue), color: t.overdue > 0 ? COLORS.negative : COLORS.muted, weight: 'semibold' }) },
      { header: m.rotation.columns.maxDaysOverdue, width: 13, align: 'right', cell: (t) => (t.overdue > 0 ? days(t.maxDaysOverdue) : '—') },
      { header: m.rotation.columns.oldestKey, width: 14, align: 'right', cell: (t) => days(t.oldestKeyAgeDays) },
    ],
    teams.shown,
    {
      more: teams.more && m.rotation.more(teams.more, f),
      footer: [
        m.rotation.total,
        '',
        f.integer(sum('withinPolicy')),
        f.integer(sum('dueSoon')),
        { text: f.integer(sum('overdue')), color: sum('overdue') > 0 ? COLORS.negative : COLORS.ink },
        days(Math.max(...data.rotationSla.map((t) => t.maxDaysOverdue))),
        days(Math.max(...data.rotationSla.map((t) => t.oldestKeyAgeDays ?? 0))),
      ],
      size: TYPE.small,
    },
  );
}
