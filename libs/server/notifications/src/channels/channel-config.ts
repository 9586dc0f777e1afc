import { z } from 'zod';
import type { ChannelType, NotificationLang } from '../model/notification-event.js';
import { NotificationError, NotificationErrorCode } from '../notifications.error.js';

/** https anywhere; plain http only to this machine (local receivers, tests), never across a network with a token in it. */
const endpointUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}, 'must be an https:// URL (http:// only for localhost)');

const email = z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');

const CONFIG_SCHEMAS = {
  webhook: z.object({ url: endpointUrl }).strict(),
  slack: z.object({}).strict(),
  teams: z.object({}).strict(),
  smtp: z
    .object({
      host: z.string().min(1),
      port: z.coerce.number().int().min(1).max(65535).default(587),
      /** starttls: upgrade on a plain connection, refusing a server that cannot; tls: TLS from the first byte (465); none: only for a relay on this machine. */
      security: z.enum(['starttls', 'tls', 'none']).default('starttls'),
      from: email,
      to: z.array(email).default([]),
      username: z.string().min(1).optional(),
      /** PEM of a private CA the server's certificate chains to; the public roots are trusted either way. */
      tlsCa: z.string().includes('-----BEGIN CERTIFICATE-----', { message: 'must be a PEM certificate' }).optional(),
    })
    .strict(),
  jira: z
    .object({
      url: endpointUrl,
      /** cloud: REST v3 with e-mail + API token (Basic); datacenter: REST v2 with a personal access token (Bearer). */
      deployment: z.enum(['cloud', 'datacenter']).default('cloud'),
      email: email.optional(),
      projectKey: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be a Jira project key such as SEC'),
      issueType: z.string().min(1).default('Task'),
      /** The transition (name) applied when the finding resolves; none: comment only. */
      resolveTransition: z.string().min(1).optional(),
    })
    .strict()
    .refine((c) => c.deployment !== 'cloud' || c.email !== undefined, { message: 'Jira Cloud needs the e-mail of the API token owner (--email)', path: ['email'] }),
} as const;

const SECRET_SCHEMAS = {
  webhook: z.object({ signingSecret: z.string().min(16, 'the signing secret needs at least 16 characters') }),
  slack: z.object({ webhookUrl: endpointUrl }),
  teams: z.object({ webhookUrl: endpointUrl }),
  smtp: z.object({ password: z.string().min(1).optional() }),
  jira: z.object({ apiToken: z.string().min(1) }),
} as const;

export type ChannelConfig = { [T in ChannelType]: z.infer<(typeof CONFIG_SCHEMAS)[T]> };
export type ChannelSecrets = { [T in ChannelType]: z.infer<(typeof SECRET_SCHEMAS)[T]> };

export interface ChannelInput {
  type: ChannelType;
  name: string;
  lang?: NotificationLang;
  /** The webhook or Jira base URL; for Slack and Teams the incoming-webhook URL, which is itself the secret. */
  url?: string;
  /** The signing secret (webhook), password (SMTP) or API token / PAT (Jira). */
  secret?: string;
  /** Options of the type (SMTP host, Jira project, ...), as strings from the CLI or GraphQL. */
  options?: Record<string, string | string[] | undefined>;
}

/**
 * Splits and validates what an admin gave into what may be stored and shown (`config`) and what is sealed
 * (`secrets`). Problems are listed by field; a secret's value is never part of a message.
 */
export function parseChannelInput(input: ChannelInput, previousSecrets: Record<string, unknown> = {}): { config: Record<string, unknown>; secrets: Record<string, unknown> } {
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/.test(input.name)) {
    throw new NotificationError(NotificationErrorCode.INVALID_INPUT, 'A channel name is 1-63 letters, digits, spaces, dots, dashes or underscores');
  }
  const options = Object.fromEntries(Object.entries(input.options ?? {}).filter(([, v]) => v !== undefined));
  const urlIsSecret = input.type === 'slack' || input.type === 'teams';
  const configInput: Record<string, unknown> = { ...options, ...(input.url && !urlIsSecret ? { url: input.url } : {}) };
  if (input.type === 'smtp' && typeof configInput['to'] === 'string') configInput['to'] = splitList(configInput['to']);
  const secretInput: Record<string, unknown> = { ...previousSecrets };
  if (urlIsSecret && input.url) secretInput['webhookUrl'] = input.url;
  if (input.secret !== undefined && input.secret !== '') {
    const field = { webhook: 'signingSecret', smtp: 'password', jira: 'apiToken', slack: 'webhookUrl', teams: 'webhookUrl' }[input.type];
    secretInput[field] = input.secret;
  }
  const config = CONFIG_SCHEMAS[input.type].safeParse(configInput);
  const secrets = SECRET_SCHEMAS[input.type].safeParse(secretInput);
  const problems = [
    ...(config.success ? [] : config.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`)),
    // Only the field and what is wrong: never the value.
    ...(secrets.success ? [] : secrets.error.issues.map((i) => `${secretLabel(input.type, String(i.path[0] ?? ''))}: ${i.code === 'invalid_type' ? 'required' : i.message}`)),
  ];
  if (!config.success || !secrets.success) {
    throw new NotificationError(NotificationErrorCode.INVALID_INPUT, `The ${input.type} channel "${input.name}" is not valid: ${problems.join('; ')}`);
  }
  return { config: config.data as Record<string, unknown>, secrets: secrets.data as Record<string, unknown> };
}

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function secretLabel(type: ChannelType, field: string): string {
  if (field === 'webhookUrl') return `the ${type === 'slack' ? 'Slack' : 'Teams'} webhook URL (--url)`;
  if (field === 'signingSecret') return 'the signing secret (--secret-stdin)';
  if (field === 'apiToken') return 'the API token (--secret-stdin)';
  return field;
}
