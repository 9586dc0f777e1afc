import { PageLink } from '../../app/access/page-link.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { BandBadge, ChangeIndicator } from '../../ui/badges.js';
import type { OverviewData, OverviewDomain } from './overview.documents.js';

/**
 * `scope`: whose findings the card counts. An engineering lead's default is their teams' (what their findings
 * list holds, linked); the organisation's count is then a number only (their list shows their teams').
 */
export function OverallScoreCard({ posture, scope }: { posture: OverviewData['posture']; scope: OverviewScope }) {
  const { t, fmt } = useI18n();
  const teamCounts = scope === 'teams' ? posture.teamFindingCounts : null;
  const counts = teamCounts ?? posture.findingCounts;
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
        {teamCounts ? (
          <PageLink to="/findings?status=OPEN" data-testid="team-open-findings">
            {t('overview.teamOpenFindings', { total: counts.total, critical: counts.critical, high: counts.high })}
          </PageLink>
        ) : scope === 'organization' ? (
          <span data-testid="org-open-findings">{t('overview.orgOpenFindings', { total: counts.total, critical: counts.critical, high: counts.high })}</span>
        ) : (
          <PageLink to="/findings?status=OPEN">{t('overview.openFindings', { total: counts.total, critical: counts.critical, high: counts.high })}</PageLink>
        )}
      </p>
    </section>
  );
}

/** Whose findings the overview counts: the organisation's (every organisation-wide role), or a lead's teams' or organisation. */
export type OverviewScope = 'all' | 'teams' | 'organization';

/** `scope`: a domain's counts are the organisation's; for a lead they are shown unlinked in the organisation view only. */
export function DomainScoreCard({ domain, scope }: { domain: OverviewDomain; scope: OverviewScope }) {
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
          {scope === 'teams' ? null : (
            <p className="small" style={{ margin: 0 }}>
              {scope === 'organization' ? (
                t('overview.openFindings', { total: domain.findingCounts.total, critical: domain.findingCounts.critical, high: domain.findingCounts.high })
              ) : (
                <PageLink to={`/findings?domain=${domain.domain}`}>
                  {t('overview.openFindings', { total: domain.findingCounts.total, critical: domain.findingCounts.critical, high: domain.findingCounts.high })}
                </PageLink>
              )}
            </p>
          )}
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
