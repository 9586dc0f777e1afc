import { useOrganization } from '../../app/organization.context.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { RoleGate } from '../administration/role-gate.js';
import { ChannelForm } from './channel-form.js';
import { ChannelsSection } from './channels-section.js';
import { DeliveriesSection } from './deliveries-section.js';
import { NOTIFICATIONS_QUERY } from './notifications.documents.js';
import { RulesSection } from './rules-section.js';
import '../administration/administration.css';

function NotificationsContent({ org }: { org: string }) {
  const query = useQuery(NOTIFICATIONS_QUERY, { org });
  return (
    <>
      <QueryState {...query}>
        {({ notificationChannels, notificationRules }) => (
          <>
            <ChannelsSection org={org} channels={notificationChannels} onChanged={query.refetch} />
            <RulesSection org={org} rules={notificationRules} onChanged={query.refetch} />
          </>
        )}
      </QueryState>
      <ChannelForm org={org} onSaved={query.refetch} />
      <DeliveriesSection org={org} />
    </>
  );
}

export default function NotificationsPage() {
  const { t } = useI18n();
  const { slug } = useOrganization();
  return (
    <div className="admin-page">
      <PageHeader title={t('notifications.title')} subtitle={t('notifications.subtitle')} />
      <RoleGate capability="notifications">{() => <NotificationsContent org={slug} />}</RoleGate>
    </div>
  );
}
