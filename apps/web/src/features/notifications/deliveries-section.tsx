import { useState } from 'react';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { SelectField } from '../../ui/form-fields.js';
import { Empty, QueryState } from '../../ui/query-state.js';
import { NOTIFICATION_DELIVERIES_QUERY } from './notifications.documents.js';

const STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

/** The delivery log: each message to each channel, how often it was tried and what the receiver last said. */
export function DeliveriesSection({ org }: { org: string }) {
  const { t, fmt } = useI18n();
  const [status, setStatus] = useState('');
  const query = useQuery(NOTIFICATION_DELIVERIES_QUERY, { org, status: status || null });
  return (
    <section className="card section" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{t('notifications.deliveries')}</h2>
      <form className="filters" role="search" aria-label={t('common.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('notifications.status')}
          value={status}
          onChange={setStatus}
          testId="delivery-status"
          options={STATUSES.map((s) => ({ value: s, label: t(`notifications.deliveryStatus.${s}`) }))}
        />
      </form>
      <QueryState {...query}>
        {({ notificationDeliveries: rows, notificationRetentionDays: days }) => (
          <>
            <p className="small muted" data-testid="delivery-retention">
              {t('notifications.retention', { days: fmt.number(days) })}
            </p>
            {rows.length === 0 ? (
              <Empty>{t('notifications.noDeliveries')}</Empty>
            ) : (
              <div className="table-scroll">
                <table className="data" data-testid="deliveries-table">
                  <caption className="visually-hidden">{t('notifications.deliveries')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('notifications.created')}</th>
                      <th scope="col">{t('notifications.event')}</th>
                      <th scope="col">{t('notifications.channel')}</th>
                      <th scope="col">{t('notifications.status')}</th>
                      <th scope="col" className="numeric">{t('notifications.attempts')}</th>
                      <th scope="col">{t('notifications.receiverAnswer')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((d) => (
                      <tr key={d.id}>
                        <td className="small">{fmt.dateTime(d.createdAt)}</td>
                        <td>
                          <code className="small">{d.type}</code>
                        </td>
                        <td>{d.channelName}</td>
                        <td>
                          <span className={`badge delivery-${d.status}`}>{STATUSES.includes(d.status as 'sent') ? t(`notifications.deliveryStatus.${d.status as 'sent'}`) : d.status}</span>
                          <div className="small muted">{d.sentAt ? fmt.dateTime(d.sentAt) : d.status === 'pending' ? t('notifications.nextAttempt', { at: fmt.dateTime(d.nextAttemptAt) }) : null}</div>
                        </td>
                        <td className="numeric">{fmt.number(d.attempts)}</td>
                        <td className="small">
                          {d.lastStatusCode !== null ? <strong>{d.lastStatusCode} </strong> : null}
                          {d.lastError ? <span>{d.lastError} </span> : null}
                          {d.lastResponse ? <pre className="receiver-answer">{d.lastResponse}</pre> : d.lastError || d.lastStatusCode !== null ? null : t('common.dash')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
