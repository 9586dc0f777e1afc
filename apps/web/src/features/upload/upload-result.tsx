import { useI18n } from '../../i18n/i18n.context.js';
import { hideServerPaths } from './hide-server-paths.util.js';
import type { UploadRunView } from './upload.documents.js';

const KNOWN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED'] as const;

/** What an upload's run stored and what it rejected, line by line, with the file's name and never a server path. */
export function UploadResult({ run }: { run: UploadRunView }) {
  const { t, fmt } = useI18n();
  const status = KNOWN_STATUSES.find((s) => s === run.status);
  const tone = run.status === 'SUCCEEDED' ? 'success' : 'warn';
  return (
    <section className="card section" aria-labelledby="upload-result-title" data-testid="upload-result">
      <h2 id="upload-result-title">{t('upload.result', { file: hideServerPaths(run.input ?? '') || run.sourceType })}</h2>
      <p className={`notice ${tone}`} role="status">
        <strong>{status ? t(`upload.status.${status}`) : run.status}</strong> ·{' '}
        {t('upload.counts', {
          accepted: fmt.number(run.accepted),
          rejected: fmt.number(run.rejected),
          inserted: fmt.number(run.inserted),
          updated: fmt.number(run.updated),
          unchanged: fmt.number(run.unchanged),
        })}
      </p>
      {run.errorMessage ? (
        <p className="notice warn" data-testid="upload-error-message">
          {hideServerPaths(run.errorMessage)}
        </p>
      ) : null}
      {run.errors.length > 0 ? (
        <div className="table-scroll">
          <table className="data" data-testid="rejected-lines">
            <caption>{t('upload.rejectedLines', { shown: fmt.number(run.errors.length), total: fmt.number(Math.max(run.rejected, run.errors.length)) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('upload.file')}</th>
                <th scope="col" className="numeric">{t('upload.line')}</th>
                <th scope="col">{t('upload.field')}</th>
                <th scope="col">{t('upload.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {run.errors.map((e, i) => (
                <tr key={i}>
                  <td className="small">{hideServerPaths(e.source)}</td>
                  <td className="numeric">{e.line ?? (e.record !== null ? t('upload.record', { record: e.record }) : t('common.dash'))}</td>
                  <td className="small">{e.field ?? t('common.dash')}</td>
                  <td>{hideServerPaths(e.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
