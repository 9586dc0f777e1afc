import { type DynamicModule, Module } from '@nestjs/common';
import { ChannelSecretBox } from './channels/channel-secrets.js';
import { NotificationChannelService } from './channels/notification-channel.service.js';
import { NotificationDeliverer } from './delivery/notification-deliverer.js';
import { NotificationWorker } from './delivery/notification-worker.js';
import { OUTBOUND_HTTP, sendOutboundHttp } from './delivery/outbound-http.js';
import { NotificationResolver } from './graphql/notification.resolver.js';
import { JiraTickets } from './jira/jira-tickets.js';
import { TicketStatusWatcher } from './jira/ticket-status-watcher.js';
import { NOTIFICATIONS_OPTIONS, type NotificationsModuleOptions, resolveNotificationsOptions } from './notifications.options.js';
import { NotificationOutboxModule } from './outbox/notification-outbox.module.js';
import { NotificationScheduleService } from './schedule/notification-schedule.service.js';
import { NotificationScheduleRepository } from './storage/notification-schedule.repository.js';

/**
 * Channels, rules, delivery and the delivery log. The API imports it with `worker: true` (an in-process
 * worker); the CLI without, and `postureboard worker` starts one explicitly.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsModuleOptions = {}): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [NotificationOutboxModule],
      providers: [
        { provide: NOTIFICATIONS_OPTIONS, useValue: resolveNotificationsOptions(options) },
        // The one function every outbound HTTP request goes through: override this provider to guard them.
        { provide: OUTBOUND_HTTP, useValue: sendOutboundHttp },
        ChannelSecretBox,
        NotificationChannelService,
        NotificationDeliverer,
        NotificationWorker,
        JiraTickets,
        TicketStatusWatcher,
        NotificationScheduleService,
        NotificationScheduleRepository,
        NotificationResolver,
      ],
      exports: [NotificationChannelService, NotificationWorker, TicketStatusWatcher, NotificationScheduleService, NotificationOutboxModule, ChannelSecretBox],
    };
  }
}
