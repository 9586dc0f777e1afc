import { PageLink } from '../../app/access/page-link.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { SeverityBadge } from '../../ui/badges.js';
import { Empty } from '../../ui/query-state.js';
import type { OverviewRisk } from './overview.documents.js';

/** `ofTeams`: an engineering lead's top risks are always their teams' (the server scopes them). */
export function TopRisks({ risks, ofTeams = false }: { risks: OverviewRisk[]; ofTeams?: boolean }) {
  const { t, fmt } = useI18n();
  return (
    <section className="card" aria-labelledby="top-risks-title" data-testid="top-risks">
      <div className="card-header">
        <h2 id="top-risks-title">{t(ofTeams ? 'overview.topRisksOfTeams' : 'overview.topRisks')}</h2>
        <PageLink to="/findings" className="small" unlinked={null}>
          {t('overview.allFindings')}
        </PageLink>
      </div>
      {risks.length === 0 ? (
        <Empty>{t('overview.topRisksEmpty')}</Empty>
      ) : (
        <ol className="risk-list">
          {risks.map((risk) => (
            <li key={risk.id}>
              <div className="risk-title">
                <SeverityBadge severity={risk.severity} /> <PageLink to={`/findings/${risk.id}`}>{risk.title}</PageLink>
              </div>
              <div className="small muted">
                {t(`kind.${risk.kind}`)} · {t('common.owner')}: {risk.ownerTeam?.name ?? t('common.unowned')} ·{' '}
                {risk.dueAt ? t('overview.due', { date: fmt.date(risk.dueAt) }) : t('overview.noDueDate')}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
