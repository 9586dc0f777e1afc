import { useState, type FormEvent } from 'react';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import type { MessageKey } from '../../i18n/messages.js';
import { SelectField, TextField } from '../../ui/form-fields.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { CONFIGURE_NOTIFICATION_CHANNEL } from './notifications.documents.js';

export const CHANNEL_TYPES = ['webhook', 'slack', 'teams', 'smtp', 'jira'] as const;
type ChannelType = (typeof CHANNEL_TYPES)[number];

/** A field of a channel type: `arg` says where the API takes it (url, secret, or an option of `options`). */
interface FieldSpec {
  key: string;
  label: MessageKey;
  hint?: MessageKey;
  arg: 'url' | 'secret' | 'option';
  kind?: 'text' | 'password' | 'email' | 'number' | 'select';
  choices?: readonly string[];
  required?: boolean;
}

// What each type needs, as libs/server/notifications/src/channels/channel-config.ts validates it.
const FIELDS: Record<ChannelType, readonly FieldSpec[]> = {
  webhook: [
    { key: 'url', label: 'notifications.field.receiverUrl', arg: 'url', required: true },
    { key: 'signingSecret', label: 'notifications.field.signingSecret', hint: 'notifications.hint.signingSecret', arg: 'secret', kind: 'password', required: true },
  ],
  slack: [{ key: 'webhookUrl', label: 'notifications.field.incomingWebhookUrl', hint: 'notifications.hint.urlIsSecret', arg: 'secret', kind: 'password', required: true }],
  teams: [{ key: 'webhookUrl', label: 'notifications.field.incomingWebhookUrl', hint: 'notifications.hint.urlIsSecret', arg: 'secret', kind: 'password', required: true }],
  smtp: [
    { key: 'host', label: 'notifications.field.host', arg: 'option', required: true },
    { key: 'port', label: 'notifications.field.port', arg: 'option', kind: 'number' },
    { key: 'security', label: 'notifications.field.security', arg: 'option', kind: 'select', choices: ['starttls', 'tls', 'none'] },
    { key: 'from', label: 'notifications.field.from', arg: 'option', kind: 'email', required: true },
    { key: 'to', label: 'notifications.field.to', hint: 'notifications.hint.commaSeparated', arg: 'option' },
    { key: 'username', label: 'notifications.field.username', arg: 'option' },
    { key: 'password', label: 'notifications.field.password', arg: 'secret', kind: 'password' },
  ],
  jira: [
    { key: 'url', label: 'notifications.field.jiraUrl', arg: 'url', required: true },
    { key: 'deployment', label: 'notifications.field.deployment', arg: 'option', kind: 'select', choices: ['cloud', 'datacenter'] },
    { key: 'email', label: 'notifications.field.jiraEmail', hint: 'notifications.hint.jiraEmail', arg: 'option', kind: 'email' },
    { key: 'projectKey', label: 'notifications.field.projectKey', arg: 'option', required: true },
    { key: 'issueType', label: 'notifications.field.issueType', arg: 'option' },
    { key: 'resolveTransition', label: 'notifications.field.resolveTransition', arg: 'option' },
    { key: 'apiToken', label: 'notifications.field.apiToken', hint: 'notifications.hint.apiToken', arg: 'secret', kind: 'password', required: true },
  ],
};

/**
 * Adds a channel, or reconfigures one of the same name. Secret fields are password inputs that start
 * empty and are cleared after saving: a secret goes to the server once and never comes back.
 */
export function ChannelForm({ org, onSaved }: { org: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [type, setType] = useState<ChannelType>('webhook');
  const [name, setName] = useState('');
  const [lang, setLang] = useState('en');
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [configure, state] = useMutation(CONFIGURE_NOTIFICATION_CHANNEL);
  const fields = FIELDS[type];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const missing = fields.filter((f) => f.required && !values[f.key]?.trim());
    const unnamed = name.trim() ? [] : [t('notifications.field.name')];
    if (unnamed.length + missing.length > 0) return setMessage(t('notifications.required', { fields: [...unnamed, ...missing.map((f) => t(f.label))].join(', ') }));
    const url = fields.find((f) => f.arg === 'url');
    const secret = fields.find((f) => f.arg === 'secret');
    const options: Record<string, string | string[]> = {};
    for (const f of fields) {
      const value = values[f.key]?.trim();
      if (f.arg !== 'option' || !value) continue;
      options[f.key] = f.key === 'to' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
    }
    const result = await configure({
      org,
      type,
      name: name.trim(),
      lang,
      url: url ? values[url.key]?.trim() || null : null,
      secret: secret ? values[secret.key] || null : null,
      options: Object.keys(options).length > 0 ? JSON.stringify(options) : null,
    });
    if (result) {
      setMessage(t('notifications.saved', { name: result.configureNotificationChannel.name }));
      setValues((v) => Object.fromEntries(Object.entries(v).filter(([key]) => !fields.some((f) => f.key === key && f.kind === 'password'))));
      onSaved();
    }
  };

  return (
    <form className="card section" onSubmit={submit} aria-labelledby="channel-form-title" noValidate autoComplete="off" data-testid="channel-form">
      <h2 id="channel-form-title">{t('notifications.addChannel')}</h2>
      <p className="small muted">{t('notifications.addChannelHint')}</p>
      <div className="form-row">
        <SelectField
          label={t('notifications.type')}
          value={type}
          allowAll={false}
          testId="channel-type"
          options={CHANNEL_TYPES.map((c) => ({ value: c, label: t(`notifications.channelType.${c}`) }))}
          onChange={(v) => {
            setType(v as ChannelType);
            setValues({});
            setMessage(null);
          }}
        />
        <TextField label={t('notifications.field.name')} value={name} onChange={setName} required testId="channel-name" />
        <SelectField label={t('notifications.language')} value={lang} allowAll={false} options={[{ value: 'en', label: 'English' }, { value: 'ko', label: '한국어' }]} onChange={setLang} />
      </div>
      <div className="form-row">
        {fields.map((f) =>
          f.kind === 'select' ? (
            <SelectField
              key={`${type}-${f.key}`}
              label={t(f.label)}
              value={values[f.key] ?? f.choices?.[0] ?? ''}
              allowAll={false}
              options={(f.choices ?? []).map((c) => ({ value: c, label: c }))}
              onChange={(v) => setValues((all) => ({ ...all, [f.key]: v }))}
              testId={`channel-${f.key}`}
            />
          ) : (
            <TextField
              key={`${type}-${f.key}`}
              label={t(f.label)}
              hint={f.hint ? t(f.hint) : f.required ? undefined : t('notifications.optional')}
              type={f.kind ?? 'text'}
              autoComplete={f.kind === 'password' ? 'new-password' : 'off'}
              required={f.required}
              value={values[f.key] ?? ''}
              onChange={(v) => setValues((all) => ({ ...all, [f.key]: v }))}
              testId={`channel-${f.key}`}
            />
          ),
        )}
      </div>
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <p>
        <button type="submit" className="button" disabled={state.running} data-testid="channel-save">
          {state.running ? t('common.saving') : t('notifications.saveChannel')}
        </button>
      </p>
    </form>
  );
}
