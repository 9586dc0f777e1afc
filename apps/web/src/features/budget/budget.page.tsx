import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAccess } from '../../app/access/access.context.js';
import { useOrganization } from '../../app/organization.context.js';
import type { BudgetView } from './budget.documents.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ChartFigure } from '../../ui/chart-figure.js';
import { BenchmarkBadge } from '../../ui/badges.js';
import { DataTable } from '../../ui/data-table.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, QueryState } from '../../ui/query-state.js';
import { BudgetForm } from './budget-form.js';
import { BUDGET_QUERY, SET_BUDGET } from './budget.documents.js';

// The contract's defaults, used until the API reports the organization's own benchmarks.
const DEFAULT_IT_BENCHMARK = 0.1;
const DEFAULT_REVENUE_BENCHMARK = 0.01;

export default function BudgetPage() {
  const { t, fmt } = useI18n();
  const { slug } = useOrganization();
  const query = useQuery(BUDGET_QUERY, { org: slug });
  const [editing, setEditing] = useState<BudgetView | undefined>();
  const mayEdit = useAccess().can(SET_BUDGET);
  const ratio = (value: number | null, digits = 1) => (value === null ? t('common.dash') : fmt.percent(value, digits));

  return (
    <>
      <PageHeader title={t('budget.title')} subtitle={t('budget.subtitle')} />
      <QueryState {...query}>
        {({ budgets, organization, posture }) => {
          const itBenchmark = posture.budget?.itBenchmark ?? DEFAULT_IT_BENCHMARK;
          const revenueBenchmark = posture.budget?.revenueBenchmark ?? DEFAULT_REVENUE_BENCHMARK;
          const years = [...budgets].sort((a, b) => a.fiscalYear - b.fiscalYear);
          const latest = years[years.length - 1];
          return (
            <>
              <p className="muted">{t('budget.benchmarks', { it: fmt.percent(itBenchmark, 0), revenue: fmt.percent(revenueBenchmark, 1) })}</p>
              <section className="card" aria-labelledby="budget-years-title">
                <h2 id="budget-years-title">{t('budget.years')}</h2>
                {years.length === 0 ? (
                  <Empty>{t('budget.empty')}</Empty>
                ) : (
                  <DataTable
                    caption={t('budget.years')}
                    testId="budget-table"
                    rowKey={(b) => String(b.fiscalYear)}
                    rows={years}
                    initialSort={{ id: 'year', direction: 'descending' }}
                    columns={[
                      { id: 'year', header: t('budget.fiscalYear'), cell: (b) => b.fiscalYear, sortValue: (b) => b.fiscalYear },
                      { id: 'security', header: t('budget.securitySpend'), numeric: true, cell: (b) => fmt.currency(b.securitySpend, b.currency) },
                      { id: 'it', header: t('budget.itSpend'), numeric: true, cell: (b) => fmt.currency(b.itSpend, b.currency) },
                      { id: 'revenue', header: t('budget.revenue'), numeric: true, cell: (b) => fmt.currency(b.revenue, b.currency) },
                      {
                        id: 'itRatio',
                        header: t('budget.securityToIt'),
                        numeric: true,
                        cell: (b) => <BenchmarkBadge status={b.itStatus}>{ratio(b.securityToItRatio)}</BenchmarkBadge>,
                      },
                      {
                        id: 'revRatio',
                        header: t('budget.securityToRevenue'),
                        numeric: true,
                        cell: (b) => <BenchmarkBadge status={b.revenueStatus}>{ratio(b.securityToRevenueRatio, 2)}</BenchmarkBadge>,
                      },
                      ...(mayEdit
                        ? [{ id: 'edit', header: '', cell: (b: BudgetView) => <button type="button" className="button-link" onClick={() => setEditing(b)} aria-label={`${t('budget.editYear')} ${b.fiscalYear}`}>{t('budget.editYear')}</button> }]
                        : []),
                    ]}
                  />
                )}
              </section>
              <div className="grid grid-2 section">
                {mayEdit ? <BudgetForm org={slug} editing={editing} currency={organization.currency} onSaved={query.refetch} /> : null}
                {latest ? (
                  <ChartFigure
                    title={t('budget.history')}
                    summary={t('budget.historySummary', { year: latest.fiscalYear, it: ratio(latest.securityToItRatio), revenue: ratio(latest.securityToRevenueRatio, 2) })}
                    table={{
                      caption: t('budget.history'),
                      headers: [t('budget.fiscalYear'), t('budget.securityToIt'), t('budget.securityToRevenue')],
                      rows: years.map((b) => [b.fiscalYear, ratio(b.securityToItRatio), ratio(b.securityToRevenueRatio, 2)]),
                    }}
                  >
                    <ResponsiveContainer width="100%" height="100%">
                      <BarChart data={years.map((b) => ({ year: String(b.fiscalYear), it: b.securityToItRatio }))} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
                        <CartesianGrid stroke="#e3e8ef" vertical={false} />
                        <XAxis dataKey="year" tick={{ fontSize: 11 }} />
                        <YAxis tickFormatter={(v: number) => fmt.percent(v, 0)} domain={[0, (max: number) => Math.max(max, itBenchmark) * 1.15]} tick={{ fontSize: 11 }} />
                        <Tooltip formatter={(v) => fmt.percent(Number(v))} />
                        <Legend wrapperStyle={{ fontSize: 12 }} />
                        <ReferenceLine y={itBenchmark} stroke="#14263d" strokeDasharray="5 4" label={{ value: t('overview.benchmark', { value: fmt.percent(itBenchmark, 0) }), fontSize: 11, position: 'insideTopRight' }} />
                        <Bar dataKey="it" name={t('budget.securityToIt')} fill="#1f5fbf" isAnimationActive={false} />
                      </BarChart>
                    </ResponsiveContainer>
                  </ChartFigure>
                ) : null}
              </div>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
