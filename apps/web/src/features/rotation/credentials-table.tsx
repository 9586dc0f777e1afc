import { useState } from 'react';
import { useOrganization } from '../../app/organization.context.js';
import { request } from '../../data-access/graphql-client.js';
import type { CredentialFilter } from '../../data-access/graphql.generated.js';
import type { CredentialRow } from './rotation.documents.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n, type I18n } from '../../i18n/i18n.context.js';
import { SlaBadge } from '../../ui/badges.js';
import { downloadText, toCsv } from '../../ui/csv.js';
import { DataTable, type Column } from '../../ui/data-table.js';
import { Empty, ErrorMessage, QueryState } from '../../ui/query-state.js';
import { CREDENTIALS_QUERY } from './rotation.documents.js';

const PAGE = 100;
/** Credentials per request when exporting: 2,000 rows cost about 6,000 of the API's per-request limit of 20,000. */
const EXPORT_PAGE = 2000;
const SLA_RANK = { OVERDUE: 0, DUE_SOON: 1, WITHIN_POLICY: 2 } as const;

function columns({ t, fmt }: I18n): Column<CredentialRow>[] {
  const date = (value: string | null) => (value ? fmt.date(value) : t('common.dash'));
  return [
    { id: 'name', header: t('rotation.name'), cell: (c) => (<><strong>{c.name}</strong><div className="small muted mono-id">{c.externalId}</div></>), sortValue: (c) => c.name },
    { id: 'kind', header: t('rotation.kind'), cell: (c) => t(`credKind.${c.kind}`), sortValue: (c) => c.kind },
    { id: 'environment', header: t('rotation.environment'), cell: (c) => t(`env.${c.environment}`), sortValue: (c) => c.environment },
    { id: 'age', header: t('rotation.age'), numeric: true, cell: (c) => (c.ageDays === null ? t('common.dash') : t('common.days', { n: fmt.number(c.ageDays) })), sortValue: (c) => c.ageDays },
    { id: 'policy', header: t('rotation.policy'), cell: (c) => (c.policyMaxAgeDays === null ? t('rotation.noPolicy') : t('rotation.maxAge', { days: fmt.number(c.policyMaxAgeDays) })), sortValue: (c) => c.policyMaxAgeDays },
    { id: 'due', header: t('rotation.dueDate'), cell: (c) => date(c.dueAt), sortValue: (c) => c.dueAt },
    {
      id: 'sla',
      header: t('rotation.sla'),
      cell: (c) => (
        <>
          <SlaBadge status={c.slaStatus} />
          {c.daysOverdue && c.daysOverdue > 0 ? <div className="small">{t('rotation.daysOverdue', { days: fmt.number(c.daysOverdue) })}</div> : null}
        </>
      ),
      sortValue: (c) => (c.slaStatus ? SLA_RANK[c.slaStatus] * 100000 - (c.daysOverdue ?? 0) : null),
    },
    { id: 'owner', header: t('rotation.owner'), cell: (c) => (<>{c.owner ?? t('common.unowned')}<div className="small muted">{c.team?.name ?? ''}</div></>), sortValue: (c) => c.team?.name ?? c.owner },
    { id: 'lastUsed', header: t('rotation.lastUsed'), cell: (c) => (c.lastUsedAt ? fmt.date(c.lastUsedAt) : c.useObserved ? t('common.never') : t('rotation.useNotObserved')), sortValue: (c) => c.lastUsedAt },
    { id: 'source', header: t('rotation.source'), cell: (c) => <span className="small">{c.source}</span>, sortValue: (c) => c.source },
  ];
}

function csvOf(credentials: CredentialRow[], { t }: I18n): string {
  return toCsv(
    ['name', 'external_id', 'kind', 'environment', 'age_days', 'policy_max_age_days', 'due_at', 'sla_status', 'days_overdue', 'owner', 'team', 'last_used_at', 'use_observed', 'source'],
    credentials.map((c) => [c.name, c.externalId, c.kind, c.environment, c.ageDays, c.policyMaxAgeDays, c.dueAt, c.slaStatus ? t(`sla.${c.slaStatus}`) : '', c.daysOverdue, c.owner, c.team?.name, c.lastUsedAt, c.useObserved ? 'yes' : 'no', c.source]),
  );
}

export function CredentialsTable({ filter }: { filter: CredentialFilter }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { slug } = useOrganization();
  const [first, setFirst] = useState(PAGE);
  const query = useQuery(CREDENTIALS_QUERY, { org: slug, filter, first });
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<Error | null>(null);

  // Export everything that matches the filters, not only the rows loaded so far.
  const exportCsv = async () => {
    const loaded = query.data?.credentials;
    if (!loaded) return;
    setExporting(true);
    setExportError(null);
    try {
      // Page by page: the API prices a request by the rows it loads, and one request for every credential of a
      // large organization is over its limit.
      const rows = loaded.edges.map((e) => e.node);
      for (let page = loaded.pageInfo; page.hasNextPage; ) {
        const next = (await request(CREDENTIALS_QUERY, { org: slug, filter, first: EXPORT_PAGE, after: page.endCursor })).credentials;
        rows.push(...next.edges.map((e) => e.node));
        page = next.pageInfo;
      }
      downloadText(`${slug}-credentials-${new Date().toISOString().slice(0, 10)}.csv`, csvOf(rows, i18n));
    } catch (error) {
      setExportError(error as Error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="card section" aria-labelledby="credentials-title">
      <div className="card-header">
        <h2 id="credentials-title">{t('rotation.credentials')}</h2>
        <button type="button" className="button secondary" onClick={exportCsv} disabled={!query.data || exporting} data-testid="export-csv">
          {exporting ? t('rotation.exporting') : t('common.exportCsv')}
        </button>
      </div>
      {exportError ? <p className="notice warn" role="alert">{exportError.message}</p> : null}
      <QueryState {...query}>
        {({ credentials }) =>
          credentials.edges.length === 0 ? (
            <Empty>{t('rotation.credentialsEmpty')}</Empty>
          ) : (
            <>
              <p className="small muted" role="status" data-testid="credentials-count">
                {t('common.showingOf', { shown: credentials.edges.length, total: credentials.totalCount })}
              </p>
              <DataTable
                caption={t('rotation.credentials')}
                testId="credentials-table"
                rowKey={(c) => c.id}
                rows={credentials.edges.map((e) => e.node)}
                columns={columns(i18n)}
                initialSort={{ id: 'sla', direction: 'ascending' }}
              />
              {credentials.pageInfo.hasNextPage ? (
                <button type="button" className="button secondary" onClick={() => setFirst((n) => n + PAGE)} disabled={query.loading}>
                  {t('common.loadMore')}
                </button>
              ) : null}
            </>
          )
        }
      </QueryState>
      {query.error && query.data ? <ErrorMessage error={query.error} /> : null}
    </section>
  );
}
