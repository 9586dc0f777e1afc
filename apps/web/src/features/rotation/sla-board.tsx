import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TeamRotationSlaView } from './rotation.documents.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ChartFigure } from '../../ui/chart-figure.js';
import { Empty } from '../../ui/query-state.js';

export function SlaBoard({ rows }: { rows: TeamRotationSlaView[] }) {
  const { t, fmt } = useI18n();
  if (rows.length === 0) {
    return (
      <section className="card">
        <h2>{t('rotation.board')}</h2>
        <Empty>{t('rotation.boardEmpty')}</Empty>
      </section>
    );
  }
  const teamName = (row: TeamRotationSlaView) => row.team?.name ?? t('common.unowned');
  const sorted = [...rows].sort((a, b) => b.overdue - a.overdue || b.maxDaysOverdue - a.maxDaysOverdue);
  const totals = rows.reduce((acc, r) => ({ overdue: acc.overdue + r.overdue, dueSoon: acc.dueSoon + r.dueSoon, worst: Math.max(acc.worst, r.maxDaysOverdue) }), { overdue: 0, dueSoon: 0, worst: 0 });
  const chartRows = sorted.map((r) => ({ team: teamName(r), within: r.withinPolicy, dueSoon: r.dueSoon, overdue: r.overdue }));
  return (
    <div className="grid grid-2">
      <section className="card" aria-labelledby="sla-board-title" data-testid="sla-board">
        <h2 id="sla-board-title">{t('rotation.board')}</h2>
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">{t('rotation.board')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rotation.team')}</th>
                <th scope="col" className="num">{t('rotation.withinPolicy')}</th>
                <th scope="col" className="num">{t('rotation.dueSoon')}</th>
                <th scope="col" className="num">{t('rotation.overdue')}</th>
                <th scope="col" className="num">{t('rotation.maxDaysOverdue')}</th>
                <th scope="col" className="num">{t('rotation.oldestKey')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.team?.id ?? 'unowned'} data-testid="sla-row">
                  <th scope="row">{teamName(r)}</th>
                  <td className="num">{fmt.number(r.withinPolicy)}</td>
                  <td className="num">{r.dueSoon > 0 ? <span className="badge sla-DUE_SOON">{fmt.number(r.dueSoon)}</span> : '0'}</td>
                  <td className="num">{r.overdue > 0 ? <span className="badge sla-OVERDUE">{fmt.number(r.overdue)}</span> : '0'}</td>
                  <td className="num">{r.maxDaysOverdue > 0 ? t('common.days', { n: fmt.number(r.maxDaysOverdue) }) : t('common.dash')}</td>
                  <td className="num">{r.oldestKeyAgeDays === null ? t('common.dash') : t('common.days', { n: fmt.number(r.oldestKeyAgeDays) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <ChartFigure
        title={t('rotation.board')}
        summary={t('rotation.boardSummary', { overdue: totals.overdue, dueSoon: totals.dueSoon, teams: rows.length, worst: fmt.number(totals.worst) })}
        table={{
          caption: t('rotation.board'),
          headers: [t('rotation.team'), t('rotation.withinPolicy'), t('rotation.dueSoon'), t('rotation.overdue')],
          rows: chartRows.map((r) => [r.team, r.within, r.dueSoon, r.overdue]),
        }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={chartRows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="#e3e8ef" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="team" width={110} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="overdue" name={t('rotation.overdue')} stackId="sla" fill="#b3261e" isAnimationActive={false} />
            <Bar dataKey="dueSoon" name={t('rotation.dueSoon')} stackId="sla" fill="#e08a1e" isAnimationActive={false} />
            <Bar dataKey="within" name={t('rotation.withinPolicy')} stackId="sla" fill="#5b9c72" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
    </div>
  );
}
