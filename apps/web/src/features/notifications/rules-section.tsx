import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { isMessageKey } from '../../i18n/messages.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { type RuleView, SET_NOTIFICATION_RULE } from './notifications.documents.js';

/** What is sent where: each event type on or off (channels and recipients stay as the CLI set them). */
export function RulesSection({ org, rules, onChanged }: { org: string; rules: readonly RuleView[]; onChanged: () => void }) {
  const { t } = useI18n();
  const [setRule, state] = useMutation(SET_NOTIFICATION_RULE);
  const label = (type: string) => {
    const key = `notifications.event.${type}`;
    return isMessageKey(key) ? t(key) : type;
  };
  const toggle = async (rule: RuleView) => {
    if (await setRule({ org, type: rule.type, enabled: !rule.enabled })) onChanged();
  };
  return (
    <section className="card section" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('notifications.rules')}</h2>
      <p className="small muted">{t('notifications.rulesHint')}</p>
      <div className="table-scroll">
        <table className="data" data-testid="rules-table">
          <caption className="visually-hidden">{t('notifications.rules')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notifications.event')}</th>
              <th scope="col">{t('notifications.enabled')}</th>
              <th scope="col">{t('notifications.channels')}</th>
              <th scope="col">{t('notifications.recipients')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.type}>
                <th scope="row">
                  {label(rule.type)} <code className="small muted">{rule.type}</code>
                  {rule.isDefault ? <span className="badge"> {t('notifications.default')}</span> : null}
                </th>
                <td>
                  <label className="inline-field">
                    <input type="checkbox" checked={rule.enabled} onChange={() => toggle(rule)} disabled={state.running} data-testid={`rule-${rule.type}`} />
                    <span>{rule.enabled ? t('notifications.on') : t('notifications.off')}</span>
                    <span className="visually-hidden">{label(rule.type)}</span>
                  </label>
                </td>
                <td className="small">{rule.channelNames ? rule.channelNames.join(', ') || t('common.none') : t('notifications.defaultChannels')}</td>
                <td className="small">{rule.recipients ? rule.recipients.join(', ') || t('common.none') : t('notifications.channelRecipients')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state.error ? <ErrorMessage error={state.error} /> : null}
    </section>
  );
}
