import { Module } from '@nestjs/common';
import { NotificationChannelRepository } from '../storage/notification-channel.repository.js';
import { NotificationDeliveryRepository } from '../storage/notification-delivery.repository.js';
import { NotificationOutbox } from './notification-outbox.js';

/**
 * Only the outbox: what a module that causes notifications (posture's evaluation, reports) imports to record
 * them in its own transactions, without the channels, workers and GraphQL of NotificationsModule.
 */
@Module({
  providers: [NotificationOutbox, NotificationChannelRepository, NotificationDeliveryRepository],
  exports: [NotificationOutbox, NotificationChannelRepository, NotificationDeliveryRepository],
})
export class NotificationOutboxModule {}
