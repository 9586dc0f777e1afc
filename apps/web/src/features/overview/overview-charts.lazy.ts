import { lazy } from 'react';

// The charting library is the largest dependency: the scores, risks and ratios paint first and
// the charts follow, so the overview's first render needs only the small route chunk.
export const LazyScoreTrendChart = lazy(() => import('./score-trend.chart.js').then((m) => ({ default: m.ScoreTrendChart })));
export const LazySpendScatterChart = lazy(() => import('./spend-scatter.chart.js').then((m) => ({ default: m.SpendScatterChart })));
