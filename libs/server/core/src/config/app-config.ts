import { isIP } from 'node:net';
import { z } from 'zod';
import { ACTIVITY_WINDOW_DAYS } from '@postureboard/domain';

/**
 * Every setting the server and the CLI read from the environment. Validated once at start-up so a
 * wrong value stops the process with a message naming the variable and what it expects.
 * Keep README's configuration table in step with this schema.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1');

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

/** Where a secret travels (a client secret, an API token): plain http only to this machine. */
const secureUrl = httpUrl.refine(
  // An unparsable value is already reported by the URL check above.
  (v) => !URL.canParse(v) || new URL(v).protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(new URL(v).hostname),
  { error: 'expected an https:// URL (http:// only for localhost)' },
);

/** `127.0.0.1,10.20.0.0/16,::1`: addresses and CIDR ranges (the connectors' outbound gate reads the same variable). */
const addressList = z.string().refine(
  (v) =>
    v
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .every((entry) => {
        const [network, prefix] = entry.split('/');
        const family = isIP(network ?? '');
        if (family === 0) return false;
        if (prefix === undefined) return true;
        const bits = Number(prefix);
        return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
      }),
  { error: 'expected comma-separated IP addresses or CIDR ranges, e.g. 10.20.0.0/16,127.0.0.1' },
);

const OIDC_SETTINGS = ['POSTUREBOARD_OIDC_ISSUER', 'POSTUREBOARD_OIDC_CLIENT_ID', 'POSTUREBOARD_OIDC_CLIENT_SECRET'] as const;

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'expected development, production or test' }).default('development'),
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int({ error: 'expected a whole number' })
    .min(1, { error: 'expected a port between 1 and 65535' })
    .max(65535, { error: 'expected a port between 1 and 65535' })
    .default(3000),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), { error: 'expected a postgres:// or postgresql:// URL' })
    .optional(),
  POSTUREBOARD_DATA_DIR: z.string().min(1, { error: 'expected a directory path' }).default('./.postureboard'),
  POSTUREBOARD_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, { error: 'expected 32 bytes encoded in base64 (openssl rand -base64 32)' })
    .optional(),
  POSTUREBOARD_SEED_DEMO: booleanFlag.default(true),
  /** The API runs an ingest and evaluation worker in its own process (off for API replicas beside `worker` processes). */
  POSTUREBOARD_IN_PROCESS_WORKER: booleanFlag.default(true),
  /** GraphQL cost each caller may spend per minute (a dashboard's overview costs tens; an on-demand evaluation 1,000). */
  POSTUREBOARD_GRAPHQL_COST_PER_MINUTE: z.coerce.number({ error: 'expected a number' }).int({ error: 'expected a whole number' }).min(1000, { error: 'expected at least 1000' }).default(300_000),
  /** How long an API process may give again its answer to a read of the stored current posture (0: never); a committed change ends it at once. */
  POSTUREBOARD_READ_CACHE_SECONDS: z.coerce.number({ error: 'expected a number' }).int({ error: 'expected a whole number' }).min(0, { error: 'expected 0 or more' }).max(3600, { error: 'expected at most 3600' }).default(60),
  /** Days the delivery log keeps sent and dead-lettered messages (docs/notifications.md). */
  POSTUREBOARD_NOTIFICATION_RETENTION_DAYS: z.coerce.number({ error: 'expected a number of days' }).int({ error: 'expected a whole number of days' }).min(1, { error: 'expected at least 1 day' }).default(90),
  /** Days a signed download link to a board report too large to mail stays valid (docs/notifications.md). */
  POSTUREBOARD_REPORT_LINK_DAYS: z.coerce.number({ error: 'expected a number of days' }).int({ error: 'expected a whole number of days' }).min(1, { error: 'expected between 1 and 90 days' }).max(90, { error: 'expected between 1 and 90 days' }).default(7),
  POSTUREBOARD_ADMIN_EMAIL: z.email({ error: 'expected an e-mail address' }).optional(),
  POSTUREBOARD_ADMIN_PASSWORD: z.string().min(12, { error: 'expected at least 12 characters' }).optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose'], { error: 'expected error, warn, log, debug or verbose' }).default('warn'),
  POSTUREBOARD_PUBLIC_URL: httpUrl.optional(),
  POSTUREBOARD_OIDC_ISSUER: secureUrl.optional(),
  POSTUREBOARD_OIDC_CLIENT_ID: z.string().min(1).optional(),
  POSTUREBOARD_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  POSTUREBOARD_SERVER_URL: secureUrl.optional(),
  POSTUREBOARD_API_TOKEN: z.string().min(1).optional(),
  POSTUREBOARD_OUTBOUND_ALLOW: addressList.optional(),
  POSTUREBOARD_INGEST_MAX_INFLATED_BYTES: z.coerce
    .number({ error: 'expected a number of bytes' })
    .int({ error: 'expected a whole number of bytes' })
    .min(1 << 20, { error: 'expected at least 1048576 (1 MiB)' })
    .default(1 << 30),
  POSTUREBOARD_INGEST_MAX_INFLATE_RATIO: z.coerce
    .number({ error: 'expected a number' })
    .min(2, { error: 'expected a ratio between 2 and 10000' })
    .max(10_000, { error: 'expected a ratio between 2 and 10000' })
    .default(100),
  /**
   * Days of access events and daily rollups kept; a daily job drops older monthly event partitions and rollups.
   * Never shorter than the evaluation window, which would change current postures.
   */
  POSTUREBOARD_RETENTION_DAYS: z.coerce
    .number({ error: 'expected a number of days' })
    .int({ error: 'expected a whole number of days' })
    .min(ACTIVITY_WINDOW_DAYS, { error: `expected at least ${ACTIVITY_WINDOW_DAYS} days: the evaluation reads ${ACTIVITY_WINDOW_DAYS} days of activity` })
    .default(730),
}).superRefine((config, ctx) => {
  // Half an OpenID Connect configuration would silently leave SSO off: name what is missing instead.
  if (!OIDC_SETTINGS.some((name) => config[name])) return;
  for (const name of OIDC_SETTINGS.filter((n) => !config[n])) {
    ctx.addIssue({ code: 'custom', path: [name], message: `required with the other POSTUREBOARD_OIDC_* settings (${OIDC_SETTINGS.join(', ')})` });
  }
});

export type AppConfig = z.infer<typeof configSchema>;

/** The decompression bounds of every ingest (the connectors' `InputLimits` the operator sets). */
export function ingestInputLimits(config: AppConfig): { maxInflatedBytes: number; maxInflateRatio: number } {
  return { maxInflatedBytes: config.POSTUREBOARD_INGEST_MAX_INFLATED_BYTES, maxInflateRatio: config.POSTUREBOARD_INGEST_MAX_INFLATE_RATIO };
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every bad variable (never echoing secret values). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}
