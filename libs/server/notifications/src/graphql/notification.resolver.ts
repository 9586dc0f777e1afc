import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '@postureboard/server-auth';
import type { ChannelView } from '../channels/notification-channel.service.js';
import { NotificationChannelService } from '../channels/notification-channel.service.js';
import { isChannelType, isNotificationLang } from '../model/notification-event.js';
import { NotificationError, NotificationErrorCode } from '../notifications.error.js';
import { rethrowForGraphQL } from '../notifications.graphql-error.js';
import { NotificationScheduleService } from '../schedule/notification-schedule.service.js';
import { FindingTicketObject, NotificationChannelObject, NotificationDeliveryObject, NotificationRuleObject, NotificationTestResultObject } from './notification.objects.js';

const toChannelObject = (c: ChannelView): NotificationChannelObject => ({ ...c, config: JSON.stringify(c.config) });

/** Admin-only: channels hold where alerts go and how to authenticate there. */
@Resolver()
@Roles(Role.ADMIN)
export class NotificationResolver {
  constructor(
    private readonly service: NotificationChannelService,
    private readonly schedule: NotificationScheduleService,
  ) {}

  @Query(() => [NotificationChannelObject], { description: 'Notification channels (secrets never returned)' })
  async notificationChannels(@Args('org', { type: () => String }) org: string): Promise<NotificationChannelObject[]> {
    return (await this.service.list(org).catch(rethrowForGraphQL)).map(toChannelObject);
  }

  @Mutation(() => NotificationChannelObject, {
    description:
      'Add or reconfigure a channel by name. `url`: the webhook or Jira base URL. `secret` (write-only; omitted keeps the stored one): the webhook signing secret, SMTP password, Jira API token or PAT, or the Slack/Teams incoming-webhook URL. `options`: JSON of the type’s options',
  })
  async configureNotificationChannel(
    @Args('org', { type: () => String }) org: string,
    @Args('type', { type: () => String }) type: string,
    @Args('name', { type: () => String }) name: string,
    @Args('lang', { type: () => String, nullable: true }) lang: string | null,
    @Args('url', { type: () => String, nullable: true }) url: string | null,
    @Args('secret', { type: () => String, nullable: true }) secret: string | null,
    @Args('options', { type: () => String, nullable: true }) options: string | null,
  ): Promise<NotificationChannelObject> {
    if (!isChannelType(type)) rethrowForGraphQL(new NotificationError(NotificationErrorCode.INVALID_INPUT, `Unknown channel type "${type}"`));
    if (lang != null && !isNotificationLang(lang)) rethrowForGraphQL(new NotificationError(NotificationErrorCode.INVALID_INPUT, 'lang is en or ko'));
    let parsed: Record<string, string | string[]> = {};
    try {
      parsed = options ? (JSON.parse(options) as Record<string, string | string[]>) : {};
    } catch {
      rethrowForGraphQL(new NotificationError(NotificationErrorCode.INVALID_INPUT, 'options is not JSON'));
    }
    const view = await this.service
      .add(org, { type: type as never, name, lang: (lang ?? undefined) as never, url: url ?? undefined, secret: secret ?? undefined, options: parsed })
      .catch(rethrowForGraphQL);
    return toChannelObject(view);
  }

  @Mutation(() => Boolean)
  async removeNotificationChannel(@Args('org', { type: () => String }) org: string, @Args('name', { type: () => String }) name: string): Promise<boolean> {
    await this.service.remove(org, name).catch(rethrowForGraphQL);
    return true;
  }

  @Mutation(() => NotificationTestResultObject, { description: 'Send a test message now and report what the receiver answered' })
  async testNotificationChannel(@Args('org', { type: () => String }) org: string, @Args('name', { type: () => String }) name: string): Promise<NotificationTestResultObject> {
    return this.service.test(org, name).catch(rethrowForGraphQL);
  }

  @Query(() => [NotificationRuleObject])
  async notificationRules(@Args('org', { type: () => String }) org: string): Promise<NotificationRuleObject[]> {
    return this.service.rules(org).catch(rethrowForGraphQL);
  }

  @Mutation(() => NotificationRuleObject)
  async setNotificationRule(
    @Args('org', { type: () => String }) org: string,
    @Args('type', { type: () => String }) type: string,
    @Args('enabled', { type: () => Boolean, nullable: true }) enabled: boolean | null,
    @Args('channelNames', { type: () => [String], nullable: true }) channelNames: string[] | null,
    @Args('recipients', { type: () => [String], nullable: true }) recipients: string[] | null,
  ): Promise<NotificationRuleObject> {
    return this.service
      .setRule(org, type, { enabled: enabled ?? undefined, channelNames: channelNames ?? undefined, recipients: recipients ?? undefined })
      .catch(rethrowForGraphQL);
  }

  @Query(() => [NotificationDeliveryObject], { description: 'The delivery log, newest first' })
  async notificationDeliveries(
    @Args('org', { type: () => String }) org: string,
    @Args('status', { type: () => String, nullable: true }) status: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
  ): Promise<NotificationDeliveryObject[]> {
    return (await this.service.deliveryLog(org, status, first ?? 100).catch(rethrowForGraphQL)).map((d) => ({ ...d, type: d.type ?? '' }));
  }

  @Query(() => Int, { description: 'How many days the delivery log keeps sent and failed messages (POSTUREBOARD_NOTIFICATION_RETENTION_DAYS); pending ones are kept until they end' })
  // `org` scopes the admin check, like every admin query here; the retention is the deployment's.
  notificationRetentionDays(@Args('org', { type: () => String }) _org: string): number {
    return this.schedule.retentionDays;
  }

  // Not engineering leads: they see only their teams' findings, and these two take any finding id.
  @Roles(Role.ADMIN, Role.CISO, Role.ANALYST)
  @Mutation(() => FindingTicketObject, { description: 'Open a Jira issue for a finding now (a finding that has one keeps it)' })
  async createFindingTicket(
    @Args('org', { type: () => String }) org: string,
    @Args('findingId', { type: () => String }) findingId: string,
    @Args('channel', { type: () => String, nullable: true }) channel: string | null,
  ): Promise<FindingTicketObject> {
    return this.service.createTicket(org, findingId, channel ?? null).catch(rethrowForGraphQL);
  }

  @Roles(Role.ADMIN, Role.CISO, Role.ANALYST, Role.AUDITOR)
  @Query(() => FindingTicketObject, { nullable: true, description: 'The Jira issue kept for a finding, if any' })
  async findingTicket(@Args('org', { type: () => String }) org: string, @Args('findingId', { type: () => String }) findingId: string): Promise<FindingTicketObject | null> {
    return this.service.ticketOf(org, findingId).catch(rethrowForGraphQL);
  }
}
