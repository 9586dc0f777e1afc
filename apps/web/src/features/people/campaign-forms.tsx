import { useState, type FormEvent } from 'react';
import type { ReviewDecision } from '../../data-access/graphql.generated.js';
import type { CampaignView } from './people.documents.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { SelectField, TextField } from '../../ui/form-fields.js';
import { CREATE_CAMPAIGN, RECORD_DECISION } from './people.documents.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function CreateCampaignForm({ org, onCreated }: { org: string; onCreated: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [scope, setScope] = useState('');
  const [due, setDue] = useState(() => inDays(30));
  const [message, setMessage] = useState<string | null>(null);
  const [create, state] = useMutation(CREATE_CAMPAIGN);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!name.trim() || !due) return setMessage(t('people.required'));
    const result = await create({ org, name: name.trim(), scope: scope.trim() || null, dueAt: new Date(`${due}T23:59:59Z`).toISOString() });
    if (result) {
      setMessage(t('people.created', { name: result.createAccessReviewCampaign.name }));
      setName('');
      setScope('');
      onCreated();
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="create-campaign-title" noValidate>
      <h2 id="create-campaign-title">{t('people.newCampaign')}</h2>
      <TextField label={t('people.campaignName')} value={name} onChange={setName} required />
      <TextField label={t('people.campaignScope')} hint={t('people.campaignScopeHint')} value={scope} onChange={setScope} />
      <TextField label={t('people.campaignDue')} type="date" value={due} onChange={setDue} required />
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {message ? <p className="notice" role="status">{message}</p> : null}
      <button type="submit" className="button" disabled={state.running}>
        {state.running ? t('common.saving') : t('people.create')}
      </button>
    </form>
  );
}

export function RecordDecisionForm({ org, campaigns, onRecorded }: { org: string; campaigns: CampaignView[]; onRecorded: () => void }) {
  const { t } = useI18n();
  const open = campaigns.filter((c) => !c.closedAt);
  const [campaignId, setCampaignId] = useState('');
  const [email, setEmail] = useState('');
  const [entitlement, setEntitlement] = useState('');
  const [decision, setDecision] = useState<ReviewDecision>('REVOKE');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [record, state] = useMutation(RECORD_DECISION);
  const chosen = campaignId || open[0]?.id || '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!chosen || !email.trim() || !entitlement.trim()) return setMessage(t('people.required'));
    const result = await record({ org, campaignId: chosen, identityEmail: email.trim(), entitlement: entitlement.trim(), decision, reason: reason.trim() || null });
    if (result) {
      const c = result.recordReviewDecision;
      setMessage(t('people.recorded', { decided: c.decided, total: c.total }));
      setEntitlement('');
      setReason('');
      onRecorded();
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="record-decision-title" noValidate>
      <h2 id="record-decision-title">{t('people.recordDecision')}</h2>
      <SelectField label={t('people.decisionCampaign')} value={chosen} onChange={setCampaignId} allowAll={false} options={open.map((c) => ({ value: c.id, label: c.name }))} />
      <TextField label={t('people.identityEmail')} type="email" value={email} onChange={setEmail} required autoComplete="off" />
      <TextField label={t('people.entitlement')} value={entitlement} onChange={setEntitlement} required />
      <SelectField
        label={t('people.decision')}
        value={decision}
        onChange={(value) => setDecision(value === 'KEEP' ? 'KEEP' : 'REVOKE')}
        allowAll={false}
        options={[
          { value: 'REVOKE', label: t('people.decisionRevoke') },
          { value: 'KEEP', label: t('people.decisionApprove') },
        ]}
      />
      <TextField label={t('findings.reasonOptional')} value={reason} onChange={setReason} />
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {message ? <p className="notice" role="status">{message}</p> : null}
      <button type="submit" className="button" disabled={state.running || open.length === 0}>
        {state.running ? t('common.saving') : t('people.record')}
      </button>
    </form>
  );
}
