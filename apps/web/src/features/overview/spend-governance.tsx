import { useState } from 'react';
import { PageLink } from '../../app/access/page-link.js';
import type { BenchmarkStatus, ScoreBand } from '../../data-access/graphql.generated.js';
import { BenchmarkBadge } from '../../ui/badges.js';
import type { BudgetRatiosView } from './overview.documents.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { Empty } from '../../ui/query-state.js';
import { ChartSuspense } from '../../ui/chart-placeholder.js';
import { LazySpendScatterChart } from './overview-charts.lazy.js';
import type { SpendBase } from './spend-scatter.chart.js';

function RatioCard({ title, ratio, benchmark, status, testId }: { title: string; ratio: number | null; benchmark: number; status: BenchmarkStatus | null; testId: string }) {
  const { t, fmt } = useI18n();
  return (
    <section className="card ratio-card" aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      <p className="big-number" style={{ margin: '0.25rem 0' }}>
        <PageLink to="/budget" className="number-link" data-testid={`${testId}-value`}>
          {ratio === null ? t('common.dash') : fmt.percent(ratio)}
        </PageLink>
      </p>
      <p style={{ margin: 0 }}>
        <span data-testid={`${testId}-status`}>
          <BenchmarkBadge status={status} />
        </span>{' '}
        <span className="small muted">{t('overview.benchmark', { value: fmt.percent(benchmark, benchmark < 0.05 ? 1 : 0) })}</span>
      </p>
    </section>
  );
}

export function SpendGovernance({
  budget,
  orgName,
  overallScore,
  overallBand,
}: {
  budget: BudgetRatiosView | null;
  orgName: string;
  overallScore: number | null;
  overallBand: ScoreBand | null;
}) {
  const { t, fmt } = useI18n();
  const [base, setBase] = useState<SpendBase>('IT');
  return (
    <section className="section" aria-labelledby="spend-title" data-testid="spend-governance">
      <h2 id="spend-title">{t('overview.spendVsGovernance')}</h2>
      <p className="muted small">{t('overview.spendIntro')}</p>
      {budget === null ? (
        <Empty>
          {t('overview.budgetMissing')} <PageLink to="/budget">{t('overview.recordBudget')}</PageLink>
        </Empty>
      ) : (
        <div className="grid grid-2">
          <div className="grid" style={{ alignContent: 'start' }}>
            <p className="small muted" style={{ margin: 0 }}>
              {t('overview.fiscalYear', { year: budget.fiscalYear })} ·{' '}
              {t('overview.amounts', {
                security: fmt.compactCurrency(budget.securitySpend, budget.currency),
                it: fmt.compactCurrency(budget.itSpend, budget.currency),
                revenue: fmt.compactCurrency(budget.revenue, budget.currency),
              })}
            </p>
            <RatioCard title={t('overview.securityToIt')} ratio={budget.securityToItRatio} benchmark={budget.itBenchmark} status={budget.itStatus} testId="ratio-it" />
            <RatioCard
              title={t('overview.securityToRevenue')}
              ratio={budget.securityToRevenueRatio}
              benchmark={budget.revenueBenchmark}
              status={budget.revenueStatus}
              testId="ratio-revenue"
            />
            <label className="inline-field">
              <span>{t('overview.scatterMeasure')}</span>
              <select value={base} onChange={(e) => setBase(e.target.value as SpendBase)}>
                <option value="IT">{t('overview.securityToIt')}</option>
                <option value="REVENUE">{t('overview.securityToRevenue')}</option>
              </select>
            </label>
          </div>
          <ChartSuspense tall>
            <LazySpendScatterChart budget={budget} base={base} orgName={orgName} overallScore={overallScore} overallBand={overallBand} />
          </ChartSuspense>
        </div>
      )}
    </section>
  );
}
