import { useEffect, useState, type FormEvent } from 'react';
import type { DataSourceView } from './connectors.documents.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { TextField } from '../../ui/form-fields.js';
import { CONFIGURE_DATA_SOURCE, KNOWN_CONNECTOR_TYPES } from './connectors.documents.js';

interface SecretDraft {
  name: string;
  value: string;
}

/**
 * Secrets travel only from the browser to the server: stored ones show as names with empty
 * password fields, and a blank value is left out so the server keeps what it has.
 */
export function ConfigureForm({ org, editing, onSaved }: { org: string; editing: DataSourceView | undefined; onSaved: () => void }) {
  const { t } = useI18n();
  const [type, setType] = useState('');
  const [name, setName] = useState('');
  const [schedule, setSchedule] = useState('');
  const [config, setConfig] = useState('{}');
  const [secrets, setSecrets] = useState<SecretDraft[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [configure, state] = useMutation(CONFIGURE_DATA_SOURCE);

  useEffect(() => {
    setType(editing?.type ?? '');
    setName(editing?.name ?? '');
    setSchedule(editing?.schedule ?? '');
    setConfig(editing?.config ?? '{}');
    setSecrets((editing?.secretFieldsSet ?? []).map((field) => ({ name: field, value: '' })));
    setMessage(null);
  }, [editing]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    let settings: unknown;
    try {
      settings = JSON.parse(config || '{}');
    } catch {
      settings = null;
    }
    if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return setMessage(t('connectors.invalidJson'));
    if (!type.trim() || !name.trim()) return setMessage(t('people.required'));
    const withSecrets = { ...(settings as Record<string, unknown>) };
    for (const secret of secrets) if (secret.name.trim() && secret.value) withSecrets[secret.name.trim()] = secret.value;
    const result = await configure({ org, type: type.trim(), name: name.trim(), config: JSON.stringify(withSecrets), schedule: schedule.trim() || null });
    if (result) {
      setMessage(t('connectors.saved', { name: result.configureDataSource.name }));
      setSecrets((list) => list.map((s) => ({ ...s, value: '' })));
      onSaved();
    }
  };

  return (
    <form className="card section" onSubmit={submit} aria-labelledby="configure-title" noValidate autoComplete="off">
      <h2 id="configure-title">{t('connectors.configure')}</h2>
      <p className="small muted">{t('connectors.configureHint')}</p>
      <div className="form-row">
        <div className="field">
          <label htmlFor="connector-type">{t('connectors.type')}</label>
          <input id="connector-type" list="connector-types" value={type} onChange={(e) => setType(e.target.value)} required />
          <datalist id="connector-types">
            {KNOWN_CONNECTOR_TYPES.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
        </div>
        <TextField label={t('connectors.name')} value={name} onChange={setName} required />
        <TextField label={t('connectors.schedule')} hint="cron" value={schedule} onChange={setSchedule} />
      </div>
      <div className="field">
        <label htmlFor="connector-config">{t('connectors.configJson')}</label>
        <textarea id="connector-config" value={config} onChange={(e) => setConfig(e.target.value)} spellCheck={false} style={{ fontFamily: 'monospace', minHeight: '6rem' }} />
      </div>
      <fieldset>
        <legend>{editing?.secretFieldsSet.length ? t('connectors.secretsSet', { fields: editing.secretFieldsSet.join(', ') }) : t('connectors.noSecrets')}</legend>
        {secrets.map((secret, i) => (
          <div className="form-row" key={i}>
            <TextField label={t('connectors.secretName')} value={secret.name} onChange={(v) => setSecrets((list) => list.map((s, j) => (j === i ? { ...s, name: v } : s)))} />
            <TextField
              label={t('connectors.secretValue')}
              type="password"
              autoComplete="new-password"
              value={secret.value}
              onChange={(v) => setSecrets((list) => list.map((s, j) => (j === i ? { ...s, value: v } : s)))}
            />
            <button type="button" className="button secondary" onClick={() => setSecrets((list) => list.filter((_, j) => j !== i))}>
              {t('connectors.removeSecret')}
            </button>
          </div>
        ))}
        <button type="button" className="button-link" onClick={() => setSecrets((list) => [...list, { name: '', value: '' }])}>
          + {t('connectors.addSecret')}
        </button>
      </fieldset>
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {message ? <p className="notice" role="status">{message}</p> : null}
      <p>
        <button type="submit" className="button" disabled={state.running}>
          {state.running ? t('common.saving') : t('connectors.save')}
        </button>
      </p>
    </form>
  );
}
