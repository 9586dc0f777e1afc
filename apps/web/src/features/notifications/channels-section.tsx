import { useState } from 'react';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { Empty, ErrorMessage } from '../../ui/query-state.js';
import { type ChannelView, REMOVE_NOTIFICATION_CHANNEL, TEST_NOTIFICATION_CHANNEL } from './notifications.documents.js';

type TestResult = { channel: string; ok: boolean; statusCode: number | null; response: string; error: string | null };

/** The non-secret options of a channel, one `key: value` each (the server never sends secrets). */
function describeConfig(config: string): string {
  try {
    const parsed = JSON.parse(config) as Record<string, unknown>;
    return Object.entries(parsed)
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
      .join(' · ');
  } catch {
    return '';
  }
}

export function ChannelsSection({ org, channels, onChanged }: { org: string; channels: readonly ChannelView[]; onChanged: () => void }) {
  const { t, fmt } = useI18n();
  const [test, testState] = useMutation(TEST_NOTIFICATION_CHANNEL);
  const [remove, removeState] = useMutation(REMOVE_NOTIFICATION_CHANNEL);
  const [result, setResult] = useState<TestResult | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  const sendTest = async (name: string) => {
    setResult(null);
    setRemoved(null);
    const answer = await test({ org, name });
    if (answer) setResult({ channel: name, ...answer.testNotificationChannel });
  };
  const confirmRemove = async (name: string) => {
    const done = await remove({ org, name });
    setConfirming(null);
    if (done) {
      setRemoved(name);
      setResult(null);
      onChanged();
    }
  };

  return (
    <section className="card section" aria-labelledby="channels-title">
      <h2 id="channels-title">{t('notifications.channels')}</h2>
      {channels.length === 0 ? (
        <Empty>{t('notifications.noChannels')}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="channels-table">
            <caption className="visually-hidden">{t('notifications.channels')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notifications.field.name')}</th>
                <th scope="col">{t('notifications.type')}</th>
                <th scope="col">{t('notifications.language')}</th>
                <th scope="col">{t('notifications.settings')}</th>
                <th scope="col">{t('notifications.secrets')}</th>
                <th scope="col">{t('notifications.updated')}</th>
                <th scope="col">{t('notifications.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{t(`notifications.channelType.${c.type as 'webhook'}`)}</td>
                  <td>{c.lang === 'ko' ? '한국어' : 'English'}</td>
                  <td className="small">{describeConfig(c.config) || t('common.dash')}</td>
                  <td className="small">{c.secretFieldsSet.length ? t('notifications.secretsSet', { fields: c.secretFieldsSet.join(', ') }) : t('common.none')}</td>
                  <td className="small">{fmt.dateTime(c.updatedAt)}</td>
                  <td>
                    <div className="page-actions">
                      <button type="button" className="button secondary" onClick={() => sendTest(c.name)} disabled={testState.running} aria-label={t('notifications.sendTestTo', { name: c.name })}>
                        {t('notifications.sendTest')}
                      </button>
                      {confirming === c.name ? (
                        <>
                          <button type="button" className="button danger" onClick={() => confirmRemove(c.name)} disabled={removeState.running} autoFocus>
                            {t('notifications.confirmRemove', { name: c.name })}
                          </button>
                          <button type="button" className="button secondary" onClick={() => setConfirming(null)}>
                            {t('common.cancel')}
                          </button>
                        </>
                      ) : (
                        <button type="button" className="button secondary" onClick={() => setConfirming(c.name)} aria-label={t('notifications.removeNamed', { name: c.name })}>
                          {t('notifications.remove')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div aria-live="polite">
        {testState.running ? <p className="small muted">{t('notifications.testing')}</p> : null}
        {result ? (
          <div className={`notice ${result.ok ? 'success' : 'warn'}`} data-testid="test-result">
            <strong>{result.ok ? t('notifications.testOk', { name: result.channel }) : t('notifications.testFailed', { name: result.channel })}</strong>
            <div className="small">
              {t('notifications.receiverStatus')}: {result.statusCode ?? t('common.dash')}
              {result.error ? ` · ${result.error}` : ''}
            </div>
            <div className="small">{t('notifications.receiverAnswer')}:</div>
            <pre className="receiver-answer">{result.response || t('common.dash')}</pre>
          </div>
        ) : null}
        {removed ? <p className="notice">{t('notifications.removed', { name: removed })}</p> : null}
      </div>
      {testState.error ? <ErrorMessage error={testState.error} /> : null}
      {removeState.error ? <ErrorMessage error={removeState.error} /> : null}
    </section>
  );
}
