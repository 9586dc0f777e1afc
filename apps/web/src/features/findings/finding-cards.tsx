import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.context.js';
import { SeverityBadge, StatusBadge } from '../../ui/badges.js';
import { FindingDue } from './finding-due.js';
import type { FindingRow } from './findings.documents.js';

/**
 * The findings list on a phone: one card per finding with what the table's columns say that matters on the
 * go (title, severity, subject, team, status, due and overdue), the selection for bulk actions kept.
 */
export function FindingCards({
  findings,
  selectable,
  selected,
  onToggle,
}: {
  findings: readonly FindingRow[];
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <ul className="finding-cards" aria-label={t('findings.title')} data-testid="finding-cards">
      {findings.map((f) => (
        <li key={f.id} className="finding-card" data-testid="finding-card">
          <div className="finding-card-head">
            {selectable ? (
              <input type="checkbox" aria-label={t('findings.select', { title: f.title })} checked={selected.has(f.id)} onChange={(e) => onToggle(f.id, e.target.checked)} data-testid="finding-select" />
            ) : null}
            <SeverityBadge severity={f.severity} />
            <StatusBadge status={f.status} />
          </div>
          <Link to={`/findings/${f.id}`} className="finding-card-title">
            {f.title}
          </Link>
          <dl className="finding-card-facts">
            <dt>{t('findings.subject')}</dt>
            <dd>
              {f.subject.name} <span className="muted">· {t(`kind.${f.kind}`)}</span>
            </dd>
            <dt>{t('findings.team')}</dt>
            <dd>{f.ownerTeam?.name ?? <span className="muted">{t('common.unowned')}</span>}</dd>
            <dt>{t('findings.due')}</dt>
            <dd>
              <FindingDue finding={f} />
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
