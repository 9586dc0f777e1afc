import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { FINDING_TICKET_QUERY } from './notifications.documents.js';

/**
 * The finding's Jira ticket, if it has one: its key and status, and a warning when Jira closed it while the finding
 * is still detected. Nothing for roles that may not read tickets, nor for a finding without one.
 */
export function FindingTicketPanel({ org, findingId }: { org: string; findingId: string }) {
  const { t, fmt } = useI18n();
  const query = useQuery(FINDING_TICKET_QUERY, { org, findingId });
  const ticket = query.data?.findingTicket;
  if (!ticket) return null;
  return (
    <section className="card section" aria-labelledby="ticket-title" data-testid="finding-ticket">
      <h2 id="ticket-title">{t('notifications.ticket.title')}</h2>
      <p>
        {ticket.url ? (
          <a href={ticket.url} target="_blank" rel="noopener noreferrer">
            {ticket.key}
          </a>
        ) : (
          ticket.key
        )}{' '}
        <span className="small muted">
          {ticket.status
            ? t('notifications.ticket.status', { status: ticket.status, at: ticket.statusCheckedAt ? fmt.dateTime(ticket.statusCheckedAt) : t('common.dash') })
            : t('notifications.ticket.statusUnknown')}
        </span>
      </p>
      {ticket.closedWhileDetectedAt ? (
        <p className="notice warn" role="status" data-testid="ticket-closed-while-detected">
          {t('notifications.ticket.closedWhileDetected', { key: ticket.key, at: fmt.dateTime(ticket.closedWhileDetectedAt) })}
        </p>
      ) : null}
    </section>
  );
}
