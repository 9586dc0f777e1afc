import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { type ChannelView, isChannelType, isNotificationLang, NotificationChannelService, NotificationScheduleService } from '@postureboard/server-notifications';
import { output, resolve, table } from '../cli-context.js';

const list = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const channelRow = (c: ChannelView) => ({ name: c.name, type: c.type, lang: c.lang, config: c.config, secretFieldsSet: c.secretFieldsSet, updatedAt: c.updatedAt });

interface AddOptions {
  org: string;
  type: string;
  name: string;
  url?: string;
  secretStdin?: boolean;
  lang?: string;
  host?: string;
  port?: string;
  security?: string;
  from?: string;
  to?: string;
  username?: string;
  tlsCaFile?: string;
  deployment?: string;
  email?: string;
  project?: string;
  issueType?: string;
  resolveTransition?: string;
  json?: boolean;
}

export function registerNotifications(program: Command): void {
  const notifications = program
    .command('notifications')
    .description('where alerts, digests and board reports go (channels), what goes where (rules), and the delivery log');
  const channel = notifications.command('channel').description('notification channels of an organization (secrets are write-only)');
  channel
    .command('add')
    .description('add a channel, or reconfigure the one of that name (secrets left out are kept)')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--type <type>', 'smtp | slack | teams | webhook | jira')
    .requiredOption('--name <name>', 'channel name, unique in the organization')
    .option('--url <url>', 'webhook URL; Slack/Teams incoming-webhook URL (kept secret); Jira base URL')
    .option('--secret-stdin', 'read the secret from standard input: webhook signing secret, SMTP password, Jira API token or PAT')
    .option('--lang <lang>', 'en | ko: the language of its messages')
    .option('--host <host>', 'smtp: server host')
    .option('--port <port>', 'smtp: port (587)')
    .option('--security <mode>', 'smtp: starttls (default) | tls | none (only for a relay on this machine)')
    .option('--from <address>', 'smtp: sender address')
    .option('--to <addresses>', 'smtp: recipients, comma-separated')
    .option('--username <user>', 'smtp: user to authenticate as (the password from --secret-stdin)')
    .option('--tls-ca-file <file>', "smtp: PEM of a private CA the server's certificate chains to")
    .option('--deployment <kind>', 'jira: cloud (default; e-mail + API token) | datacenter (personal access token)')
    .option('--email <email>', 'jira cloud: e-mail of the API token owner')
    .option('--project <key>', 'jira: project key, e.g. SEC')
    .option('--issue-type <name>', 'jira: issue type (Task)')
    .option('--resolve-transition <name>', 'jira: transition applied when the finding resolves')
    .option('--json', 'print the result as JSON')
    .action(async (o: AddOptions) => {
      if (!isChannelType(o.type)) throw new InvalidArgumentError(`--type must be one of smtp, slack, teams, webhook, jira`);
      if (o.lang !== undefined && !isNotificationLang(o.lang)) throw new InvalidArgumentError('--lang must be en or ko');
      const secret = o.secretStdin ? await readStdin() : undefined;
      const options = {
        host: o.host,
        port: o.port,
        security: o.security,
        from: o.from,
        to: o.to === undefined ? undefined : list(o.to),
        username: o.username,
        tlsCa: o.tlsCaFile === undefined ? undefined : readFileSync(o.tlsCaFile, 'utf8'),
        deployment: o.deployment,
        email: o.email,
        projectKey: o.project,
        issueType: o.issueType,
        resolveTransition: o.resolveTransition,
      };
      const added = await (await resolve(NotificationChannelService)).add(o.org, { type: o.type, name: o.name, lang: o.lang, url: o.url, secret, options });
      output(Boolean(o.json), channelRow(added), () => `Saved ${added.type} channel ${added.name} (secrets set: ${added.secretFieldsSet.join(', ') || 'none'}).`);
    });
  channel
    .command('list')
    .description('list channels (secret values are never shown)')
    .requiredOption('--org <slug>', 'organization')
    .option('--json', 'print a JSON array')
    .action(async (o: { org: string; json?: boolean }) => {
      const rows = (await (await resolve(NotificationChannelService)).list(o.org)).map(channelRow);
      output(Boolean(o.json), rows, () => table(rows, ['name', 'type', 'lang', 'secretFieldsSet']));
    });
  channel
    .command('test')
    .description('send a test message now and print what the receiver answered')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--name <name>', 'channel')
    .option('--json', 'print the result as JSON')
    .action(async (o: { org: string; name: string; json?: boolean }) => {
      const result = await (await resolve(NotificationChannelService)).test(o.org, o.name);
      output(Boolean(o.json), result, () =>
        result.ok ? `Delivered. The receiver answered: ${result.statusCode ?? ''} ${result.response}`.trim() : `Not delivered: ${result.error}. The receiver answered: ${result.statusCode ?? '-'} ${result.response}`,
      );
      if (!result.ok) process.exitCode = 1;
    });
  channel
    .command('remove')
    .description('remove a channel (its pending deliveries fail)')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--name <name>', 'channel')
    .option('--json', 'print the result as JSON')
    .action(async (o: { org: string; name: string; json?: boolean }) => {
      await (await resolve(NotificationChannelService)).remove(o.org, o.name);
      output(Boolean(o.json), { removed: o.name }, () => `Removed channel ${o.name}.`);
    });

  const rule = notifications.command('rule').description('which channels each event goes to (defaults apply until set)');
  rule
    .command('list')
    .description('the rule of every event, defaults included')
    .requiredOption('--org <slug>', 'organization')
    .option('--json', 'print a JSON array')
    .action(async (o: { org: string; json?: boolean }) => {
      const rows = await (await resolve(NotificationChannelService)).rules(o.org);
      output(Boolean(o.json), rows, () =>
        table(
          rows.map((r) => ({ ...r, channelNames: r.channelNames ?? '(default)', recipients: r.recipients ?? '(channel)' })),
          ['type', 'enabled', 'channelNames', 'recipients', 'isDefault'],
        ),
      );
    });
  rule
    .command('set')
    .description("change an event's rule")
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--event <type>', 'finding.critical | finding.escalated | sla.due_soon | sla.overdue | digest.weekly | report.delivered | finding.resolved')
    .option('--enable', 'send it')
    .option('--disable', 'do not send it')
    .option('--channels <names>', 'comma-separated channel names ("default": every channel whose type takes it)')
    .option('--recipients <addresses>', 'comma-separated e-mail recipients ("default": the channel list)')
    .option('--json', 'print the result as JSON')
    .action(async (o: { org: string; event: string; enable?: boolean; disable?: boolean; channels?: string; recipients?: string; json?: boolean }) => {
      if (o.enable && o.disable) throw new InvalidArgumentError('--enable and --disable exclude each other');
      const orDefault = (value: string | undefined) => (value === undefined ? undefined : value === 'default' ? null : list(value));
      const saved = await (await resolve(NotificationChannelService)).setRule(o.org, o.event, {
        enabled: o.enable ? true : o.disable ? false : undefined,
        channelNames: orDefault(o.channels),
        recipients: orDefault(o.recipients),
      });
      output(Boolean(o.json), saved, () => `${saved.type}: ${saved.enabled ? 'on' : 'off'}, channels ${saved.channelNames?.join(',') ?? '(default)'}.`);
    });

  notifications
    .command('list')
    .description('the delivery log, newest first')
    .requiredOption('--org <slug>', 'organization')
    .option('--status <status>', 'sent | failed | pending | sending')
    .option('--limit <n>', 'at most this many (100)', (v) => Number(v), 100)
    .option('--json', 'print a JSON array')
    .action(async (o: { org: string; status?: string; limit: number; json?: boolean }) => {
      const rows = (await (await resolve(NotificationChannelService)).deliveryLog(o.org, o.status ?? null, o.limit)).map((d) => ({
        id: d.id,
        messageId: d.messageId,
        type: d.type ?? null,
        channel: d.channelName,
        channelType: d.channelType,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastResponse: d.lastResponse,
        lastError: d.lastError,
        nextAttemptAt: d.nextAttemptAt,
        sentAt: d.sentAt,
        createdAt: d.createdAt,
      }));
      const { retentionDays } = await resolve(NotificationScheduleService);
      output(
        Boolean(o.json),
        rows,
        () => `${table(rows, ['createdAt', 'type', 'channel', 'status', 'attempts', 'lastStatusCode', 'lastError'])}\nSent and failed messages are kept for ${retentionDays} days.`,
      );
    });
}
