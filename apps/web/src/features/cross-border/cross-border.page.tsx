import { useState } from 'react';
import { useOrganization } from '../../app/organization.context.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { DataTable } from '../../ui/data-table.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, QueryState } from '../../ui/query-state.js';
import { SelectField } from '../../ui/form-fields.js';
import { BulkExtractionChart } from './bulk-extraction.chart.js';
import { CountryTimelineChart, CountryVolumeChart } from './country-charts.js';
import { CROSS_BORDER_QUERY } from './cross-border.documents.js';

const PERIODS = [30, 90, 180];

export default function CrossBorderPage() {
  const { t, fmt } = useI18n();
  const { slug } = useOrganization();
  const [days, setDays] = useState(90);
  const query = useQuery(CROSS_BORDER_QUERY, { org: slug, days });
  return (
    <>
      <PageHeader
        title={t('crossBorder.title')}
        subtitle={t('crossBorder.subtitle')}
        actions={
          <SelectField label={t('crossBorder.periodLabel')} value={String(days)} onChange={(v) => setDays(Number(v))} allowAll={false} options={PERIODS.map((p) => ({ value: String(p), label: t('crossBorder.period', { days: p }) }))} />
        }
      />
      <QueryState {...query}>
        {({ crossBorderAccess: access }) => (
          <>
            <div className="grid grid-2">
              <CountryVolumeChart countries={access.byCountry} />
              <CountryTimelineChart daily={access.daily} days={days} countries={access.byCountry} />
            </div>
            <section className="card section" aria-labelledby="offshore-title" data-testid="offshore">
              <h2 id="offshore-title">{t('crossBorder.offshore')}</h2>
              {access.offshoreIdentities.length === 0 ? (
                <Empty>{t('crossBorder.offshoreEmpty')}</Empty>
              ) : (
                <DataTable
                  caption={t('crossBorder.offshore')}
                  rowKey={(o) => o.identityId}
                  rows={access.offshoreIdentities}
                  columns={[
                    { id: 'name', header: t('crossBorder.identity'), cell: (o) => <strong>{o.name}</strong>, sortValue: (o) => o.name },
                    { id: 'country', header: t('crossBorder.workCountry'), cell: (o) => fmt.country(o.workCountry), sortValue: (o) => o.workCountry },
                    { id: 'ent', header: t('crossBorder.entitlements'), cell: (o) => <ul className="tag-list">{o.productionEntitlements.map((e) => <li key={e} className="tag">{e}</li>)}</ul> },
                    {
                      id: 'approval',
                      header: t('crossBorder.approval'),
                      cell: (o) =>
                        o.approval ? (
                          o.approvalExpiresAt ? t('crossBorder.approvalUntil', { approval: o.approval, date: fmt.date(o.approvalExpiresAt) }) : o.approval
                        ) : (
                          <span className="badge sev-HIGH">{t('crossBorder.noApproval')}</span>
                        ),
                      sortValue: (o) => o.approval,
                    },
                  ]}
                />
              )}
            </section>
            <section className="section" aria-labelledby="bulk-title" data-testid="bulk">
              <h2 id="bulk-title">{t('crossBorder.bulk')}</h2>
              {access.bulkExtractions.length === 0 ? (
                <Empty>{t('crossBorder.bulkEmpty')}</Empty>
              ) : (
                <div className="grid grid-2">
                  {access.bulkExtractions.map((b) => (
                    <BulkExtractionChart key={b.findingId} extraction={b} />
                  ))}
                </div>
              )}
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}
