import { basename, join } from 'node:path';
import type { FileSource } from '../core/connector.js';
import type { AccessEventObservation, CollectedRecord, CredentialObservation } from '../core/observation.js';
import { collectFile, observationsOf, rejectionsOf, writeTempFile, writeTempFolder } from '../testing/collect.test-util.js';
import { createGitHubAuditLogFileSource, gitHubAuditLogFileSource, gitHubCredentialsFileSource, gitHubMembersFileSource } from './github.file-source.js';

const samples = '/work/shared/samples/github-audit';
const context = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

const collect = (source: Pick<FileSource, 'collectFile'>, path: string): Promise<CollectedRecord[]> => collectFile(source, path, context);

const events = (records: CollectedRecord[]): AccessEventObservation[] => observationsOf(records).filter((o): o is AccessEventObservation => o.kind === 'access-event');

describe('gitHubAuditLogFileSource on the real samples', () => {
  let records: CollectedRecord[];
  beforeAll(async () => {
    records = await collect(gitHubAuditLogFileSource, samples);
  });

  it('accepts every record of every sample file', () => {
    expect(rejectionsOf(records)).toEqual([]);
    expect(new Set(records.map((record) => basename(record.location.source))).size).toBe(6);
  });

  it('turns a git.push over SSH into an access event from the US, keyed by the hashed token', () => {
    expect(events(records).find((event) => event.action === 'git.push')).toEqual({
      kind: 'access-event',
      eventId: 'm-111111111111==:git.push:1729176166108',
      occurredAt: new Date(1729176166108),
      principal: 'test_user',
      credentialExternalId: 'tO8qpNGhmNe8OMdEXAMPLE',
      sourceIp: '1.1.1.1',
      country: 'US',
      action: 'git.push',
      resource: 'acme/dynamite',
      bytes: null,
      records: null,
      success: true,
    });
  });

  it('keeps events that share a redacted _document_id apart, and geolocates an empty country code', () => {
    const ids = events(records).map((event) => event.eventId);
    expect(new Set(ids).size).toBe(5);
    const created = events(records).find((event) => event.action === 'user.create');
    expect(created).toMatchObject({ principal: 'actor5', sourceIp: '11.11.111.1', occurredAt: new Date(1727681685875), resource: 'user5' });
    expect(created!.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('reads the credential authorization beside the events as a credential', () => {
    const credentials = observationsOf(records).filter((o): o is CredentialObservation => o.kind === 'credential');
    expect(credentials.map((c) => [c.credentialKind, c.externalId, c.owner])).toEqual([['SSH_KEY', 'ssh-key:12345678', 'monalisa']]);
  });
});

describe('gitHubAuditLogFileSource on REST pages and streams', () => {
  const clone = (at: number, extra: object = {}) => ({
    '@timestamp': at,
    _document_id: `doc-${at}`,
    action: 'git.clone',
    actor: 'mjun',
    actor_ip: '203.0.113.9',
    actor_location: { country_code: 'CN' },
    repo: 'acme/payments',
    programmatic_access_type: 'Personal access token (classic)',
    token_id: 81234,
    hashed_token: 'abc=',
    ...extra,
  });

  it('counts each clone and fetch as one record against the token id, REST created_at as well as @timestamp', async () => {
    const path = writeTempFile(
      'audit.json',
      JSON.stringify([
        clone(1717200000000),
        clone(1717200001000, { action: 'git.fetch' }),
        { action: 'org.update_member', actor: 'admin', created_at: 1717200002000, user: 'mjun', _document_id: 'd3' },
        clone(1717200003000, { '@timestamp': undefined, created_at: '2024-06-01T00:00:03Z', token_id: 0, hashed_token: null }),
      ]),
    );
    const seen = events(await collect(gitHubAuditLogFileSource, path));
    expect(seen.map((e) => [e.action, e.occurredAt.toISOString(), e.credentialExternalId, e.records, e.country])).toEqual([
      ['git.clone', '2024-06-01T00:00:00.000Z', '81234', 1, 'CN'],
      ['git.fetch', '2024-06-01T00:00:01.000Z', '81234', 1, 'CN'],
      ['org.update_member', '2024-06-01T00:00:02.000Z', null, null, null],
      ['git.clone', '2024-06-01T00:00:03.000Z', null, 1, 'CN'],
    ]);
  });

  it('rejects a bad time, a missing actor and a non-event by line, and re-reads the same ids', async () => {
    const path = writeTempFile(
      'stream.jsonl',
      [JSON.stringify(clone(1)), JSON.stringify(clone(2, { '@timestamp': 'soon' })), JSON.stringify(clone(3, { actor: undefined })), '{"login":"x"}'].join('\n'),
    );
    const geo = createGitHubAuditLogFileSource(() => 'ZZ');
    const first = await collect(geo, path);
    expect(rejectionsOf(first)).toEqual([
      '2/- @timestamp @timestamp is neither epoch milliseconds nor an ISO 8601 date: "soon"',
      '3/- actor missing required field actor',
      '4/- - not a GitHub audit log event: no "action" with "@timestamp", "created_at" or "_document_id"',
    ]);
    expect(events(await collect(geo, path)).map((e) => e.eventId)).toEqual(events(first).map((e) => e.eventId));
  });
});

describe('gitHubCredentialsFileSource', () => {
  it('reads GitHub’s published credential-authorization example, keeping the credential when the expiry is no date', async () => {
    const records = await collect(gitHubCredentialsFileSource, join(samples, 'github_openapi_credential_authorization_example.json'));
    expect(rejectionsOf(records)).toEqual([]);
    expect(observationsOf(records)).toEqual([
      {
        kind: 'credential',
        credentialKind: 'SSH_KEY',
        externalId: 'ssh-key:12345678',
        name: 'monalisa: my ssh key',
        algorithm: null,
        environment: 'UNKNOWN',
        status: 'ACTIVE',
        createdAt: new Date('2011-01-26T19:06:43Z'),
        lastRotatedAt: new Date('2011-01-26T19:06:43Z'),
        expiresAt: null,
        lastUsedAt: new Date('2011-01-26T19:06:43Z'),
        deactivatedAt: null,
        useObserved: true,
        owner: 'monalisa',
        ageFromFirstSeen: false,
        attributes: {
          credentialType: 'SSH Key',
          credentialAuthorizationId: '1',
          scopes: 'user',
          fingerprint: 'jklmnop12345678',
          unreadableExpiry: '"generated_authorized_credential_expires_at"',
        },
      },
    ]);
  });

  it('keys a PAT by the token id the audit log names; fine-grained grants and deploy keys too; no token text kept', async () => {
    const path = writeTempFile(
      'credentials.json',
      JSON.stringify([
        {
          login: 'mjun',
          credential_id: 7,
          credential_type: 'personal access token',
          token_last_eight: 'deadbeef',
          credential_authorized_at: '2019-01-01T00:00:00Z',
          scopes: ['repo', 'read:org'],
          credential_accessed_at: '2025-05-30T00:00:00Z',
          authorized_credential_id: 81234,
          authorized_credential_note: 'laptop',
          authorized_credential_expires_at: null,
        },
        {
          id: 25381,
          owner: { login: 'ana', id: 3, type: 'User' },
          repository_selection: 'all',
          access_granted_at: '2025-01-01T00:00:00Z',
          token_id: 98716,
          token_name: 'prod deploys',
          token_expired: false,
          token_expires_at: '2025-04-01T00:00:00Z',
          token_last_used_at: null,
        },
        {
          id: 1,
          key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
          url: 'https://api.github.com/repos/octocat/Hello-World/keys/1',
          title: 'ci',
          verified: true,
          created_at: '2014-12-10T15:53:42Z',
          read_only: true,
          added_by: 'octocat',
          last_used: '2022-01-10T15:53:42Z',
          enabled: true,
        },
      ]),
    );
    const records = await collect(gitHubCredentialsFileSource, path);
    expect(rejectionsOf(records)).toEqual([]);
    const credentials = observationsOf(records) as CredentialObservation[];
    expect(credentials.map((c) => [c.credentialKind, c.externalId, c.name, c.owner, c.status, c.algorithm, c.environment])).toEqual([
      ['API_TOKEN', '81234', 'mjun: laptop', 'mjun', 'ACTIVE', null, 'UNKNOWN'],
      // Expired by its own date: the interval (expiresAt) says so, not a status read from the clock.
      ['API_TOKEN', '98716', 'ana: prod deploys', 'ana', 'ACTIVE', null, 'PRODUCTION'],
      ['SSH_KEY', 'deploy-key:1', 'octocat/Hello-World: ci', 'octocat', 'ACTIVE', 'ssh-ed25519', 'UNKNOWN'],
    ]);
    expect(credentials[0]!.attributes).toMatchObject({ neverExpires: true, scopes: 'repo read:org' });
    const text = JSON.stringify(credentials);
    expect(text).not.toContain('deadbeef');
    expect(text).not.toContain('AAAAC3Nza');
  });

  it('reads fine-grained token requests (GitHub’s documented shape) as the owner’s tokens, with expiry and last use', async () => {
    // As `/orgs/{org}/personal-access-token-requests` answers (API version 2022-11-28).
    const request = (id: number, tokenId: number, extra: object = {}) => ({
      id,
      owner: { login: 'leaver', id: 77, node_id: 'U_77', type: 'User', site_admin: false },
      permissions_added: { organization: { members: 'read' }, repository: { contents: 'write' } },
      permissions_upgraded: {},
      permissions_result: { organization: { members: 'read' }, repository: { contents: 'write' } },
      repository_selection: 'subset',
      repository_count: 1,
      repositories: [{ full_name: 'acme/payments', id: 1, name: 'payments', node_id: 'R_1', private: true }],
      created_at: '2025-03-01T00:00:00Z',
      token_id: tokenId,
      token_name: 'payments prod',
      token_expired: false,
      token_expires_at: null,
      token_last_used_at: '2025-05-31T08:00:00Z',
      ...extra,
    });
    const path = writeTempFile('personal-access-token-requests.json', JSON.stringify([request(1, 501), request(2, 502, { token_expired: true, token_expires_at: null, token_name: null })]));
    const records = await collect(gitHubCredentialsFileSource, path);
    expect(rejectionsOf(records)).toEqual([]);
    expect(observationsOf(records)).toEqual([
      {
        kind: 'credential',
        credentialKind: 'API_TOKEN',
        externalId: '501',
        name: 'leaver: payments prod',
        algorithm: null,
        environment: 'PRODUCTION',
        status: 'ACTIVE',
        createdAt: new Date('2025-03-01T00:00:00Z'),
        lastRotatedAt: new Date('2025-03-01T00:00:00Z'),
        // null: the token never expires.
        expiresAt: null,
        lastUsedAt: new Date('2025-05-31T08:00:00Z'),
        deactivatedAt: null,
        useObserved: true,
        owner: 'leaver',
        ageFromFirstSeen: false,
        attributes: { credentialType: 'fine-grained personal access token', repositorySelection: 'subset', orgAccess: 'requested', requestId: '1' },
      },
      expect.objectContaining({ externalId: '502', name: 'leaver: fine-grained personal access token', status: 'INACTIVE' }),
    ]);
  });

  it('rejects an audit event given to the credentials source, saying what it expects', async () => {
    const records = await collect(gitHubCredentialsFileSource, join(samples, 'ocsf-examples_github_api_activity.raw.json'));
    expect(rejectionsOf(records)).toEqual([expect.stringMatching(/^-\/- - not a GitHub credential: expected a credential authorization/)]);
  });
});

describe('gitHubMembersFileSource', () => {
  const user = (login: string, id: number, extra: object = {}) => ({ login, id, node_id: 'x', type: 'User', site_admin: false, ...extra });

  it('makes a github account of each member, an admin membership a privileged entitlement, collaborators by file name', async () => {
    const dir = writeTempFolder({
      'members.json': JSON.stringify([user('MJun', 11), user('ana', 12, { email: 'ana@example.com' })]),
      'memberships.jsonl': `${JSON.stringify({ state: 'active', role: 'admin', user: user('boss', 13) })}\n${JSON.stringify({ state: 'pending', role: 'member', user: user('new', 14) })}\n`,
      'outside_collaborators.json': JSON.stringify([user('vendor-dev', 15)]),
      'teams.json': JSON.stringify([{ id: 1, name: 'core', slug: 'core' }]),
    });
    const records = await collect(gitHubMembersFileSource, dir);
    expect(
      observationsOf(records).map((o) =>
        o.kind === 'account' ? `account ${o.system} ${o.externalId} ${o.userName} ${o.email} ${o.status}` : o.kind === 'entitlement' ? `entitlement ${o.accountExternalId} ${o.name} ${o.privileged}` : o.kind,
      ),
    ).toEqual([
      'account github 11 MJun null ACTIVE',
      'account github 12 ana ana@example.com ACTIVE',
      'account github 13 boss null ACTIVE',
      'entitlement 13 org:admin true',
      'account github 14 new null SUSPENDED',
      'entitlement 14 org:member false',
      'account github 15 vendor-dev null ACTIVE',
      'entitlement 15 org:outside-collaborator false',
    ]);
    expect(rejectionsOf(records)).toEqual(['1/0 login not a GitHub user: no "login" (or a "type" other than User)']);
  });
});
