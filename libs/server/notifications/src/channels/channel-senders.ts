import { createTransport } from 'nodemailer';
import { guardedTcpConnect } from '@postureboard/connectors';
import type { AttemptOutcome } from '../delivery/retry-policy.util.js';
import { classifyHttpStatus, parseRetryAfter } from '../delivery/retry-policy.util.js';
import type { OutboundHttp, OutboundResponse } from '../delivery/outbound-http.js';
import { redact } from '../delivery/redact.util.js';
import type { ChannelType, NotificationEnvelope, NotificationLang } from '../model/notification-event.js';
import type { ChannelConfig, ChannelSecrets } from './channel-config.js';
import { emailBodies, slackPayload, teamsPayload } from './chat-formatters.js';
import type { MessageText } from './message-text.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.util.js';

/** A channel with its secrets opened: lives only for one send, never logged or returned. */
export interface OpenedChannel {
  id: string;
  organizationId: string;
  type: ChannelType;
  name: string;
  lang: NotificationLang;
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

export interface Outgoing {
  /** The webhook body; `type: 'test'` for "send a test message". */
  envelope: Omit<NotificationEnvelope, 'type'> & { type: NotificationEnvelope['type'] | 'test' };
  text: MessageText;
  /** E-mail recipients (null: the channel's own list). */
  recipients: string[] | null;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface SendContext {
  http: OutboundHttp;
  timeoutMs: number;
  now: () => Date;
  signal?: AbortSignal;
}

/**
 * The channel's secret values: whatever a receiver or a library echoes, these never reach the log. A secret
 * URL (Slack, Teams) is also redacted by its parts, since an echo often carries only the path or a parameter.
 */
export const secretValues = (channel: OpenedChannel): string[] =>
  Object.values(channel.secrets)
    .filter((v): v is string => typeof v === 'string')
    .flatMap((value) => [value, ...urlParts(value)])
    .sort((x, y) => y.length - x.length);

function urlParts(value: string): string[] {
  if (!/^https?:\/\//.test(value)) return [];
  try {
    const url = new URL(value);
    const segments = url.pathname.split('/').filter((s) => s.length >= 8);
    const parameters = [...url.searchParams.values()].filter((v) => v.length >= 8);
    return [url.pathname + url.search, url.pathname, ...segments, ...parameters].filter((p) => p.length >= 8);
  } catch {
    return [];
  }
}

/** Sends one message to one chat, webhook or mail channel and says how it went. Jira is sent by JiraTickets. */
export async function sendToChannel(channel: OpenedChannel, outgoing: Outgoing, context: SendContext): Promise<AttemptOutcome> {
  const secrets = secretValues(channel);
  try {
    switch (channel.type) {
      case 'webhook': {
        const config = channel.config as ChannelConfig['webhook'];
        const body = JSON.stringify(outgoing.envelope);
        const signature = signWebhook((channel.secrets as ChannelSecrets['webhook']).signingSecret, body, context.now());
        return httpOutcome(
          await post(context, config.url, body, { [SIGNATURE_HEADER]: signature, 'Idempotency-Key': outgoing.envelope.id }),
          secrets,
          context.now(),
        );
      }
      case 'slack': {
        const response = await post(context, (channel.secrets as ChannelSecrets['slack']).webhookUrl, JSON.stringify(slackPayload(outgoing.text)), {});
        return httpOutcome(response, secrets, context.now());
      }
      case 'teams': {
        const response = await post(context, (channel.secrets as ChannelSecrets['teams']).webhookUrl, JSON.stringify(teamsPayload(outgoing.text)), {});
        return teamsOutcome(response, secrets, context.now());
      }
      case 'smtp':
        return await sendMail(channel, outgoing, context, secrets);
      case 'jira':
        return { kind: 'permanent', statusCode: null, response: '', error: 'a Jira channel takes tickets, not messages' };
    }
  } catch (error) {
    return transportOutcome(error, secrets);
  }
}

const post = (context: SendContext, url: string, body: string, headers: Record<string, string>): Promise<OutboundResponse> =>
  context.http({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', 'user-agent': 'Postureboard-Notifications', ...headers },
    body,
    timeoutMs: context.timeoutMs,
    signal: context.signal,
  });

export function httpOutcome(response: OutboundResponse, secrets: readonly string[], now: Date): AttemptOutcome {
  const answer = redact(response.body, secrets);
  const kind = classifyHttpStatus(response.status);
  if (kind === 'sent') return { kind, statusCode: response.status, response: answer };
  const error = `the receiver answered HTTP ${response.status}`;
  if (kind === 'retry') return { kind, statusCode: response.status, response: answer, error, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now) };
  return { kind, statusCode: response.status, response: answer, error };
}

/**
 * Office 365 connectors answered throttling with HTTP 200 and a body naming the real status
 * ("Microsoft Teams endpoint returned HTTP error 429 ..."); Workflows answer 202. Both are read for what they mean.
 */
function teamsOutcome(response: OutboundResponse, secrets: readonly string[], now: Date): AttemptOutcome {
  const embedded = /returned HTTP error (\d{3})/.exec(response.body);
  if (response.status === 200 && embedded) return httpOutcome({ ...response, status: Number(embedded[1]) }, secrets, now);
  return httpOutcome(response, secrets, now);
}

export function transportOutcome(error: unknown, secrets: readonly string[]): AttemptOutcome {
  const message = redact(error instanceof Error ? error.message : String(error), secrets);
  return { kind: 'retry', statusCode: null, response: '', error: message, retryAfterMs: null };
}

/** SMTP reply codes 5xx are permanent (a rejected recipient or sender), 4xx and connection trouble are not. */
async function sendMail(channel: OpenedChannel, outgoing: Outgoing, context: SendContext, secrets: readonly string[]): Promise<AttemptOutcome> {
  const config = channel.config as ChannelConfig['smtp'];
  const password = (channel.secrets as ChannelSecrets['smtp']).password;
  const to = outgoing.recipients ?? config.to;
  if (to.length === 0) return { kind: 'permanent', statusCode: null, response: '', error: 'no recipients: set --to on the channel or recipients on the rule' };
  const transport = createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    auth: config.username ? { user: config.username, pass: password ?? '' } : undefined,
    tls: { minVersion: 'TLSv1.2', ...(config.tlsCa ? { ca: [config.tlsCa] } : {}) },
    connectionTimeout: context.timeoutMs,
    greetingTimeout: context.timeoutMs,
    socketTimeout: context.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
    // The connection through the outbound gate: the host is resolved and judged there and the checked address
    // connected to; nodemailer speaks SMTP (and TLS, with the configured name) over that socket.
    getSocket: (_options, callback) => {
      guardedTcpConnect(config.host, config.port, context.timeoutMs).then(
        (connection) => callback(null, { connection }),
        (error: Error) => callback(error),
      );
    },
  });
  try {
    const { text, html } = emailBodies(outgoing.text);
    const info = await transport.sendMail({
      from: config.from,
      to,
      subject: outgoing.text.title,
      text,
      html,
      messageId: `<${outgoing.envelope.id}@postureboard>`,
      headers: { 'X-Postureboard-Message-Id': outgoing.envelope.id, 'Content-Language': channel.lang },
      attachments: outgoing.attachments,
    });
    return { kind: 'sent', statusCode: null, response: redact(info.response, secrets) };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const message = redact(`${(error as { code?: string }).code ?? 'SMTP'}: ${(error as Error).message}`, secrets);
    if (code !== undefined && code >= 500 && code < 600) return { kind: 'permanent', statusCode: code, response: message, error: message };
    return { kind: 'retry', statusCode: code ?? null, response: '', error: message, retryAfterMs: null };
  } finally {
    transport.close();
  }
}

