import { useState } from 'react';
import { Link } from 'react-router';
import { useAccess } from '../../app/access/access.context.js';
import { useOrganization } from '../../app/organization.context.js';
import type { DataSourceView } from './connectors.documents.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { DataTable } from '../../ui/data-table.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, QueryState } from '../../ui/query-state.js';
import { ADMIN_ACCESS } from '../administration/admin-access.js';
import { ConfigureForm } from './configure-form.js';
import { CONFIGURE_DATA_SOURCE, CONNECTORS_QUERY } from './connectors.documents.js';
import { DataSourceCard } from './data-source-card.js';

export default function ConnectorsPage() {
  const { t, fmt } = useI18n();
  const { slug } = useOrganization();
  const query = useQuery(CONNECTORS_QUERY, { org: slug });
  const [editing, setEditing] = useState<DataSourceView | undefined>();
  const { can } = useAccess();
  const mayConfigure = can(CONFIGURE_DATA_SOURCE);
  return (
    <>
      <PageHeader title={t('connectors.title')} subtitle={t('connectors.subtitle')} actions={can(...ADMIN_ACCESS.upload) ? <Link className="button secondary" to="/connectors/upload">{t('upload.title')}</Link> : null} />
      <QueryState {...query}>
        {({ dataSources, ingestRuns }) => (
          <>
            {dataSources.length === 0 ? (
              <Empty>{t('connectors.empty')}</Empty>
            ) : (
              <div className="grid grid-2">
                {dataSources.map((source) => (
                  <DataSourceCard
                    key={source.id}
                    org={slug}
                    source={source}
                    onChanged={query.refetch}
                    onConfigure={() => {
                      setEditing(source);
                      document.getElementById('configure-title')?.scrollIntoView({ behavior: 'smooth' });
                    }}
                  />
                ))}
              </div>
            )}
            <section className="card section" aria-labelledby="runs-title">
              <h2 id="runs-title">{t('connectors.recentRuns')}</h2>
              {ingestRuns.length === 0 ? (
                <Empty />
              ) : (
                <DataTable
                  caption={t('connectors.recentRuns')}
                  rowKey={(r) => r.id}
                  rows={ingestRuns}
                  columns={[
                    { id: 'type', header: t('connectors.type'), cell: (r) => r.sourceType, sortValue: (r) => r.sourceType },
                    { id: 'status', header: t('connectors.status'), cell: (r) => r.status, sortValue: (r) => r.status },
                    { id: 'trigger', header: t('connectors.trigger'), cell: (r) => r.trigger },
                    { id: 'input', header: t('connectors.input'), cell: (r) => <span className="small">{r.input ?? t('common.dash')}</span> },
                    { id: 'started', header: t('connectors.started'), cell: (r) => fmt.dateTime(r.startedAt ?? r.queuedAt), sortValue: (r) => r.startedAt ?? r.queuedAt },
                    { id: 'accepted', header: t('connectors.accepted'), numeric: true, cell: (r) => fmt.number(r.accepted) },
                    { id: 'rejected', header: t('connectors.rejected'), numeric: true, cell: (r) => fmt.number(r.rejected) },
                  ]}
                />
              )}
            </section>
          </>
        )}
      </QueryState>
      {mayConfigure ? <ConfigureForm org={slug} editing={editing} onSaved={query.refetch} /> : null}
    </>
  );
}
