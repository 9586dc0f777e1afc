import { basename } from 'node:path';
import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonRecords } from '../core/readers/json-collect.util.js';
import { walkFiles } from '../core/readers/json-files.reader.js';
import { readJsonRecords } from '../core/readers/json-records.reader.js';
import { countryForIp, type GeoIpResolver } from '../geoip/geoip.resolver.js';
import { parseGitHubAuditEvent } from './github-audit-event.parser.js';
import { isGitHubCredential, parseGitHubCredential } from './github-credential.parser.js';
import { parseGitHubMember } from './github-member.parser.js';

/*
 * Each reads what the GitHub REST API answers, saved to a file (a JSON array: one page), or a JSON-lines
 * stream (audit-log streaming and exports), gzipped or not; a folder of such files in name order.
 */

/**
 * `ingest --source github-audit-log`: organisation/enterprise audit-log events → access events. A credential
 * listing found beside them (an export folder holding `credential-authorizations.json`) is read as credentials,
 * as `github-credentials` reads it, rather than refused for being no event.
 */
export function createGitHubAuditLogFileSource(geo: GeoIpResolver = countryForIp): FileSource {
  return {
    type: 'github-audit-log',
    displayName: 'GitHub audit log (REST, export or stream)',
    async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
      for await (const file of walkFiles(path, { signal: context.signal })) {
        yield* collectJsonRecords(readJsonRecords(file, { signal: context.signal }), (value) =>
          isGitHubCredential(value) ? [parseGitHubCredential(value)] : [parseGitHubAuditEvent(value, { geo })],
        );
      }
    },
  };
}

export const gitHubAuditLogFileSource: FileSource = createGitHubAuditLogFileSource();

/** `ingest --source github-credentials`: SSO credential authorizations, fine-grained token grants, deploy keys. */
export const gitHubCredentialsFileSource: FileSource = {
  type: 'github-credentials',
  displayName: 'GitHub tokens, SSH keys and deploy keys (REST)',
  async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
    for await (const file of walkFiles(path, { signal: context.signal })) {
      yield* collectJsonRecords(readJsonRecords(file, { signal: context.signal }), (value) => [parseGitHubCredential(value)]);
    }
  },
};

/**
 * `ingest --source github-members`: `/orgs/{org}/members` and `/orgs/{org}/outside_collaborators` → accounts.
 * A plain user does not say which list it came from: a file whose name mentions `outside` or `collaborator`
 * holds outside collaborators.
 */
export const gitHubMembersFileSource: FileSource = {
  type: 'github-members',
  displayName: 'GitHub organisation members and outside collaborators (REST)',
  async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
    for await (const file of walkFiles(path, { signal: context.signal })) {
      const relation = /outside|collaborator/i.test(basename(file)) ? 'outside-collaborator' : 'member';
      yield* collectJsonRecords(readJsonRecords(file, { signal: context.signal }), (value) => parseGitHubMember(value, { relation }));
    }
  },
};
