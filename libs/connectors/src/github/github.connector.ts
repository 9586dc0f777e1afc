import { z } from 'zod';
import type { CollectContext, Connector } from '../core/connector.js';
import type { CollectedRecord, Observation } from '../core/observation.js';
import { mapRecord } from '../core/readers/json-collect.util.js';
import { connectionCheck } from '../core/readers/json-http.client.js';
import { isJsonObject, stringAt } from '../core/readers/json-value.util.js';
import { pullWindowStart } from '../core/util/pull-window.util.js';
import { countryForIp } from '../geoip/geoip.resolver.js';
import { type GitHubConnection, type GitHubSession, gitHubConnectionFields, gitHubPages, gitHubSession, refineGitHubAuth } from './github-api.client.js';
import { parseGitHubAuditEvent } from './github-audit-event.parser.js';
import { parseGitHubCredential } from './github-credential.parser.js';
import { parseGitHubMember } from './github-member.parser.js';

/** The REST API serves 180 days of audit log (Git events: 7). */
const AUDIT_LOG_RETENTION_DAYS = 180;

type RecordMap = (value: unknown) => readonly Observation[];

/** One REST listing and how its records are read. */
interface Listing {
  path: string;
  map: RecordMap;
}

/** Signs in once, then reads each listing the generator names (it may page other listings to decide, as deploy keys do). */
async function* collectListings(
  config: GitHubConnection,
  context: CollectContext,
  listings: (session: GitHubSession) => AsyncIterable<Listing>,
): AsyncGenerator<CollectedRecord> {
  const session = await gitHubSession(config, context);
  for await (const listing of listings(session)) {
    for await (const page of gitHubPages(config, context, session, listing.path)) {
      for (const [index, record] of page.records.entries()) {
        yield* mapRecord(record, { source: page.source, record: page.offset + index }, listing.map);
      }
    }
  }
}

const org = (config: GitHubConnection): string => encodeURIComponent(config.org);

const testOrg = (config: GitHubConnection, context: CollectContext, path: (config: GitHubConnection) => string) =>
  connectionCheck(async () => {
    const session = await gitHubSession(config, context);
    for await (const page of gitHubPages({ ...config, pageSize: 1 }, context, session, path({ ...config, pageSize: 1 }))) {
      return `${config.org}: ${page.source} is readable`;
    }
    return `${config.org} is readable`;
  });

export const gitHubAuditLogConfigSchema = z
  .object({
    ...gitHubConnectionFields,
    /** How far back the first pull reads (`phrase=created:>=…`); later ones read on from the last successful pull's day. */
    lookbackDays: z.number().int().min(1).max(180).default(2),
    /** `all` adds Git events (clones, fetches, pushes: the volume signal), which GitHub keeps seven days. */
    include: z.enum(['all', 'web', 'git']).default('all'),
  })
  .superRefine(refineGitHubAuth);
export type GitHubAuditLogConfig = z.infer<typeof gitHubAuditLogConfigSchema>;

const auditPath = (config: GitHubAuditLogConfig, context: Pick<CollectContext, 'now' | 'lastSuccessfulRunAt'>): string => {
  const since = pullWindowStart(context, config.lookbackDays, AUDIT_LOG_RETENTION_DAYS).toISOString().slice(0, 10);
  return `/orgs/${org(config)}/audit-log?phrase=${encodeURIComponent(`created:>=${since}`)}&include=${config.include}&order=asc&per_page=${config.pageSize}`;
};

/** `GET /orgs/{org}/audit-log` (GitHub Enterprise Cloud; `read:audit_log`) → access events. */
export const gitHubAuditLogConnector: Connector<GitHubAuditLogConfig> = {
  type: 'github-audit-log',
  displayName: 'GitHub audit log (REST API)',
  configSchema: gitHubAuditLogConfigSchema,
  secretFields: ['token', 'privateKey'],
  test: (config, context) => testOrg(config, context, (c) => auditPath(c as GitHubAuditLogConfig, context)),
  collect: (config, context) =>
    collectListings(config, context, async function* () {
      yield { path: auditPath(config, context), map: (value) => [parseGitHubAuditEvent(value, { geo: countryForIp })] };
    }),
};

export const gitHubCredentialsConfigSchema = z
  .object({
    ...gitHubConnectionFields,
    /** `/orgs/{org}/credential-authorizations`: PATs and SSH keys authorised for SAML SSO (owner token, `read:org`). */
    credentialAuthorizations: z.boolean().default(true),
    /**
     * Fine-grained PATs: `/orgs/{org}/personal-access-token-requests` (asked for, pending review) and
     * `/orgs/{org}/personal-access-tokens` (granted). Only a GitHub App may read them (organisation permissions
     * "Personal access token requests" and "Personal access tokens", read).
     */
    fineGrainedTokens: z.boolean().default(false),
    /** Every repository's deploy keys (`/repos/{owner}/{repo}/keys`): one request per repository. */
    deployKeys: z.boolean().default(false),
  })
  .superRefine(refineGitHubAuth)
  .refine((config) => !config.fineGrainedTokens || config.token === undefined, {
    path: ['fineGrainedTokens'],
    message: 'only a GitHub App may list fine-grained tokens: give appId, installationId and privateKey',
  });
export type GitHubCredentialsConfig = z.infer<typeof gitHubCredentialsConfigSchema>;

/** GitHub's token and key listings → API_TOKEN and SSH_KEY credentials with their owners. */
export const gitHubCredentialsConnector: Connector<GitHubCredentialsConfig> = {
  type: 'github-credentials',
  displayName: 'GitHub tokens, SSH keys and deploy keys (REST API)',
  configSchema: gitHubCredentialsConfigSchema,
  secretFields: ['token', 'privateKey'],
  test: (config, context) => testOrg(config, context, (c) => `/orgs/${org(c)}/${config.credentialAuthorizations ? 'credential-authorizations' : 'repos'}?per_page=1`),
  collect(config, context) {
    const map: RecordMap = (value) => [parseGitHubCredential(value)];
    return collectListings(config, context, async function* (session) {
      if (config.credentialAuthorizations) yield { path: `/orgs/${org(config)}/credential-authorizations?per_page=${config.pageSize}`, map };
      if (config.fineGrainedTokens) {
        // Requests first: a granted token that also asks for more is stored as granted (the last observation stands).
        yield { path: `/orgs/${org(config)}/personal-access-token-requests?per_page=${config.pageSize}`, map };
        yield { path: `/orgs/${org(config)}/personal-access-tokens?per_page=${config.pageSize}`, map };
      }
      if (!config.deployKeys) return;
      for await (const page of gitHubPages(config, context, session, `/orgs/${org(config)}/repos?per_page=${config.pageSize}`)) {
        for (const repository of page.records) {
          const fullName = stringAt(repository, 'full_name');
          if (fullName !== null) yield { path: `/repos/${fullName.split('/').map(encodeURIComponent).join('/')}/keys?per_page=${config.pageSize}`, map };
        }
      }
    });
  },
};

export const gitHubMembersConfigSchema = z
  .object({
    ...gitHubConnectionFields,
    /** Also outside collaborators (people with repository access who are not members). */
    outsideCollaborators: z.boolean().default(true),
  })
  .superRefine(refineGitHubAuth);
export type GitHubMembersConfig = z.infer<typeof gitHubMembersConfigSchema>;

/** Members (with the owners marked `org:admin`) and outside collaborators → github accounts. */
export const gitHubMembersConnector: Connector<GitHubMembersConfig> = {
  type: 'github-members',
  displayName: 'GitHub organisation members and outside collaborators (REST API)',
  configSchema: gitHubMembersConfigSchema,
  secretFields: ['token', 'privateKey'],
  test: (config, context) => testOrg(config, context, (c) => `/orgs/${org(c)}/members?per_page=1`),
  collect(config, context) {
    return collectListings(config, context, async function* (session) {
      // The members list does not say who owns the organisation: the owners are listed first, by role.
      const owners = new Set<string>();
      for await (const page of gitHubPages(config, context, session, `/orgs/${org(config)}/members?role=admin&per_page=${config.pageSize}`)) {
        for (const user of page.records) {
          const id = stringAt(user, 'id');
          if (id !== null) owners.add(id);
        }
      }
      yield {
        path: `/orgs/${org(config)}/members?per_page=${config.pageSize}`,
        map: (user) =>
          parseGitHubMember(isJsonObject(user) ? { state: 'active', role: owners.has(stringAt(user, 'id') ?? '') ? 'admin' : 'member', user } : user, { relation: 'member' }),
      };
      if (config.outsideCollaborators) {
        yield { path: `/orgs/${org(config)}/outside_collaborators?per_page=${config.pageSize}`, map: (user) => parseGitHubMember(user, { relation: 'outside-collaborator' }) };
      }
    });
  },
};
