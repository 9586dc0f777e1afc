import { useId, useState } from 'react';
import { useMutation } from '../../data-access/use-mutation.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ErrorMessage } from '../../ui/query-state.js';
import type { FindingDetail } from './findings.documents.js';
import { ASSIGN_FINDING, FINDING_ASSIGNEES_QUERY } from './finding-workflow.documents.js';

type Workflow = Pick<FindingDetail, 'assignee' | 'overdue' | 'daysOverdue' | 'falsePositiveUntil' | 'falsePositiveReason'>;

/** Who works on the finding: one of the members who can see its team (the server offers and checks them). */
export function FindingAssignee({ org, finding, canWrite, onChanged }: { org: string; finding: FindingDetail; canWrite: boolean; onChanged: (changed: Workflow) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [choice, setChoice] = useState(finding.assignee?.id ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const candidates = useQuery(FINDING_ASSIGNEES_QUERY, { org, id: finding.id }, { skip: !canWrite });
  const [assign, state] = useMutation(ASSIGN_FINDING);

  const save = async (assigneeUserId: string | null) => {
    setNotice(null);
    const changed = (await assign({ org, id: finding.id, assigneeUserId }))?.assignFinding;
    if (!changed) return;
    setChoice(changed.assignee?.id ?? '');
    setNotice(changed.assignee ? t('findings.assignedTo', { email: changed.assignee.email }) : t('findings.assigneeCleared'));
    onChanged(changed);
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="finding-assignee">
      <h2 id={`${id}-title`}>{t('findings.assignee')}</h2>
      <p data-testid="assignee-current">{finding.assignee ? finding.assignee.email : <span className="muted">{t('findings.unassigned')}</span>}</p>
      {canWrite ? (
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            void save(choice || null);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-select`}>{t('findings.assignTo')}</label>
            <select id={`${id}-select`} value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="assignee-select">
              <option value="">{t('findings.unassigned')}</option>
              {(candidates.data?.findingAssignees ?? []).map((user) => (
                <option key={user.id} value={user.id}>
                  {user.displayName ? `${user.displayName} (${user.email})` : user.email}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={state.running} data-testid="assignee-save">
            {t('findings.assign')}
          </button>
          {finding.assignee ? (
            <button type="button" className="button secondary" disabled={state.running} onClick={() => void save(null)}>
              {t('findings.unassign')}
            </button>
          ) : null}
        </form>
      ) : null}
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {notice ? (
        <p className="notice success" role="status">
          {notice}
        </p>
      ) : null}
    </section>
  );
}
