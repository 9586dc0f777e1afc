import { useState, type FormEvent } from 'react';
import { useMutation } from '../../data-access/use-mutation.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { Empty, ErrorMessage, QueryState } from '../../ui/query-state.js';
import { TextField } from '../../ui/form-fields.js';
import { ADD_IDENTITY_ALIAS, IDENTITY_ALIASES_QUERY, REMOVE_IDENTITY_ALIAS } from './settings.documents.js';

/** The alias table (as `postureboard alias add|list|remove`): other names that tie a source's records to a person. */
export function AliasesEditor({ org }: { org: string }) {
  const { t } = useI18n();
  const query = useQuery(IDENTITY_ALIASES_QUERY, { org });
  const [identity, setIdentity] = useState('');
  const [alias, setAlias] = useState('');
  const [system, setSystem] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [add, addState] = useMutation(ADD_IDENTITY_ALIAS);
  const [remove, removeState] = useMutation(REMOVE_IDENTITY_ALIAS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!identity.trim() || !alias.trim()) return setMessage(t('people.required'));
    const result = await add({ org, identity: identity.trim(), alias: alias.trim(), system: system.trim() || null });
    if (result) {
      const change = result.addIdentityAlias;
      setMessage(t('settings.aliasAdded', { alias: change.alias, accounts: change.linkedAccounts, credentials: change.linkedCredentials }));
      setAlias('');
      query.refetch();
    }
  };

  const drop = async (name: string, aliasSystem: string | null) => {
    setMessage(null);
    const result = await remove({ org, alias: name, system: aliasSystem });
    if (result) {
      setMessage(t('settings.aliasRemoved', { alias: result.removeIdentityAlias.alias }));
      query.refetch();
    }
  };

  return (
    <section className="card section" aria-labelledby="aliases-title">
      <h2 id="aliases-title">{t('settings.aliases')}</h2>
      <p className="small muted">{t('settings.aliasesHint')}</p>
      <QueryState {...query}>
        {({ identityAliases }) =>
          identityAliases.length === 0 ? (
            <Empty>{t('settings.aliasesEmpty')}</Empty>
          ) : (
            <ul className="plain-list" data-testid="aliases">
              {identityAliases.map((entry) => (
                <li key={entry.alias}>
                  <strong>{entry.alias}</strong> {entry.system ? <span className="badge">{entry.system}</span> : null}{' '}
                  <span className="small muted">{entry.identityEmail ?? entry.identityName}</span>{' '}
                  <button type="button" className="button-link" onClick={() => void drop(entry.alias, entry.system)} disabled={removeState.running}>
                    {t('settings.remove', { name: entry.alias })}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <form className="form-row section" onSubmit={submit} noValidate>
        <TextField label={t('settings.aliasIdentity')} value={identity} onChange={setIdentity} required />
        <TextField label={t('settings.alias')} value={alias} onChange={setAlias} required />
        <TextField label={t('settings.aliasSystem')} value={system} onChange={setSystem} />
        <button type="submit" className="button secondary" disabled={addState.running}>
          {t('settings.addAlias')}
        </button>
      </form>
      {addState.error ? <ErrorMessage error={addState.error} /> : null}
      {removeState.error ? <ErrorMessage error={removeState.error} /> : null}
      {message ? <p className="notice" role="status">{message}</p> : null}
    </section>
  );
}
