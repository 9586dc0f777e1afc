import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.context.js';
import { PageHeader } from '../../ui/page-header.js';
import { Loading } from '../../ui/query-state.js';
import { useAccess } from '../../app/access/access.context.js';
import { ADMIN_PAGES } from './admin-access.js';
import './administration.css';

/** The administration hub: only the pages the caller's role may open are linked. */
export default function AdministrationPage() {
  const { t } = useI18n();
  const access = useAccess();
  const loading = access.status === 'loading';
  const pages = ADMIN_PAGES.filter((p) => access.can(...p.needs));
  return (
    <div className="admin-page">
      <PageHeader title={t('administration.title')} subtitle={t('administration.subtitle')} />
      {loading ? (
        <Loading />
      ) : (
        <nav aria-label={t('administration.title')}>
          <ul className="hub-list">
            {pages.map((p) => (
              <li key={p.path} className="card">
                <h2>
                  <Link to={p.path}>{t(p.title)}</Link>
                </h2>
                <p className="small muted">{t(p.summary)}</p>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
