import { useRef, useState, type DragEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useOrganization } from '../../app/organization.context.js';
import { request } from '../../data-access/graphql-client.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { SelectField } from '../../ui/form-fields.js';
import { PageHeader } from '../../ui/page-header.js';
import { RoleGate } from '../administration/role-gate.js';
import { hideServerPaths } from './hide-server-paths.util.js';
import { UploadFailure, type UploadProgress, uploadFile } from './upload-file.js';
import { UploadResult } from './upload-result.js';
import { FILE_SOURCE_TYPES, UPLOAD_RUNS_QUERY, type UploadRunView } from './upload.documents.js';
import '../administration/administration.css';

type Phase = { kind: 'idle' } | { kind: 'uploading'; file: string; progress: UploadProgress } | { kind: 'done'; run: UploadRunView } | { kind: 'failed'; message: string };

function UploadContent({ org }: { org: string }) {
  const { t, fmt } = useI18n();
  // `?source=` preselects the source when a connector card links here.
  const [params] = useSearchParams();
  const requested = params.get('source');
  const [source, setSource] = useState<string>(FILE_SOURCE_TYPES.find((s) => s === requested) ?? FILE_SOURCE_TYPES[0]);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);

  const choose = (chosen: File | undefined | null) => {
    if (!chosen) return;
    setFile(chosen);
    setPhase({ kind: 'idle' });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };
  const start = async () => {
    if (!file) return;
    setPhase({ kind: 'uploading', file: file.name, progress: { loaded: 0, total: file.size } });
    try {
      const runId = await uploadFile(org, source, file, (progress) => setPhase({ kind: 'uploading', file: file.name, progress }));
      const { ingestRuns } = await request(UPLOAD_RUNS_QUERY, { org });
      const run = ingestRuns.find((r) => r.id === runId);
      setPhase(run ? { kind: 'done', run } : { kind: 'failed', message: t('upload.runNotFound') });
    } catch (error) {
      const message = error instanceof UploadFailure ? (error.status === 403 ? t('state.forbidden') : error.status === 0 ? t('state.network') : error.message) : (error as Error).message;
      setPhase({ kind: 'failed', message: hideServerPaths(message) });
    }
  };
  const uploading = phase.kind === 'uploading';
  const percent = uploading && phase.progress.total > 0 ? Math.round((phase.progress.loaded / phase.progress.total) * 100) : 0;

  return (
    <>
      <section className="card section" aria-labelledby="upload-form-title">
        <h2 id="upload-form-title">{t('upload.choose')}</h2>
        <div className="form-row">
          <SelectField label={t('upload.source')} value={source} allowAll={false} onChange={setSource} options={FILE_SOURCE_TYPES.map((s) => ({ value: s, label: s }))} testId="upload-source" />
        </div>
        <div
          className={`drop-zone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="drop-zone"
        >
          <p>{t('upload.dropHere')}</p>
          <label htmlFor="upload-file" className="button secondary">
            {t('upload.browse')}
          </label>
          <input id="upload-file" ref={input} type="file" className="visually-hidden" onChange={(e) => choose(e.target.files?.[0])} data-testid="upload-input" />
          {file ? (
            <p className="small" data-testid="upload-chosen">
              {t('upload.chosen', { file: file.name, size: fmt.bytes(file.size) })}
            </p>
          ) : null}
        </div>
        <p>
          <button type="button" className="button" onClick={start} disabled={!file || uploading} data-testid="upload-start">
            {t('upload.start', { source })}
          </button>
        </p>
        <div aria-live="polite">
          {uploading ? (
            <div>
              <label htmlFor="upload-progress">{t('upload.progress', { file: phase.file, percent })}</label>
              <progress id="upload-progress" max={100} value={percent} />
              {percent === 100 ? <p className="small muted">{t('upload.processing')}</p> : null}
            </div>
          ) : null}
          {phase.kind === 'failed' ? (
            <p className="notice warn" role="alert" data-testid="upload-failed">
              {t('upload.failed', { message: phase.message })}
            </p>
          ) : null}
        </div>
      </section>
      {phase.kind === 'done' ? <UploadResult run={phase.run} /> : null}
    </>
  );
}

export default function UploadPage() {
  const { t } = useI18n();
  const { slug } = useOrganization();
  return (
    <div className="admin-page">
      <PageHeader title={t('upload.title')} subtitle={t('upload.subtitle')} actions={<Link to="/connectors">{t('upload.backToConnectors')}</Link>} />
      <RoleGate capability="upload">{() => <UploadContent org={slug} />}</RoleGate>
    </div>
  );
}
