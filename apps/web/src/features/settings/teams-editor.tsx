import { useState, type FormEvent } from 'react';
import type { TeamView } from './settings.documents.js';
import { useAccess } from '../../app/access/access.context.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { Empty, ErrorMessage } from '../../ui/query-state.js';
import { TextField } from '../../ui/form-fields.js';
import { CREATE_TEAM } from './settings.documents.js';

export function TeamsEditor({ org, teams, onSaved }: { org: string; teams: TeamView[]; onSaved: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [lead, setLead] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [create, state] = useMutation(CREATE_TEAM);
  const mayCreate = useAccess().can(CREATE_TEAM);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!name.trim()) return setMessage(t('people.required'));
    const result = await create({ org, name: name.trim(), leadEmail: lead.trim() || null });
    if (result) {
      setMessage(t('settings.teamCreated', { name: result.createTeam.name }));
      setName('');
      setLead('');
      onSaved();
    }
  };
  return (
    <section className="card" aria-labelledby="teams-title">
      <h2 id="teams-title">{t('settings.teams')}</h2>
      {teams.length === 0 ? (
        <Empty>{t('settings.teamsEmpty')}</Empty>
      ) : (
        <ul className="plain-list" data-testid="teams">
          {teams.map((team) => (
            <li key={team.id}>
              <strong>{team.name}</strong> <span className="small muted">{team.leadEmail ?? ''}</span>
            </li>
          ))}
        </ul>
      )}
      {mayCreate ? (
        <form className="form-row section" onSubmit={submit} noValidate>
          <TextField label={t('settings.teamName')} value={name} onChange={setName} required />
          <TextField label={t('settings.leadEmail')} type="email" value={lead} onChange={setLead} />
          <button type="submit" className="button secondary" disabled={state.running}>
            {t('settings.createTeam')}
          </button>
        </form>
      ) : null}
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {message ? <p className="notice" role="status">{message}</p> : null}
    </section>
  );
}
