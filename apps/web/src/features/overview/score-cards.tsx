import { PageLink } from '../../app/access/page-link.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { BandBadge, ChangeIndicator } from '../../ui/badges.js';
import type { OverviewData, OverviewDomain } from './overview.documents.js';

export function OverallScoreCard({ posture }: { posture: OverviewData['posture'] }) {
  const { t, fmt } = useI18n();
  const counts = posture.findingCounts;
  return (
    <section className="card overall-card" aria-labelledby="overall-score-title" data-testid="overall-score">
      <h2 id="overall-score-title">{t('overview.overallScore')}</h2>
      {posture.overallScore === null ? (
        <p className="mid-number muted">{t('overview.notMeasured')}</p>
      ) : (
        <p className="big-number" style={{ margin: '0.25rem 0' }}>
          <PageLink to="/score" className="number-link" aria-label={`${t('overview.explainOverall')}: ${fmt.score(posture.overallScore)}`} data-testid="overall-score-value">
            {fmt.score(posture.overallScore)}
          </PageLink>
          <span className="muted small"> / 100</span>
        </p>
      )}
      <p style={{ margin: '0.25rem 0' }}>
        <BandBadge band={posture.overallBand} /> <ChangeIndicator change={posture.overallChange} />
      </p>
      <p className="small muted" style={{ margin: 0 }}>
        <PageLink to="/findings?status=OPEN">{t('overview.openFindings', { total: counts.total, critical: counts.critical, high: counts.high })}</PageLink>
      </p>
    </section>
  );
}

export function DomainScoreCard({ domain }: { domain: OverviewDomain }) {
  const { t, fmt } = useI18n();
  const name = t(`domain.${domain.domain}`);
  return (
    <section className="card" aria-label={name} data-testid={`domain-${domain.domain}`}>
      <h3>{name}</h3>
      {domain.measured && domain.score !== null ? (
        <>
          <p className="mid-number" style={{ margin: '0.25rem 0' }}>
            <PageLink to={`/score/${domain.domain}`} className="number-link" aria-label={`${t('overview.explainScore', { domain: name })}: ${fmt.score(domain.score)}`}>
              {fmt.score(domain.score)}
            </PageLink>
          </p>
          <p style={{ margin: '0.25rem 0' }}>
            <BandBadge band={domain.band} /> <ChangeIndicator change={domain.change} />
          </p>
          <p className="small" style={{ margin: 0 }}>
            <PageLink to={`/findings?domain=${domain.domain}`}>
              {t('overview.openFindings', { total: domain.findingCounts.total, critical: domain.findingCounts.critical, high: domain.findingCounts.high })}
            </PageLink>
          </p>
        </>
      ) : (
        <>
          <p className="mid-number muted" style={{ margin: '0.25rem 0' }}>
            <PageLink to={`/score/${domain.domain}`} className="number-link">
              {t('overview.notMeasured')}
            </PageLink>
          </p>
          <p className="small muted" style={{ margin: 0 }}>
            {t('overview.notMeasuredWhy', { reason: domain.notMeasuredReason ?? t('common.dash') })}
          </p>
        </>
      )}
    </section>
  );
}
