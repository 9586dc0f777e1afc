import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SCORE_DOMAINS } from '../../data-access/enum-order.js';
import type { ScoreDomain } from '../../data-access/graphql.generated.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ChartFigure } from '../../ui/chart-figure.js';
import { Empty } from '../../ui/query-state.js';
import { DOMAIN_COLORS, DOMAIN_DASHES } from './domain-colors.js';
import type { TrendSnapshot } from './overview.documents.js';

type Series = ScoreDomain | 'OVERALL';

export function ScoreTrendChart({ history, only }: { history: TrendSnapshot[]; only?: ScoreDomain }) {
  const { t, fmt } = useI18n();
  const snapshots = [...history].sort((a, b) => a.asOf.localeCompare(b.asOf));
  if (snapshots.length === 0) {
    return (
      <section className="card">
        <h2>{t('overview.trend')}</h2>
        <Empty>{t('overview.trendEmpty')}</Empty>
      </section>
    );
  }
  const series: Series[] = only ? [only] : ['OVERALL', ...SCORE_DOMAINS];
  const label = (s: Series) => (s === 'OVERALL' ? t('overview.overall') : t(`domain.${s}`));
  const valueOf = (snapshot: TrendSnapshot, s: Series): number | null =>
    s === 'OVERALL' ? snapshot.overallScore : (snapshot.domains.find((d) => d.domain === s && d.measured)?.score ?? null);
  const rows = snapshots.map((snapshot) => ({
    week: fmt.shortDate(snapshot.asOf),
    ...Object.fromEntries(series.map((s) => [s, valueOf(snapshot, s)])),
  }));
  const first = valueOf(snapshots[0], series[0]);
  const last = valueOf(snapshots[snapshots.length - 1], series[0]);
  const show = (v: number | null) => (v === null ? t('overview.notMeasured') : fmt.score(v));

  return (
    <ChartFigure
      title={only ? `${t('overview.trend')} · ${label(only)}` : t('overview.trend')}
      summary={t('overview.trendSummary', { series: label(series[0]!), first: show(first), last: show(last), weeks: snapshots.length })}
      table={{
        caption: t('overview.trend'),
        headers: [t('overview.week'), ...series.map(label)],
        rows: snapshots.map((snapshot) => [fmt.date(snapshot.asOf), ...series.map((s) => show(valueOf(snapshot, s)))]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="#e3e8ef" vertical={false} />
          <XAxis dataKey="week" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Line
              key={s}
              type="monotone"
              dataKey={s}
              name={label(s)}
              stroke={DOMAIN_COLORS[s]}
              strokeDasharray={DOMAIN_DASHES[s]}
              strokeWidth={s === 'OVERALL' || only ? 3 : 1.75}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
