import { useState } from 'react';
import { useAccess } from '../../app/access/access.context.js';
import { useOrganization } from '../../app/organization.context.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ChartSuspense } from '../../ui/chart-placeholder.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { OVERVIEW_QUERY } from './overview.documents.js';
import { Freshness } from './freshness.js';
import { DomainScoreCard, OverallScoreCard, type OverviewScope } from './score-cards.js';
import { LazyScoreTrendChart } from './overview-charts.lazy.js';
import { SpendGovernance } from './spend-governance.js';
import { TopRisks } from './top-risks.js';

export default function OverviewPage() {
  const { t, fmt, lang } = useI18n();
  const { slug } = useOrganization();
  const query = useQuery(OVERVIEW_QUERY, { org: slug, lang });
  // An engineering lead sees their teams' findings by default; the organisation's counts are one click away.
  const { teamScoped } = useAccess();
  const [leadView, setLeadView] = useState<'teams' | 'organization'>('teams');
  const scope: OverviewScope = teamScoped ? leadView : 'all';
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
            {teamScoped ? (
              <div className="page-actions" style={{ marginBottom: '0.75rem' }} role="group" aria-label={t('overview.scope')} data-testid="overview-scope">
                {(['teams', 'organization'] as const).map((view) => (
                  <button key={view} type="button" className={view === leadView ? 'button' : 'button secondary'} aria-pressed={view === leadView} onClick={() => setLeadView(view)}>
                    {t(view === 'teams' ? 'overview.scopeTeams' : 'overview.scopeOrganization')}
                  </button>
                ))}
              </div>
            ) : null}
            <section aria-label={t('overview.domains')} className="grid grid-4">
              <OverallScoreCard posture={posture} scope={scope} />
              {posture.domains.map((domain) => (
                <DomainScoreCard key={domain.domain} domain={domain} scope={scope} />
              ))}
            </section>
            <div className="grid grid-2 section">
              <ChartSuspense>
                <LazyScoreTrendChart history={scoreHistory} />
              </ChartSuspense>
              <TopRisks risks={posture.topRisks} ofTeams={teamScoped} />
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
