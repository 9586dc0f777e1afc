import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BurndownPointView } from './rotation.documents.js';
import { useAccess } from '../../app/access/access.context.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ChartFigure } from '../../ui/chart-figure.js';
import { Empty } from '../../ui/query-state.js';

export function BurndownChart({ points }: { points: BurndownPointView[] }) {
  const { t, fmt } = useI18n();
  // The server counts an engineering lead's teams only: the title says whose keys these are.
  const { teamScoped } = useAccess();
  const sorted = [...points].sort((a, b) => a.weekOf.localeCompare(b.weekOf));
  if (sorted.length === 0) {
    return (
      <section className="card">
        <h2>{t('rotation.burndown')}</h2>
        <Empty>{t('rotation.burndownEmpty')}</Empty>
      </section>
    );
  }
  const rows = sorted.map((p) => ({ week: fmt.shortDate(p.weekOf), overdue: p.overdue }));
  return (
    <ChartFigure
      title={`${t('rotation.burndown')} · ${t(teamScoped ? 'rotation.burndownYourTeams' : 'rotation.burndownOrgWide')}`}
      summary={t('rotation.burndownSummary', { first: sorted[0].overdue, last: sorted[sorted.length - 1].overdue, weeks: sorted.length })}
      table={{ caption: t('rotation.burndown'), headers: [t('rotation.weekOf'), t('rotation.overdueKeys')], rows: sorted.map((p) => [fmt.date(p.weekOf), p.overdue]) }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="#e3e8ef" vertical={false} />
          <XAxis dataKey="week" tick={{ fontSize: 11 }} minTickGap={20} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Area type="stepAfter" dataKey="overdue" name={t('rotation.overdueKeys')} stroke="#b3261e" fill="#b3261e" fillOpacity={0.15} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
