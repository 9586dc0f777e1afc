import { useState, type FormEvent } from 'react';
import { CREDENTIAL_KINDS, ENVIRONMENTS } from '../../data-access/enum-order.js';
import type { CredentialKind, Environment } from '../../data-access/graphql.generated.js';
import type { TeamView } from './settings.documents.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { SelectField, TextField } from '../../ui/form-fields.js';
import { SET_ROTATION_POLICY } from './settings.documents.js';

export function PolicyForm({ org, teams, onSaved }: { org: string; teams: TeamView[]; onSaved: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<CredentialKind>('ACCESS_KEY');
  const [environment, setEnvironment] = useState<Environment>('PRODUCTION');
  const [maxAge, setMaxAge] = useState('90');
  const [warning, setWarning] = useState('30');
  const [grace, setGrace] = useState('0');
  const [teamId, setTeamId] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [save, state] = useMutation(SET_ROTATION_POLICY);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const [maxAgeDays, warningDays, graceDays] = [maxAge, warning, grace].map(Number);
    if (![maxAgeDays, warningDays, graceDays].every((n) => Number.isInteger(n) && n >= 0) || maxAgeDays === 0) return setMessage(t('people.required'));
    const result = await save({ org, input: { credentialKind: kind, environment, maxAgeDays, warningDays, graceDays, teamId: teamId || null } });
    if (result) {
      setMessage(t('settings.policySaved'));
      onSaved();
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="policy-form-title" className="section">
      <h3 id="policy-form-title">{t('settings.addPolicy')}</h3>
      <div className="form-row">
        <SelectField label={t('settings.kind')} value={kind} onChange={(v) => setKind(v as CredentialKind)} allowAll={false} options={CREDENTIAL_KINDS.map((k) => ({ value: k, label: t(`credKind.${k}`) }))} />
        <SelectField label={t('settings.environment')} value={environment} onChange={(v) => setEnvironment(v as Environment)} allowAll={false} options={ENVIRONMENTS.map((e) => ({ value: e, label: t(`env.${e}`) }))} />
        <SelectField label={t('settings.team')} value={teamId} onChange={setTeamId} allowAll={false} options={[{ value: '', label: t('settings.allTeams') }, ...teams.map((team) => ({ value: team.id, label: team.name }))]} />
        <TextField label={t('settings.maxAge')} type="number" min={1} value={maxAge} onChange={setMaxAge} required />
        <TextField label={t('settings.warning')} type="number" min={0} value={warning} onChange={setWarning} />
        <TextField label={t('settings.grace')} type="number" min={0} value={grace} onChange={setGrace} />
        <button type="submit" className="button" disabled={state.running}>
          {state.running ? t('common.saving') : t('common.save')}
        </button>
      </div>
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {message ? <p className="notice" role="status">{message}</p> : null}
    </form>
  );
}
