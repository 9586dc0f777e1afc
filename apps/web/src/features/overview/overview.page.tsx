import { useOrganization } from '../../app/organization.context.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ChartSuspense } from '../../ui/chart-placeholder.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { OVERVIEW_QUERY } from './overview.documents.js';
import { Freshness } from './freshness.js';
import { DomainScoreCard, OverallScoreCard } from './score-cards.js';
import { LazyScoreTrendChart } from './overview-charts.lazy.js';
import { SpendGovernance } from './spend-governance.js';
import { TopRisks } from './top-risks.js';

export default function OverviewPage() {
  const { t, fmt, lang } = useI18n();
  const { slug } = useOrganization();
  const query = useQuery(OVERVIEW_QUERY, { org: slug, lang });
  return (
    <>
      <PageHeader
        title={t('overview.title')}
        subtitle={query.data ? t('overview.asOf', { org: query.data.posture.organization.name, date: fmt.date(query.data.posture.asOf) }) : undefined}
      />
      <QueryState {...query}>
        {({ posture, scoreHistory }) => (
          <>
            <Freshness evaluatedAt={posture.evaluatedAt} pending={posture.pending} />
            <section aria-label={t('overview.domains')} className="grid grid-4">
              <OverallScoreCard posture={posture} />
              {posture.domains.map((domain) => (
                <DomainScoreCard key={domain.domain} domain={domain} />
              ))}
            </section>
            <div className="grid grid-2 section">
              <ChartSuspense>
                <LazyScoreTrendChart history={scoreHistory} />
              </ChartSuspense>
              <TopRisks risks={posture.topRisks} />
            </div>
            <SpendGovernance
              budget={posture.budget}
              orgName={posture.organization.name}
              overallScore={posture.overallScore}
              overallBand={posture.overallBand}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
