import { type EvidenceRecord, type FindingKind, severityRank } from '@postureboard/domain';
import type { toFindingJson } from '@postureboard/server-posture';
import { RemoteError } from './remote.error.js';
import type { RemoteApi } from './remote-api.js';

/** The `findings --json` contract, the same in both modes. */
export type FindingJson = ReturnType<typeof toFindingJson>;

/** The largest page the API serves; every page is read, as the local command reads every finding. */
const PAGE = 500;

const FINDINGS_QUERY = `query Findings($org: String!, $filter: FindingFilter, $first: Int!, $after: String) {
  findings(org: $org, filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id kind severity status domain title
        subject { type externalId name }
        ownerTeam { name }
        firstDetectedAt lastDetectedAt dueAt riskAcceptedUntil
        evidence { source type description data }
      }
    }
  }
}`;

interface FindingNode extends Omit<FindingJson, 'id' | 'ownerTeam' | 'evidence'> {
  id: string;
  ownerTeam: { name: string } | null;
  evidence: { source: string; type: string; description: string; data: string }[];
}

interface FindingsAnswer {
  findings: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: FindingNode }[] };
}

export interface RemoteFindingsQuery {
  org: string;
  kind?: FindingKind;
  includeResolved?: boolean;
  asOf?: Date;
}

/**
 * `findings`: lists what the server tracks (its stored findings), worst first, every page. The server keeps
 * no record of what would have fired in the past, so `--as-of` stays a local-only option here.
 */
export async function remoteFindings(api: RemoteApi, query: RemoteFindingsQuery): Promise<FindingJson[]> {
  if (query.asOf) throw new RemoteError('"findings --as-of" is local-only: the server lists the findings it tracks now ("posture --as-of" works against a server)');
  const all = async (status: 'RESOLVED' | null): Promise<FindingNode[]> => {
    const nodes: FindingNode[] = [];
    let after: string | null = null;
    for (;;) {
      const answer: FindingsAnswer = await api.graphql<FindingsAnswer>(FINDINGS_QUERY, {
        org: query.org,
        filter: { ...(query.kind ? { kind: query.kind } : {}), ...(status ? { status } : {}) },
        first: PAGE,
        after,
      });
      const { findings } = answer;
      nodes.push(...findings.edges.map((e) => e.node));
      if (!findings.pageInfo.hasNextPage || !findings.pageInfo.endCursor) return nodes;
      after = findings.pageInfo.endCursor;
    }
  };
  // The API leaves resolved findings out unless asked for them by status.
  const nodes = query.includeResolved ? [...(await all(null)), ...(await all('RESOLVED'))].sort(worstFirst) : await all(null);
  return nodes.map(toJson);
}

/** The server's order: severity, then first detected, then id. */
const worstFirst = (a: FindingNode, b: FindingNode): number =>
  severityRank(a.severity) - severityRank(b.severity) || Date.parse(a.firstDetectedAt) - Date.parse(b.firstDetectedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const toJson = (f: FindingNode): FindingJson => ({
  id: f.id,
  kind: f.kind,
  severity: f.severity,
  status: f.status,
  domain: f.domain,
  title: f.title,
  subject: { type: f.subject.type, externalId: f.subject.externalId, name: f.subject.name },
  ownerTeam: f.ownerTeam?.name ?? null,
  firstDetectedAt: f.firstDetectedAt,
  lastDetectedAt: f.lastDetectedAt,
  dueAt: f.dueAt,
  riskAcceptedUntil: f.riskAcceptedUntil,
  evidence: f.evidence.map((e): EvidenceRecord => ({ source: e.source, type: e.type, summary: e.description, data: JSON.parse(e.data) as EvidenceRecord['data'] })),
});
