import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('NotificationChannel', { description: 'Where notifications go. Secrets are write-only: only which secret fields are set is shown' })
export class NotificationChannelObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'smtp | slack | teams | webhook | jira' })
  type!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'en | ko: the language of its messages' })
  lang!: string;

  @Field(() => String, { description: 'Non-secret options as JSON text' })
  config!: string;

  @Field(() => [String], { description: 'Names of secret fields that have a value (values are never returned)' })
  secretFieldsSet!: string[];

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType('NotificationRule', { description: 'Which channels an event goes to; without a stored rule, the default' })
export class NotificationRuleObject {
  @Field(() => String)
  type!: string;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => [String], { nullable: true, description: 'Channel names; null: every channel whose type takes the event by default' })
  channelNames!: string[] | null;

  @Field(() => [String], { nullable: true, description: 'E-mail recipients; null: the channel’s own list' })
  recipients!: string[] | null;

  @Field(() => Boolean)
  isDefault!: boolean;
}

@ObjectType('NotificationTestResult', { description: 'What the receiver answered to a test message (secrets removed)' })
export class NotificationTestResultObject {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Int, { nullable: true })
  statusCode!: number | null;

  @Field(() => String)
  response!: string;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

@ObjectType('NotificationDelivery', { description: 'One message to one channel: the delivery log' })
export class NotificationDeliveryObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The message id receivers dedupe on' })
  messageId!: string;

  @Field(() => String)
  type!: string;

  @Field(() => String)
  channelName!: string;

  @Field(() => String)
  channelType!: string;

  @Field(() => String, { description: 'pending | sending | sent | failed (failed: dead-lettered, no more attempts)' })
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'The receiver’s last answer, bounded, secrets removed' })
  lastResponse!: string | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date)
  nextAttemptAt!: Date;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('FindingTicket', { description: 'The Jira issue kept for a finding' })
export class FindingTicketObject {
  @Field(() => String)
  key!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'The ticket’s status in Jira when last read (null: not read yet)' })
  status?: string | null;

  @Field(() => String, { nullable: true, description: 'Jira’s status category key when last read: new | indeterminate | done' })
  statusCategory?: string | null;

  @Field(() => Date, { nullable: true })
  statusCheckedAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the ticket was seen closed (status category done) while the finding was still detected; null when it was not, or was reopened',
  })
  closedWhileDetectedAt?: Date | null;
}
