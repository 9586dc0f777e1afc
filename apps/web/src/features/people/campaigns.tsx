import type { CampaignView } from './people.documents.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { DataTable } from '../../ui/data-table.js';
import { Empty } from '../../ui/query-state.js';

export function CampaignsTable({ campaigns }: { campaigns: CampaignView[] }) {
  const { t, fmt } = useI18n();
  return (
    <section className="card" aria-labelledby="campaigns-title" data-testid="campaigns">
      <h2 id="campaigns-title">{t('people.campaigns')}</h2>
      {campaigns.length === 0 ? (
        <Empty>{t('people.campaignsEmpty')}</Empty>
      ) : (
        <DataTable
          caption={t('people.campaigns')}
          rowKey={(c) => c.id}
          rows={campaigns}
          initialSort={{ id: 'due', direction: 'ascending' }}
          columns={[
            { id: 'name', header: t('people.campaign'), cell: (c) => <strong>{c.name}</strong>, sortValue: (c) => c.name },
            { id: 'scope', header: t('people.scope'), cell: (c) => c.scope, sortValue: (c) => c.scope },
            { id: 'due', header: t('people.dueAt'), cell: (c) => (c.closedAt ? t('people.closed', { date: fmt.date(c.closedAt) }) : fmt.date(c.dueAt)), sortValue: (c) => c.dueAt },
            {
              id: 'progress',
              header: t('people.progress'),
              cell: (c) => (
                <>
                  <progress max={Math.max(c.total, 1)} value={c.decided} aria-label={t('people.progressValue', { decided: c.decided, total: c.total })} />{' '}
                  <span className="small">{t('people.progressValue', { decided: fmt.number(c.decided), total: fmt.number(c.total) })}</span>
                </>
              ),
              sortValue: (c) => (c.total ? c.decided / c.total : 0),
            },
            {
              id: 'flags',
              header: t('people.flags'),
              cell: (c) => (
                <>
                  {c.overdue ? <span className="badge sla-OVERDUE">{t('people.overdueFlag')}</span> : null}
                  {c.rubberStampReviewers.length > 0 ? (
                    <div className="small" style={{ color: 'var(--critical)' }}>{t('people.rubberStamp', { reviewers: c.rubberStampReviewers.join(', ') })}</div>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
