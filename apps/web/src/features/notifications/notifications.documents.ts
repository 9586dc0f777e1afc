import { gql } from '../../data-access/graphql-client.js';
import type {
  ConfigureNotificationChannelMutation,
  ConfigureNotificationChannelMutationVariables,
  FindingTicketQuery,
  FindingTicketQueryVariables,
  NotificationDeliveriesQuery,
  NotificationDeliveriesQueryVariables,
  NotificationsPageQuery,
  NotificationsPageQueryVariables,
  RemoveNotificationChannelMutation,
  RemoveNotificationChannelMutationVariables,
  SetNotificationRuleMutation,
  SetNotificationRuleMutationVariables,
  TestNotificationChannelMutation,
  TestNotificationChannelMutationVariables,
} from '../../data-access/graphql.generated.js';

export type ChannelView = NotificationsPageQuery['notificationChannels'][number];
export type RuleView = NotificationsPageQuery['notificationRules'][number];
export type DeliveryView = NotificationDeliveriesQuery['notificationDeliveries'][number];

export const NOTIFICATIONS_QUERY = gql<NotificationsPageQuery, NotificationsPageQueryVariables>(`
  query NotificationsPage($org: String!) {
    notificationChannels(org: $org) { id type name lang config secretFieldsSet updatedAt }
    notificationRules(org: $org) { type enabled channelNames recipients isDefault }
  }
`);

export const NOTIFICATION_DELIVERIES_QUERY = gql<NotificationDeliveriesQuery, NotificationDeliveriesQueryVariables>(`
  query NotificationDeliveries($org: String!, $status: String) {
    notificationDeliveries(org: $org, status: $status, first: 100) {
      id messageId type channelName channelType status attempts lastStatusCode lastResponse lastError nextAttemptAt sentAt createdAt
    }
    notificationRetentionDays(org: $org)
  }
`);

export const FINDING_TICKET_QUERY = gql<FindingTicketQuery, FindingTicketQueryVariables>(`
  query FindingTicket($org: String!, $findingId: String!) {
    findingTicket(org: $org, findingId: $findingId) { key url status statusCategory statusCheckedAt closedWhileDetectedAt }
  }
`);

export const CONFIGURE_NOTIFICATION_CHANNEL = gql<ConfigureNotificationChannelMutation, ConfigureNotificationChannelMutationVariables>(`
  mutation ConfigureNotificationChannel($org: String!, $type: String!, $name: String!, $lang: String, $url: String, $secret: String, $options: String) {
    configureNotificationChannel(org: $org, type: $type, name: $name, lang: $lang, url: $url, secret: $secret, options: $options) { id name secretFieldsSet }
  }
`);

export const REMOVE_NOTIFICATION_CHANNEL = gql<RemoveNotificationChannelMutation, RemoveNotificationChannelMutationVariables>(`
  mutation RemoveNotificationChannel($org: String!, $name: String!) { removeNotificationChannel(org: $org, name: $name) }
`);

export const TEST_NOTIFICATION_CHANNEL = gql<TestNotificationChannelMutation, TestNotificationChannelMutationVariables>(`
  mutation TestNotificationChannel($org: String!, $name: String!) { testNotificationChannel(org: $org, name: $name) { ok statusCode response error } }
`);

export const SET_NOTIFICATION_RULE = gql<SetNotificationRuleMutation, SetNotificationRuleMutationVariables>(`
  mutation SetNotificationRule($org: String!, $type: String!, $enabled: Boolean) {
    setNotificationRule(org: $org, type: $type, enabled: $enabled) { type enabled channelNames recipients isDefault }
  }
`);
