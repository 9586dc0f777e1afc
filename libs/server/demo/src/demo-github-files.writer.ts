import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_GITHUB_ORG, DEMO_GITHUB_ORG_ID, DEMO_LEAVER, DEMO_PEOPLE, EXTRACTION, LEAVER_GITHUB, emailOf, githubLoginOf, type DemoPerson } from './demo-company.js';
import { DAY, dayAt, iso } from './demo-dates.util.js';
import { DemoRandom, stableId } from './demo-random.js';

/*
 * GitHub as its REST API and audit-log stream give it: `/orgs/{org}/members` (simple users), the SAML SSO
 * `/orgs/{org}/credential-authorizations` and `/orgs/{org}/personal-access-tokens` listings, and the audit log with
 * Git events as streamed (JSON lines; the REST API keeps Git events for seven days only). The leaver is still a
 * member, and his classic token, with no expiry, clones the repositories every day from abroad.
 */

const API = 'https://api.github.com';

/** A stable numeric GitHub user id per login. */
const userIdOf = (login: string): number => 10_000_000 + (parseInt(stableId(`github-user:${login}`).slice(0, 7), 16) % 80_000_000);

/** Org members: the people with a GitHub login, as `/orgs/{org}/members` lists them (no e-mail: GitHub shows none). */
export function githubMembers(): string {
  const members = DEMO_PEOPLE.flatMap((p) => {
    const login = githubLoginOf(p.handle);
    if (login === null) return [];
    return [
      {
        login,
        id: userIdOf(login),
        node_id: `MDQ6VXNlcj${Buffer.from(String(userIdOf(login))).toString('base64').replace(/=+$/, '')}`,
        avatar_url: `https://avatars.githubusercontent.com/u/${userIdOf(login)}?v=4`,
        gravatar_id: '',
        url: `${API}/users/${login}`,
        html_url: `https://github.com/${login}`,
        type: 'User',
        site_admin: false,
      },
    ];
  });
  return JSON.stringify(members, null, 1);
}

/** A fine-grained token of a current engineer: short-lived, as GitHub now recommends. */
const RELEASE_TOKEN = { handle: 'jiwoo.park', tokenId: 98_716_402, grantId: 25_381, name: 'release-automation', grantedDaysAgo: 30, validDays: 90 } as const;

/** The credential listings, one file per endpoint, in the folder `github-credentials` reads. */
export function writeGitHubCredentials(directory: string, now: Date): void {
  mkdirSync(directory, { recursive: true });
  const authorizedAt = dayAt(now, LEAVER_GITHUB.authorizedDaysAgo, 5, 41);
  writeFileSync(
    join(directory, 'credential-authorizations.json'),
    JSON.stringify(
      [
        {
          login: LEAVER_GITHUB.login,
          credential_id: 4_410_287,
          credential_type: 'personal access token',
          token_last_eight: stableId('leaver-pat').replace(/-/g, '').slice(0, 8),
          credential_authorized_at: iso(authorizedAt),
          credential_accessed_at: iso(dayAt(now, EXTRACTION.endDaysAgo, 18, 5)),
          scopes: ['repo', 'read:org', 'workflow'],
          authorized_credential_id: LEAVER_GITHUB.tokenId,
          authorized_credential_note: LEAVER_GITHUB.tokenNote,
          // A classic token made without an expiry: GitHub returns null.
          authorized_credential_expires_at: null,
        },
      ],
      null,
      1,
    ),
  );
  const granted = dayAt(now, RELEASE_TOKEN.grantedDaysAgo, 2, 10);
  const login = githubLoginOf(RELEASE_TOKEN.handle)!;
  writeFileSync(
    join(directory, 'personal-access-tokens.json'),
    JSON.stringify(
      [
        {
          id: RELEASE_TOKEN.grantId,
          owner: { login, id: userIdOf(login), type: 'User', site_admin: false },
          repository_selection: 'subset',
          repositories_url: `${API}/organizations/${DEMO_GITHUB_ORG_ID}/personal-access-tokens/${RELEASE_TOKEN.grantId}/repositories`,
          permissions: { repository: { contents: 'write', metadata: 'read' } },
          access_granted_at: iso(granted),
          token_id: RELEASE_TOKEN.tokenId,
          token_name: RELEASE_TOKEN.name,
          token_expired: false,
          token_expires_at: iso(new Date(granted.getTime() + RELEASE_TOKEN.validDays * DAY)),
          token_last_used_at: iso(dayAt(now, 1, 6, 30)),
        },
      ],
      null,
      1,
    ),
  );
}

/**
 * The organisation's audit log with Git events, as streamed: one JSON object per line, oldest first. The leaver
 * cloned with his token from the office before he left; ten days after, the same token starts cloning every
 * repository every day from the network his AWS key pulls data from. The others push and fetch as usual.
 */
export function githubAuditLog(now: Date): string {
  const random = new DemoRandom('github-audit');
  const lines: string[] = [];
  const event = (p: DemoPerson, at: Date, action: string, repo: string, ip: string, country: string, token: { id: number; type: string } | null) => {
    const login = githubLoginOf(p.handle)!;
    return {
      '@timestamp': at.getTime(),
      _document_id: stableId(`github-audit:${login}:${action}:${repo}:${at.getTime()}`).replace(/-/g, '').slice(0, 22),
      action,
      actor: login,
      actor_id: userIdOf(login),
      actor_ip: ip,
      actor_location: { country_code: country },
      org: DEMO_GITHUB_ORG,
      org_id: DEMO_GITHUB_ORG_ID,
      repo: `${DEMO_GITHUB_ORG}/${repo}`,
      repository: `${DEMO_GITHUB_ORG}/${repo}`,
      repository_public: false,
      transport_protocol_name: token ? 'http' : 'ssh',
      transport_protocol: token ? 1 : 2,
      user_agent: token ? 'git/2.43.0' : 'git/2.39.3 (Apple Git-146)',
      programmatic_access_type: token ? token.type : 'Public Key (User/Deploy)',
      // token_id 0: no token (an SSH key, known only by its hashed_token).
      token_id: token ? token.id : 0,
      hashed_token: stableId(`github-hash:${token ? token.id : login}`).replace(/-/g, '').slice(0, 22) + '=',
      external_identity_nameid: emailOf(p.handle),
    };
  };
  const pat = { id: LEAVER_GITHUB.tokenId, type: 'Personal access token (classic)' };
  const repos = LEAVER_GITHUB.repositories;
  const teamRepo = (p: DemoPerson): string => repos[Math.abs(parseInt(stableId(p.team).slice(0, 4), 16)) % repos.length]!;

  for (let d = 364; d >= 1; d--) {
    const day: object[] = [];
    for (const p of DEMO_PEOPLE) {
      if (githubLoginOf(p.handle) === null) continue;
      if (p.handle === DEMO_LEAVER) {
        // Before he left: a clone or two on a working day, from the office, with his token.
        if (d > EXTRACTION.leftDaysAgo && random.next() < 0.6) {
          day.push(event(p, dayAt(now, d, 1 + random.int(0, 7), random.int(0, 59)), 'git.clone', repos[random.int(0, 1)]!, p.ip, p.country, pat));
        }
        // Ten days after he left, every repository, every day, from abroad.
        if (d <= EXTRACTION.startDaysAgo && d >= EXTRACTION.endDaysAgo) {
          repos.forEach((repo, i) => day.push(event(p, dayAt(now, d, 16 + (i % 6), random.int(0, 59)), 'git.clone', repo, `${EXTRACTION.sourceIp}${random.int(2, 250)}`, 'CN', pat)));
        }
        continue;
      }
      // Everyone else: the last quarter of fetches and pushes over SSH, where they work.
      if (d > 90 || d < 1 || random.next() < 0.5) continue;
      const repo = teamRepo(p);
      day.push(event(p, dayAt(now, d, 1 + random.int(0, 7), random.int(0, 59)), 'git.clone', repo, p.ip, p.country, null));
      day.push(event(p, dayAt(now, d, 2 + random.int(0, 7), random.int(0, 59)), 'git.push', repo, p.ip, p.country, null));
    }
    day.sort((a, b) => (a as { '@timestamp': number })['@timestamp'] - (b as { '@timestamp': number })['@timestamp']);
    for (const e of day) lines.push(JSON.stringify(e));
  }
  return `${lines.join('\n')}\n`;
}
