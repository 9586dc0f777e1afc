import { useState } from 'react';
import { Link } from 'react-router';
import type { DataSourceView, IngestErrorView } from './connectors.documents.js';
import { useAccess } from '../../app/access/access.context.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { FILE_SOURCE_TYPES } from '../upload/upload.documents.js';
import { ADMIN_ACCESS } from '../administration/admin-access.js';
import { CONFIGURE_DATA_SOURCE, RUN_DATA_SOURCE } from './connectors.documents.js';

function ErrorLocation({ error }: { error: IngestErrorView }) {
  const { t } = useI18n();
  const parts = [error.source];
  if (error.line !== null) parts.push(t('connectors.line', { line: error.line }));
  if (error.record !== null) parts.push(t('connectors.record', { record: error.record }));
  if (error.field) parts.push(t('connectors.field', { field: error.field }));
  return <code>{parts.join(' · ')}</code>;
}

export function DataSourceCard({ org, source, onChanged, onConfigure }: { org: string; source: DataSourceView; onChanged: () => void; onConfigure: () => void }) {
  const { t, fmt } = useI18n();
  const [run, state] = useMutation(RUN_DATA_SOURCE);
  const { can } = useAccess();
  const [queued, setQueued] = useState<string | null>(null);
  const last = source.lastRun;
  const freshness = source.freshness;
  const runNow = async () => {
    const result = await run({ org, id: source.id });
    if (result) {
      setQueued(result.runDataSource.status);
      onChanged();
    }
  };
  return (
    <article className="card" aria-labelledby={`source-${source.id}`} data-testid="data-source">
      <div className="card-header">
        <div>
          <h3 id={`source-${source.id}`}>{source.name}</h3>
          <div className="small muted">
            {source.type} · {source.enabled ? t('connectors.enabled') : t('connectors.disabled')} · {t('connectors.schedule')}: {source.schedule ?? t('connectors.manual')}
          </div>
        </div>
        <span className={`badge fresh-${freshness}`}>{t(`freshness.${freshness}`)}</span>
      </div>
      <p className="small" style={{ margin: '0.25rem 0' }}>
        {source.lastSuccessfulRunAt ? t('connectors.lastSuccess', { date: fmt.dateTime(source.lastSuccessfulRunAt) }) : t('connectors.noRun')}
      </p>
      {last ? (
        <p className="small" style={{ margin: '0.25rem 0' }}>
          <strong>{t('connectors.lastRun')}:</strong> {last.status} · {fmt.dateTime(last.finishedAt ?? last.startedAt ?? last.queuedAt)}
          <br />
          {t('connectors.counts', { accepted: fmt.number(last.accepted), rejected: fmt.number(last.rejected), inserted: fmt.number(last.inserted), updated: fmt.number(last.updated), unchanged: fmt.number(last.unchanged) })}
          {last.errorMessage ? <span className="notice warn" style={{ display: 'block', marginTop: '0.4rem' }}>{last.errorMessage}</span> : null}
        </p>
      ) : null}
      <p className="small muted" style={{ margin: '0.25rem 0' }}>
        {source.secretFieldsSet.length ? t('connectors.secretsSet', { fields: source.secretFieldsSet.join(', ') }) : t('connectors.noSecrets')}
      </p>
      {last && last.errors.length > 0 ? (
        <details>
          <summary>{t('connectors.errorsCount', { count: fmt.number(last.rejected || last.errors.length) })}</summary>
          <div className="table-scroll">
            <table className="data">
              <caption className="visually-hidden">{t('connectors.errors')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('connectors.location')}</th>
                  <th scope="col">{t('connectors.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {last.errors.map((e, i) => (
                  <tr key={i}>
                    <td><ErrorLocation error={e} /></td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {queued ? <p className="notice" role="status">{t('connectors.queued', { status: queued })}</p> : null}
      <div className="page-actions" style={{ marginTop: '0.75rem' }}>
        {can(RUN_DATA_SOURCE) ? (
          <button type="button" className="button" onClick={runNow} disabled={state.running}>
            {t('connectors.runNow')}
          </button>
        ) : null}
        {can(CONFIGURE_DATA_SOURCE) ? (
          <button type="button" className="button secondary" onClick={onConfigure}>
            {t('connectors.edit')}
          </button>
        ) : null}
        {can(...ADMIN_ACCESS.upload) && FILE_SOURCE_TYPES.some((type) => type === source.type) ? (
          <Link className="button secondary" to={`/connectors/upload?source=${encodeURIComponent(source.type)}`} aria-label={t('upload.uploadFor', { name: source.name })}>
            {t('upload.uploadFile')}
          </Link>
        ) : null}
      </div>
    </article>
  );
}
