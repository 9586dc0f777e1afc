import { useId, useState, type FormEvent } from 'react';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { Empty, ErrorMessage } from '../../ui/query-state.js';
import type { FindingDetail } from './findings.documents.js';
import { ADD_FINDING_COMMENT } from './finding-workflow.documents.js';

type Comment = FindingDetail['comments'][number];

/** The finding's comments, oldest first, and a form to add one (comments are append-only on the server). */
export function FindingComments({ org, finding, canWrite, onAdded }: { org: string; finding: FindingDetail; canWrite: boolean; onAdded: (comment: Comment) => void }) {
  const { t, fmt } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [add, state] = useMutation(ADD_FINDING_COMMENT);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!text.trim()) return setProblem(t('findings.commentMissing'));
    const comment = (await add({ org, id: finding.id, text: text.trim() }))?.addFindingComment;
    if (comment) {
      setText('');
      onAdded(comment);
    }
  };

  return (
    <section className="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('findings.comments')}</h2>
      {finding.comments.length === 0 ? (
        <Empty>{t('findings.commentsEmpty')}</Empty>
      ) : (
        <ol className="comment-list" data-testid="finding-comments">
          {finding.comments.map((comment) => (
            <li key={comment.id}>
              <div className="small muted">
                {comment.author} · <time dateTime={comment.at}>{fmt.dateTime(comment.at)}</time>
              </div>
              <p className="comment-text">{comment.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite ? (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('findings.commentLabel')}</label>
            <textarea id={`${id}-text`} value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} aria-invalid={problem !== null} data-testid="comment-text" />
            <p className="small muted">{t('findings.commentsAppendOnly')}</p>
          </div>
          {problem ? (
            <p className="notice warn" role="alert">
              {problem}
            </p>
          ) : null}
          {state.error ? <ErrorMessage error={state.error} /> : null}
          <button type="submit" className="button" disabled={state.running} data-testid="comment-submit">
            {t('findings.commentAdd')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
