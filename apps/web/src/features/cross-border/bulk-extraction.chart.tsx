import { Link } from 'react-router';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BulkExtractionView } from './cross-border.documents.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ChartFigure } from '../../ui/chart-figure.js';

export function BulkExtractionChart({ extraction }: { extraction: BulkExtractionView }) {
  const { t, fmt } = useI18n();
  const series = [...extraction.series].sort((a, b) => a.day.localeCompare(b.day));
  const baselines = series.map((p) => p.baseline).filter((b): b is number => b !== null && b > 0);
  const baseline = baselines.length ? baselines[baselines.length - 1] : null;
  const summary = baseline
    ? t('crossBorder.bulkSummary', { principal: extraction.principal, peak: fmt.bytes(extraction.peakBytes), ratio: fmt.number(extraction.peakBytes / baseline, 1), baseline: fmt.bytes(baseline) })
    : t('crossBorder.bulkSummaryNoBaseline', { principal: extraction.principal, peak: fmt.bytes(extraction.peakBytes) });
  return (
    <ChartFigure
      title={t('crossBorder.bulkTitle', { principal: extraction.principal, date: fmt.date(extraction.startedOn) })}
      summary={
        <>
          {summary} <Link to={`/findings/${extraction.findingId}`}>{t('people.openFinding')}</Link>
        </>
      }
      table={{
        caption: t('crossBorder.bulk'),
        headers: [t('crossBorder.day'), t('crossBorder.volume'), t('crossBorder.baseline')],
        rows: series.map((p) => [fmt.date(p.day), fmt.bytes(p.bytes), p.baseline === null ? t('common.dash') : fmt.bytes(p.baseline)]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={series.map((p) => ({ day: fmt.shortDate(p.day), bytes: p.bytes, baseline: p.baseline }))} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e3e8ef" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={20} />
          <YAxis tickFormatter={(v: number) => fmt.bytes(v)} tick={{ fontSize: 11 }} width={70} />
          <Tooltip formatter={(v) => fmt.bytes(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="bytes" name={t('crossBorder.volume')} stroke="#b3261e" strokeWidth={2.5} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="baseline" name={t('crossBorder.baseline')} stroke="#14263d" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
