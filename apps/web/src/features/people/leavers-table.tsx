import { Link } from 'react-router';
import type { LeaverView } from './people.documents.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { DataTable } from '../../ui/data-table.js';
import { Empty } from '../../ui/query-state.js';

export function LeaversTable({ leavers }: { leavers: LeaverView[] }) {
  const { t, fmt } = useI18n();
  const used = leavers.filter((l) => l.usesAfterTermination > 0).length;
  return (
    <section className="card" aria-labelledby="leavers-title" data-testid="leavers">
      <h2 id="leavers-title">{t('people.leavers')}</h2>
      {leavers.length === 0 ? (
        <Empty>{t('people.leaversEmpty')}</Empty>
      ) : (
        <>
          <p className="small muted">{t('people.leaversSummary', { count: leavers.length, used })}</p>
          <DataTable
            caption={t('people.leavers')}
            rowKey={(l) => l.identityId}
            rows={leavers}
            initialSort={{ id: 'days', direction: 'descending' }}
            columns={[
              { id: 'name', header: t('people.name'), cell: (l) => (<><strong>{l.name}</strong><div className="small muted">{l.email ?? ''}</div></>), sortValue: (l) => l.name },
              { id: 'left', header: t('people.terminatedOn'), cell: (l) => fmt.date(l.terminatedOn), sortValue: (l) => l.terminatedOn },
              { id: 'days', header: t('people.daysSince'), numeric: true, cell: (l) => fmt.number(l.daysSinceTermination), sortValue: (l) => l.daysSinceTermination },
              {
                id: 'access',
                header: t('people.activeAccess'),
                cell: (l) => (
                  <ul className="tag-list">
                    {l.access.map((a) => (
                      <li key={`${a.system}/${a.name}`} className="tag">
                        {a.credentialKind ? `${t(`credKind.${a.credentialKind}`)} ${a.name}` : t('people.accountOn', { system: a.system, name: a.name })}
                      </li>
                    ))}
                  </ul>
                ),
              },
              {
                id: 'uses',
                header: t('people.usesAfter'),
                numeric: true,
                cell: (l) => (l.usesAfterTermination > 0 ? <span className="badge sev-CRITICAL">{fmt.number(l.usesAfterTermination)}</span> : '0'),
                sortValue: (l) => l.usesAfterTermination,
              },
              { id: 'bytes', header: t('people.bytesAfter'), numeric: true, cell: (l) => fmt.bytes(l.bytesAfterTermination), sortValue: (l) => l.bytesAfterTermination },
              { id: 'last', header: t('people.lastUse'), cell: (l) => (l.lastUseAt ? fmt.date(l.lastUseAt) : t('common.never')), sortValue: (l) => l.lastUseAt },
              { id: 'finding', header: t('people.finding'), cell: (l) => (l.findingId ? <Link to={`/findings/${l.findingId}`}>{t('people.openFinding')}</Link> : t('common.dash')) },
            ]}
          />
        </>
      )}
    </section>
  );
}
