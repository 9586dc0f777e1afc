import { CartesianGrid, Label, type LabelProps, LabelList, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Text, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScoreBand } from '../../data-access/graphql.generated.js';
import type { BudgetRatiosView } from './overview.documents.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ChartFigure } from '../../ui/chart-figure.js';
import { quadrantOf, WEAK_BELOW } from './spend-quadrant.js';

export type SpendBase = 'IT' | 'REVENUE';

/**
 * A quadrant's name inside its area, wrapped at word boundaries to the area's width: at 390 px the two
 * quadrants' one-line names ran into each other.
 */
function quadrantLabel(text: string, fill: string, align: 'start' | 'end') {
  return function QuadrantLabel({ viewBox }: LabelProps) {
    // A reference area's box is cartesian; a polar one (no width) has no area to label.
    const box = viewBox && 'width' in viewBox ? viewBox : null;
    const { x = 0, y = 0, width = 0, height = 0 } = box ?? {};
    if (width < 24) return null;
    return (
      <Text x={align === 'start' ? x + 6 : x + width - 6} y={y + height - 6} width={width - 12} textAnchor={align} verticalAnchor="end" fontSize={11} fill={fill}>
        {text}
      </Text>
    );
  };
}

export function SpendScatterChart({
  budget,
  base,
  orgName,
  overallScore,
  overallBand,
}: {
  budget: BudgetRatiosView;
  base: SpendBase;
  orgName: string;
  overallScore: number | null;
  overallBand: ScoreBand | null;
}) {
  const { t, fmt } = useI18n();
  const ratio = base === 'IT' ? budget.securityToItRatio : budget.securityToRevenueRatio;
  const benchmark = base === 'IT' ? budget.itBenchmark : budget.revenueBenchmark;
  const baseName = t(base === 'IT' ? 'overview.scatterBaseIt' : 'overview.scatterBaseRevenue');
  const digits = benchmark < 0.05 ? 2 : 1;
  const xMax = Math.max(benchmark * 2, (ratio ?? 0) * 1.25);
  const point = ratio !== null && overallScore !== null ? [{ x: ratio, y: overallScore, name: orgName }] : [];
  const quadrant = point.length ? t(quadrantOf(point[0].x, benchmark, point[0].y, overallBand)) : null;
  // Say which half is missing: a year without IT spend (or revenue) has no ratio, whatever the score.
  const summary =
    ratio === null
      ? t('overview.scatterNoRatio', { base: baseName })
      : overallScore === null || quadrant === null
        ? t('overview.scatterNoScore')
        : t('overview.scatterSummary', {
          org: orgName,
          ratio: fmt.percent(ratio, digits),
          base: baseName,
          benchmark: fmt.percent(benchmark, digits - 1),
          score: fmt.score(overallScore),
          quadrant,
        });

  return (
    <ChartFigure
      title={t('overview.scatterTitle')}
      summary={<span data-testid="scatter-summary">{summary}</span>}
      table={{
        caption: t('overview.scatterTitle'),
        headers: ['', t('overview.scatterAxisX', { base: baseName }), t('overview.scatterAxisY')],
        rows: [
          [orgName, ratio === null ? t('common.dash') : fmt.percent(ratio, digits), overallScore === null ? t('overview.notMeasured') : fmt.score(overallScore)],
          [t('overview.benchmark', { value: '' }).trim(), fmt.percent(benchmark, digits), t('common.dash')],
        ],
      }}
      tall
    >
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 16, right: 24, bottom: 24, left: 0 }}>
          <CartesianGrid stroke="#e3e8ef" />
          <ReferenceArea x1={benchmark} x2={xMax} y1={0} y2={WEAK_BELOW} fill="#b3261e" fillOpacity={0.1} ifOverflow="hidden">
            <Label content={quadrantLabel(t('overview.quadrantHighWeak'), '#8c1d17', 'end')} />
          </ReferenceArea>
          <ReferenceArea x1={0} x2={benchmark} y1={0} y2={WEAK_BELOW} fill="#a35a00" fillOpacity={0.07} ifOverflow="hidden">
            <Label content={quadrantLabel(t('overview.quadrantLowWeak'), '#7a4300', 'start')} />
          </ReferenceArea>
          <XAxis
            type="number"
            dataKey="x"
            domain={[0, xMax]}
            tickFormatter={(v: number) => fmt.percent(v, digits > 1 ? 1 : 0)}
            tick={{ fontSize: 11 }}
            name={t('overview.scatterAxisX', { base: baseName })}
          >
            <Label value={t('overview.scatterAxisX', { base: baseName })} position="bottom" offset={6} fontSize={12} />
          </XAxis>
          <YAxis type="number" dataKey="y" domain={[0, 100]} tick={{ fontSize: 11 }} name={t('overview.scatterAxisY')} />
          <ReferenceLine x={benchmark} stroke="#14263d" strokeDasharray="5 4" ifOverflow="extendDomain">
            <Label value={t('overview.benchmark', { value: fmt.percent(benchmark, digits - 1) })} position="top" fontSize={11} fill="#14263d" />
          </ReferenceLine>
          <ReferenceLine y={WEAK_BELOW} stroke="#8896a8" strokeDasharray="2 3" />
          <Tooltip
            cursor={{ strokeDasharray: '3 3' }}
            formatter={(value, name) => [name === 'x' || String(name).includes('%') ? fmt.percent(Number(value), digits) : fmt.number(Number(value)), String(name)]}
          />
          <Scatter data={point} name={orgName} fill="#b3261e" shape="circle" isAnimationActive={false}>
            <LabelList dataKey="name" position="right" fontSize={12} fill="#14263d" />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
