import { useState, type FormEvent } from 'react';
import { useAccess } from '../../app/access/access.context.js';
import { useOrganization } from '../../app/organization.context.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { LANGUAGES } from '../../i18n/language.js';
import { DataTable } from '../../ui/data-table.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, ErrorMessage, QueryState } from '../../ui/query-state.js';
import { SelectField, TextField } from '../../ui/form-fields.js';
import { GENERATE_REPORT, REPORTS_QUERY } from './reports.documents.js';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ko: '한국어' };

export default function ReportsPage() {
  const { t, fmt, lang } = useI18n();
  const { slug } = useOrganization();
  const query = useQuery(REPORTS_QUERY, { org: slug });
  const [asOf, setAsOf] = useState('');
  const [reportLang, setReportLang] = useState<string>(lang);
  const [done, setDone] = useState(false);
  const [generate, state] = useMutation(GENERATE_REPORT);
  const mayGenerate = useAccess().can(GENERATE_REPORT);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const result = await generate({ org: slug, asOf: asOf ? new Date(`${asOf}T23:59:59Z`).toISOString() : null, lang: reportLang });
    if (result) {
      setDone(true);
      query.refetch();
    }
  };
  return (
    <>
      <PageHeader title={t('reports.title')} subtitle={t('reports.subtitle')} />
      {mayGenerate ? (
        <form className="card" onSubmit={submit} aria-labelledby="generate-title" noValidate>
          <h2 id="generate-title">{t('reports.generate')}</h2>
          <div className="form-row">
            <TextField label={t('reports.asOf')} hint={t('reports.asOfHint')} type="date" value={asOf} onChange={setAsOf} />
            <SelectField label={t('reports.language')} value={reportLang} onChange={setReportLang} allowAll={false} options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} />
            <button type="submit" className="button" disabled={state.running} data-testid="generate-report">
              {state.running ? t('reports.generating') : t('reports.generate')}
            </button>
          </div>
          {state.error ? <ErrorMessage error={state.error} /> : null}
          {done ? <p className="notice success" role="status">{t('reports.generated')}</p> : null}
        </form>
      ) : null}
      <section className="card section" aria-labelledby="reports-title">
        <h2 id="reports-title">{t('reports.list')}</h2>
        <QueryState {...query}>
          {({ reports }) =>
            reports.length === 0 ? (
              <Empty>{t('reports.empty')}</Empty>
            ) : (
              <DataTable
                caption={t('reports.list')}
                testId="reports"
                rowKey={(r) => r.id}
                rows={reports}
                initialSort={{ id: 'generated', direction: 'descending' }}
                columns={[
                  { id: 'asOf', header: t('reports.asOf'), cell: (r) => fmt.date(r.asOf), sortValue: (r) => r.asOf },
                  { id: 'lang', header: t('reports.language'), cell: (r) => LANGUAGE_NAMES[r.lang] ?? r.lang },
                  { id: 'generated', header: t('reports.generatedAt'), cell: (r) => fmt.dateTime(r.generatedAt), sortValue: (r) => r.generatedAt },
                  { id: 'by', header: t('reports.generatedBy'), cell: (r) => r.generatedBy },
                  { id: 'size', header: t('reports.size'), numeric: true, cell: (r) => fmt.bytes(r.sizeBytes), sortValue: (r) => r.sizeBytes },
                  { id: 'checksum', header: t('reports.checksum'), cell: (r) => <code className="small" title={r.checksum}>{r.checksum.slice(0, 19)}…</code> },
                  {
                    id: 'download',
                    header: '',
                    cell: (r) => (
                      <a className="button secondary" href={r.downloadUrl} download aria-label={t('reports.downloadLabel', { date: fmt.date(r.asOf), lang: LANGUAGE_NAMES[r.lang] ?? r.lang })}>
                        {t('reports.download')}
                      </a>
                    ),
                  },
                ]}
              />
            )
          }
        </QueryState>
      </section>
    </>
  );
}
