import { useState, type FormEvent } from 'react';
import type { FindingStatus } from '../../data-access/graphql.generated.js';
import type { FindingDetail } from './findings.documents.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { TextField } from '../../ui/form-fields.js';
import { ACCEPT_FINDING_RISK, ACKNOWLEDGE_FINDING, MARK_FINDING_FALSE_POSITIVE, RESOLVE_FINDING } from './findings.documents.js';

type Action = 'acknowledge' | 'accept' | 'falsePositive' | 'resolve';

const ACTION_LABELS = {
  acknowledge: 'findings.acknowledge',
  accept: 'findings.acceptRisk',
  falsePositive: 'findings.falsePositive',
  resolve: 'findings.resolve',
} as const;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Acknowledge, accept risk (reason and expiry required) or resolve; the server decides what is allowed. */
export function FindingActions({ org, finding, onChanged }: { org: string; finding: FindingDetail; onChanged: (finding: FindingDetail) => void }) {
  const { t, fmt, lang } = useI18n();
  const [action, setAction] = useState<Action>('acknowledge');
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState(() => isoDay(new Date(Date.now() + 90 * 86_400_000)));
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<FindingStatus | null>(null);
  // Resolved while the latest evaluation still detects the condition: it will reopen, and the user must know now.
  const [willReopen, setWillReopen] = useState(false);
  const [acknowledge, ackState] = useMutation(ACKNOWLEDGE_FINDING);
  const [accept, acceptState] = useMutation(ACCEPT_FINDING_RISK);
  const [resolve, resolveState] = useMutation(RESOLVE_FINDING);
  const [markFalsePositive, falsePositiveState] = useMutation(MARK_FINDING_FALSE_POSITIVE);
  const running = ackState.running || acceptState.running || resolveState.running || falsePositiveState.running;
  const error = ackState.error ?? acceptState.error ?? resolveState.error ?? falsePositiveState.error;
  const needsExpiry = action === 'accept' || action === 'falsePositive';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setDone(null);
    setWillReopen(false);
    let updated: FindingDetail | undefined;
    if (action === 'accept') {
      if (!reason.trim()) return setProblem(t('findings.reasonMissing'));
      if (!expiry || isoDay(new Date()) >= expiry) return setProblem(t('findings.expiryInvalid'));
      updated = (await accept({ org, lang, id: finding.id, reason: reason.trim(), expiresAt: new Date(`${expiry}T23:59:59Z`).toISOString() }))?.acceptFindingRisk;
    } else if (action === 'falsePositive') {
      if (!reason.trim()) return setProblem(t('findings.falsePositiveReasonMissing'));
      if (!expiry || isoDay(new Date()) >= expiry) return setProblem(t('findings.expiryInvalid'));
      updated = (await markFalsePositive({ org, lang, id: finding.id, reason: reason.trim(), expiresAt: new Date(`${expiry}T23:59:59Z`).toISOString() }))
        ?.markFindingFalsePositive;
    } else if (action === 'acknowledge') {
      updated = (await acknowledge({ org, lang, id: finding.id, reason: reason.trim() || null }))?.acknowledgeFinding;
    } else {
      const resolved = (await resolve({ org, lang, id: finding.id, reason: reason.trim() || null }))?.resolveFinding;
      setWillReopen(resolved?.stillDetected === true);
      updated = resolved;
    }
    if (updated) {
      setDone(updated.status);
      setReason('');
      onChanged(updated);
    }
  };

  return (
    <form className="card" aria-labelledby="finding-actions-title" onSubmit={submit} noValidate>
      <h2 id="finding-actions-title">{t('findings.actions')}</h2>
      <fieldset>
        <legend className="visually-hidden">{t('findings.actions')}</legend>
        <div className="form-row" role="radiogroup">
          {(['acknowledge', 'accept', 'falsePositive', 'resolve'] as const).map((a) => (
            <label key={a} className="inline-field">
              <input type="radio" name="finding-action" value={a} checked={action === a} onChange={() => setAction(a)} />
              {t(ACTION_LABELS[a])}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field" style={{ marginTop: '0.75rem' }}>
        <label htmlFor="finding-reason">{t(needsExpiry ? 'findings.reasonRequired' : 'findings.reasonOptional')}</label>
        <textarea
          id="finding-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required={needsExpiry}
          aria-invalid={problem === t('findings.reasonMissing') || problem === t('findings.falsePositiveReasonMissing')}
        />
      </div>
      {action === 'falsePositive' ? (
        <TextField
          label={t('findings.falsePositiveExpiresAt')}
          hint={t('findings.falsePositiveHint')}
          type="date"
          value={expiry}
          min={isoDay(new Date(Date.now() + 86_400_000))}
          onChange={setExpiry}
          required
          testId="false-positive-expiry"
        />
      ) : null}
      {action === 'accept' ? (
        <TextField label={t('findings.expiresAt')} hint={t('findings.expiresHint')} type="date" value={expiry} min={isoDay(new Date(Date.now() + 86_400_000))} onChange={setExpiry} required testId="risk-expiry" />
      ) : null}
      {problem ? (
        <p className="notice warn" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {done && willReopen ? (
        <p className="notice warn" role="status" data-testid="resolve-still-detected">
          {t('findings.resolvedStillDetected', { lastDetected: fmt.date(finding.lastDetectedAt) })}
        </p>
      ) : done === 'RESOLVED' ? (
        <p className="notice success" role="status" data-testid="resolve-no-longer-detected">
          {t('findings.resolvedNoLongerDetected')}
        </p>
      ) : done ? (
        <p className="notice success" role="status">
          {t('findings.updated', { status: t(`status.${done}`) })}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={running} data-testid="finding-action-submit">
        {running ? t('common.saving') : t(ACTION_LABELS[action])}
      </button>
    </form>
  );
}
