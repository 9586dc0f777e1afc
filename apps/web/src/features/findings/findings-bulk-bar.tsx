import { useId, useState, type FormEvent } from 'react';
import type { FindingStatus } from '../../data-access/graphql.generated.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { BULK_UPDATE_FINDINGS, FINDING_ASSIGNEES_QUERY } from './finding-workflow.documents.js';

/** The statuses a selection can be moved to at once; accepting a risk stays a decision per finding. */
const BULK_STATUSES: readonly FindingStatus[] = ['ACKNOWLEDGED', 'FALSE_POSITIVE', 'RESOLVED', 'OPEN'];
const UNASSIGN = '__unassign__';
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const ERROR_CODES = ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BAD_USER_INPUT'] as const;
const errorKey = (code: string | null) =>
  `findings.bulkError.${(ERROR_CODES as readonly string[]).includes(code ?? '') ? (code as (typeof ERROR_CODES)[number]) : 'OTHER'}` as const;

/**
 * Changes the status and/or assignee of the selected findings in one request; the server checks each one
 * (role, team, lifecycle) and the bar lists the ones it refused, with why.
 */
export function FindingsBulkBar({
  org,
  selected,
  titles,
  allSelected,
  onSelectAll,
  onDone,
}: {
  org: string;
  selected: readonly string[];
  titles: ReadonlyMap<string, string>;
  allSelected: boolean;
  onSelectAll: (on: boolean) => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [status, setStatus] = useState<FindingStatus | ''>('');
  const [assignee, setAssignee] = useState('');
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState(() => isoDay(new Date(Date.now() + 90 * 86_400_000)));
  const [problem, setProblem] = useState<string | null>(null);
  // Who can see the first selected finding; the server refuses, per finding, anyone who cannot see another.
  const candidates = useQuery(FINDING_ASSIGNEES_QUERY, { org, id: selected[0] ?? '' }, { skip: selected.length === 0 });
  const [bulk, state] = useMutation(BULK_UPDATE_FINDINGS);
  const needsExpiry = status === 'FALSE_POSITIVE';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!status && !assignee) return setProblem(t('findings.bulkNothing'));
    if (needsExpiry && !reason.trim()) return setProblem(t('findings.falsePositiveReasonMissing'));
    if (needsExpiry && isoDay(new Date()) >= expiry) return setProblem(t('findings.expiryInvalid'));
    const result = await bulk({
      org,
      ids: [...selected],
      action: {
        status: status || null,
        reason: reason.trim() || null,
        expiresAt: needsExpiry ? new Date(`${expiry}T23:59:59Z`).toISOString() : null,
        assigneeUserId: assignee && assignee !== UNASSIGN ? assignee : null,
        unassign: assignee === UNASSIGN,
      },
    });
    if (result) onDone();
  };
  const outcome = state.data?.bulkUpdateFindings;

  return (
    <form className="card bulk-bar" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate data-testid="bulk-bar">
      <h2 id={`${id}-title`} className="small">
        {t('findings.bulkTitle')} · <span role="status">{t('findings.selected', { count: selected.length })}</span>
      </h2>
      <div className="form-row">
        <label className="inline-field">
          <input type="checkbox" checked={allSelected} onChange={(e) => onSelectAll(e.target.checked)} data-testid="bulk-select-all" />
          {t('findings.selectAll')}
        </label>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('findings.bulkStatus')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as FindingStatus | '')} data-testid="bulk-status">
            <option value="">{t('findings.bulkKeepStatus')}</option>
            {BULK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assignee`}>{t('findings.assignTo')}</label>
          <select id={`${id}-assignee`} value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="bulk-assignee">
            <option value="">{t('findings.bulkKeepAssignee')}</option>
            <option value={UNASSIGN}>{t('findings.unassign')}</option>
            {(candidates.data?.findingAssignees ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.email}
              </option>
            ))}
          </select>
        </div>
        {status ? (
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t(needsExpiry ? 'findings.reasonRequired' : 'findings.reasonOptional')}</label>
            <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="bulk-reason" />
          </div>
        ) : null}
        {needsExpiry ? (
          <div className="field">
            <label htmlFor={`${id}-expiry`}>{t('findings.falsePositiveExpiresAt')}</label>
            <input id={`${id}-expiry`} type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} />
          </div>
        ) : null}
        <button type="submit" className="button" disabled={state.running || selected.length === 0} data-testid="bulk-apply">
          {t('findings.bulkApply')}
        </button>
      </div>
      {problem ? (
        <p className="notice warn" role="alert">
          {problem}
        </p>
      ) : null}
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {outcome ? (
        <div className={`notice ${outcome.failed > 0 ? 'warn' : 'success'}`} role="status" data-testid="bulk-result">
          <p>{t('findings.bulkResult', { succeeded: outcome.succeeded, failed: outcome.failed })}</p>
          {outcome.failed > 0 ? (
            <ul>
              {outcome.results
                .filter((r) => !r.ok)
                .map((r) => (
                  <li key={r.findingId}>{t('findings.bulkItemFailed', { title: titles.get(r.findingId) ?? r.findingId, message: t(errorKey(r.errorCode)) })}</li>
                ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
