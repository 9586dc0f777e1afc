import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useOrganization } from '../../app/organization.context.js';
import { FINDING_KINDS, FINDING_STATUSES, SCORE_DOMAINS, SEVERITIES } from '../../data-access/enum-order.js';
import type { FindingFilter } from '../../data-access/graphql.generated.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { SeverityBadge, StatusBadge } from '../../ui/badges.js';
import { DataTable } from '../../ui/data-table.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, QueryState } from '../../ui/query-state.js';
import { SearchField } from '../../ui/search-field.js';
import { useMediaQuery, NARROW } from '../../ui/use-media-query.js';
import { FindingCards } from './finding-cards.js';
import { FindingDue } from './finding-due.js';
import './findings-workflow.css';
import { SelectField } from '../../ui/form-fields.js';
import { FINDING_TEAMS_QUERY, FINDINGS_QUERY } from './findings.documents.js';
import { FindingsBulkBar } from './findings-bulk-bar.js';
import { FindingsExportLink } from './findings-export-link.js';
import { useFindingWriter } from './use-finding-writer.js';

const PAGE = 50;
const SEVERITY_RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;
const FILTER_KEYS = ['domain', 'kind', 'severity', 'status', 'teamId', 'search'] as const;

/** Filters live in the URL, so a filtered list can be bookmarked and shared (and the overview links into it). */
function filterFrom(params: URLSearchParams): FindingFilter {
  const filter: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filter[key] = value;
  }
  return filter as FindingFilter;
}

export default function FindingsPage() {
  const { t, fmt, lang } = useI18n();
  const { slug } = useOrganization();
  const [params, setParams] = useSearchParams();
  const [first, setFirst] = useState(PAGE);
  const filter = filterFrom(params);
  const query = useQuery(FINDINGS_QUERY, { org: slug, lang, filter, first });
  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setFirst(PAGE);
  };
  const teams = useQuery(FINDING_TEAMS_QUERY, { org: slug }).data?.teams ?? [];
  const canWrite = useFindingWriter();
  const narrow = useMediaQuery(NARROW);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const rows = query.data?.findings.edges.map((e) => e.node) ?? [];

  return (
    <>
      <PageHeader title={t('findings.title')} subtitle={t('findings.subtitle')} />
      <form className="filters card" role="search" aria-label={t('common.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('findings.domain')} value={filter.domain ?? ''} onChange={(v) => setFilter('domain', v)} options={SCORE_DOMAINS.map((d) => ({ value: d, label: t(`domain.${d}`) }))} />
        <SelectField label={t('findings.kind')} value={filter.kind ?? ''} onChange={(v) => setFilter('kind', v)} options={FINDING_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        <SelectField label={t('findings.severity')} value={filter.severity ?? ''} onChange={(v) => setFilter('severity', v)} options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
        <SelectField label={t('findings.status')} value={filter.status ?? ''} onChange={(v) => setFilter('status', v)} options={FINDING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} testId="filter-status" />
        <SelectField label={t('findings.team')} value={filter.teamId ?? ''} onChange={(v) => setFilter('teamId', v)} options={teams.map((team) => ({ value: team.id, label: team.name }))} />
        <SearchField label={t('findings.search')} value={filter.search ?? ''} onChange={(v) => setFilter('search', v)} />
        <button type="button" className="button secondary" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
          {t('common.clearFilters')}
        </button>
        <FindingsExportLink org={slug} filter={filter} />
      </form>
      {canWrite ? (
        <FindingsBulkBar
          org={slug}
          selected={rows.filter((f) => selected.has(f.id)).map((f) => f.id)}
          titles={new Map(rows.map((f) => [f.id, f.title]))}
          allSelected={rows.length > 0 && rows.every((f) => selected.has(f.id))}
          onSelectAll={(on) => setSelected(new Set(on ? rows.map((f) => f.id) : []))}
          onDone={() => {
            setSelected(new Set());
            query.refetch();
          }}
        />
      ) : null}
      <QueryState {...query}>
        {({ findings }) =>
          findings.edges.length === 0 ? (
            <Empty>{t('findings.empty')}</Empty>
          ) : (
            <section className="card" aria-label={t('findings.title')}>
              <p className="small muted" role="status">
                {t('common.showingOf', { shown: findings.edges.length, total: findings.totalCount })}
              </p>
              {narrow ? (
                <FindingCards findings={findings.edges.map((e) => e.node)} selectable={canWrite} selected={selected} onToggle={toggle} />
              ) : (
                <DataTable
                  caption={t('findings.title')}
                  testId="findings-table"
                  rowKey={(f) => f.id}
                  rows={findings.edges.map((e) => e.node)}
                  columns={[
                    ...(canWrite
                      ? [
                          {
                            id: 'select',
                            header: t('findings.selectColumn'),
                            cell: (f: (typeof rows)[number]) => (
                              <input type="checkbox" aria-label={t('findings.select', { title: f.title })} checked={selected.has(f.id)} onChange={(e) => toggle(f.id, e.target.checked)} data-testid="finding-select" />
                            ),
                          },
                        ]
                      : []),
                    { id: 'severity', header: t('findings.severity'), cell: (f) => <SeverityBadge severity={f.severity} />, sortValue: (f) => SEVERITY_RANK[f.severity] },
                    {
                      id: 'title',
                      header: t('findings.finding'),
                      cell: (f) => (
                        <>
                          <Link to={`/findings/${f.id}`}>{f.title}</Link>
                          <div className="small muted">{t(`kind.${f.kind}`)} · {f.subject.name}</div>
                        </>
                      ),
                      sortValue: (f) => f.title,
                    },
                    { id: 'domain', header: t('findings.domain'), cell: (f) => t(`domain.${f.domain}`), sortValue: (f) => f.domain },
                    { id: 'team', header: t('findings.team'), cell: (f) => f.ownerTeam?.name ?? <span className="muted">{t('common.unowned')}</span>, sortValue: (f) => f.ownerTeam?.name ?? null },
                    { id: 'status', header: t('findings.status'), cell: (f) => <StatusBadge status={f.status} />, sortValue: (f) => f.status },
                    { id: 'due', header: t('findings.due'), cell: (f) => <FindingDue finding={f} />, sortValue: (f) => f.dueAt },
                    { id: 'assignee', header: t('findings.assignee'), cell: (f) => f.assignee?.email ?? <span className="muted">{t('findings.unassigned')}</span>, sortValue: (f) => f.assignee?.email ?? null },
                    { id: 'first', header: t('findings.firstDetected'), cell: (f) => fmt.date(f.firstDetectedAt), sortValue: (f) => f.firstDetectedAt },
                  ]}
                />
              )}
              {findings.pageInfo.hasNextPage ? (
                <button type="button" className="button secondary" onClick={() => setFirst((n) => n + PAGE)} disabled={query.loading}>
                  {t('common.loadMore')}
                </button>
              ) : null}
            </section>
          )
        }
      </QueryState>
    </>
  );
}
