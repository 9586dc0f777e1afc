import { useParams } from 'react-router';
import { PageLink } from '../../app/access/page-link.js';
import { useOrganization } from '../../app/organization.context.js';
import { SCORE_DOMAINS } from '../../data-access/enum-order.js';
import type { ScoreDomain } from '../../data-access/graphql.generated.js';
import type { ExplainedDomain, ExplainedPosture } from './score.documents.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { isMessageKey } from '../../i18n/messages.js';
import { BandBadge, ChangeIndicator, SeverityBadge } from '../../ui/badges.js';
import { DataTable } from '../../ui/data-table.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, QueryState } from '../../ui/query-state.js';
import { ScoreTrendChart } from '../overview/score-trend.chart.js';
import { Freshness } from '../overview/freshness.js';
import { ExplanationTerms } from './explanation-terms.js';
import { SCORE_EXPLANATION_QUERY } from './score.documents.js';

/** DETECTION: the median days to detect over its period, beside the score (not a term of it). */
function DaysToDetect({ summary }: { summary: NonNullable<ExplainedDomain['daysToDetect']> }) {
  const { t, fmt } = useI18n();
  const period = { from: fmt.date(summary.from), to: fmt.date(summary.to) };
  return (
    <section className="card section" aria-labelledby="days-to-detect-title" data-testid="days-to-detect">
      <h2 id="days-to-detect-title">{t('score.daysToDetect')}</h2>
      <p>
        {summary.medianDays === null
          ? t('score.daysToDetectNone', period)
          : t('score.daysToDetectMedian', { days: fmt.number(summary.medianDays, 1), count: summary.detected, ...period })}
      </p>
      {summary.notDetectedYet > 0 ? <p className="notice warn">{t('score.daysToDetectMissed', { count: summary.notDetectedYet, to: period.to })}</p> : null}
      <p className="small muted">{t('score.daysToDetectNote')}</p>
    </section>
  );
}

const isDomain = (value: string | undefined): value is ScoreDomain => SCORE_DOMAINS.some((d) => d === value);

function DomainExplanation({ domain }: { domain: ExplainedDomain }) {
  const { t, fmt } = useI18n();
  const subjects = new Map(domain.contributions.map((c) => [c.fingerprint, c.subjectName]));
  return (
    <>
      {domain.explanation && domain.score !== null ? (
        <section className="card" aria-labelledby="terms-title">
          <h2 id="terms-title">{t('score.explanation')}</h2>
          <ExplanationTerms terms={domain.explanation.terms} score={domain.score} metrics={domain.metrics} subjects={subjects} />
        </section>
      ) : null}
      {domain.daysToDetect ? <DaysToDetect summary={domain.daysToDetect} /> : null}
      {domain.domain === 'DETECTION' && !domain.daysToDetect ? <p className="small muted">{t('score.daysToDetectUnknown')}</p> : null}
      <section className="card section" aria-labelledby="metrics-title">
        <h2 id="metrics-title">{t('score.metrics')}</h2>
        {domain.measured ? null : <p className="notice warn">{t('overview.notMeasuredWhy', { reason: domain.notMeasuredReason ?? t('common.dash') })}</p>}
        {domain.metrics.length === 0 ? (
          <Empty />
        ) : (
          <DataTable
            caption={t('score.metrics')}
            rowKey={(m) => m.name}
            rows={domain.metrics}
            columns={[
              {
                id: 'name',
                header: t('score.metric'),
                // The metric in the reader's words; the API's English description only where the catalogue has none.
                cell: (m) => {
                  const key = `metric.${m.name}`;
                  return isMessageKey(key) ? <strong>{t(key)}</strong> : <><strong>{m.name}</strong><div className="small muted">{m.description}</div></>;
                },
              },
              { id: 'value', header: t('score.value'), numeric: true, cell: (m) => (m.value === null ? t('common.dash') : fmt.number(m.value, 3)), sortValue: (m) => m.value ?? -1 },
              { id: 'weight', header: t('score.weight'), numeric: true, cell: (m) => fmt.number(m.weight, 2), sortValue: (m) => m.weight },
              { id: 'points', header: t('score.points'), numeric: true, cell: (m) => `${fmt.score(m.points)} / ${fmt.score(m.maxPoints)}`, sortValue: (m) => m.points },
            ]}
          />
        )}
      </section>
      <section className="card section" aria-labelledby="contrib-title">
        <h2 id="contrib-title">{t('score.contributions')}</h2>
        {domain.contributions.length === 0 ? (
          <Empty>{t('score.contributionsEmpty')}</Empty>
        ) : (
          <DataTable
            caption={t('score.contributions')}
            rowKey={(c) => c.fingerprint}
            rows={domain.contributions}
            initialSort={{ id: 'points', direction: 'ascending' }}
            columns={[
              { id: 'subject', header: t('score.subject'), cell: (c) => (c.findingId ? <PageLink to={`/findings/${c.findingId}`}>{c.subjectName}</PageLink> : c.subjectName), sortValue: (c) => c.subjectName },
              {
                id: 'kind',
                header: t('score.kind'),
                cell: (c) => (
                  <>
                    {t(`kind.${c.kind}`)}
                    {c.domain !== domain.domain ? <div className="small muted">{t('score.otherDomain', { domain: t(`domain.${c.domain}`) })}</div> : null}
                  </>
                ),
                sortValue: (c) => c.kind,
              },
              { id: 'severity', header: t('score.severity'), cell: (c) => <SeverityBadge severity={c.severity} />, sortValue: (c) => SEVERITY_RANK[c.severity] },
              { id: 'points', header: t('score.points'), numeric: true, cell: (c) => fmt.signed(c.points, 2), sortValue: (c) => c.points },
            ]}
          />
        )}
        {domain.omittedContributions.count > 0 ? (
          <p className="small muted">{t('score.omitted', { count: domain.omittedContributions.count, points: fmt.signed(domain.omittedContributions.points, 2) })}</p>
        ) : null}
        <p>
          <PageLink to={`/findings?domain=${domain.domain}`} unlinked={null}>{t('score.seeFindings', { domain: t(`domain.${domain.domain}`) })}</PageLink>
        </p>
      </section>
    </>
  );
}

const SEVERITY_RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;

function OverallExplanation({ domains, explanation, score }: { domains: ExplainedDomain[]; explanation: ExplainedPosture['explanation']; score: number | null }) {
  const { t, fmt } = useI18n();
  const measured = domains.filter((d) => d.measured);
  const total = measured.length;
  const weights = new Map(
    (explanation?.terms ?? []).flatMap((term) => {
      const domain = measured.find((d) => d.domain === term.domain);
      // The weight share each domain carried: its term over its score (the API's terms are score × share).
      return term.domain && domain?.score ? [[term.domain, fmt.percent(term.points / domain.score, 0)] as const] : [];
    }),
  );
  return (
    <section className="card" aria-labelledby="domains-title">
      <h2 id="domains-title">{t('overview.domains')}</h2>
      <p className="muted">{t('score.overallIntro')}</p>
      {explanation && score !== null && total > 0 ? <ExplanationTerms terms={explanation.terms} score={score} domains={domains} weights={weights} /> : null}
      <DataTable
        caption={t('overview.domains')}
        rowKey={(d) => d.domain}
        rows={domains}
        columns={[
          { id: 'domain', header: t('score.domain'), cell: (d) => <PageLink to={`/score/${d.domain}`}>{t(`domain.${d.domain}`)}</PageLink> },
          { id: 'score', header: t('score.score'), numeric: true, cell: (d) => (d.score === null ? t('overview.notMeasured') : fmt.score(d.score)) },
          { id: 'band', header: t('score.band'), cell: (d) => <BandBadge band={d.band} /> },
          { id: 'change', header: t('score.change'), cell: (d) => <ChangeIndicator change={d.change} /> },
          { id: 'why', header: t('common.details'), cell: (d) => (d.measured ? t('overview.openFindings', { total: d.findingCounts.total, critical: d.findingCounts.critical, high: d.findingCounts.high }) : d.notMeasuredReason) },
        ]}
      />
    </section>
  );
}

export default function ScoreExplanationPage() {
  const { t, fmt } = useI18n();
  const { slug } = useOrganization();
  const params = useParams();
  const query = useQuery(SCORE_EXPLANATION_QUERY, { org: slug });
  const domainParam = params['domain'];
  if (domainParam !== undefined && !isDomain(domainParam)) return <PageHeader title={t('score.unknownDomain')} />;
  const title = domainParam ? `${t('score.title')}: ${t(`domain.${domainParam}`)}` : `${t('score.title')}: ${t('overview.overallScore')}`;
  return (
    <>
      <PageHeader title={title} subtitle={<PageLink to="/">{t('score.backToOverview')}</PageLink>} />
      <QueryState {...query}>
        {({ posture, scoreHistory }) => {
          const domain = posture.domains.find((d) => d.domain === domainParam);
          const score = domainParam ? domain?.score : posture.overallScore;
          return (
            <>
              <p className="big-number" data-testid="explained-score">
                {score === null || score === undefined ? t('overview.notMeasured') : fmt.score(score)}{' '}
                <BandBadge band={domainParam ? (domain?.band ?? null) : posture.overallBand} />
              </p>
              <p className="muted">{domainParam ? t('score.domainIntro') : null}</p>
              <Freshness evaluatedAt={posture.evaluatedAt} pending={posture.pending} />
              {domainParam ? domain ? <DomainExplanation domain={domain} /> : <Empty /> : <OverallExplanation domains={posture.domains} explanation={posture.explanation} score={posture.overallScore} />}
              <div className="section">
                <ScoreTrendChart history={scoreHistory} only={domainParam} />
              </div>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
