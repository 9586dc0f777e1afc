import { once } from 'node:events';
import { BadRequestException, Controller, Get, Inject, Optional, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { FINDING_KINDS, FINDING_STATUSES, findingOverdue, SCORE_DOMAINS, SEVERITIES, type FindingKind, type FindingStatus, type ScoreDomain, type Severity } from '@postureboard/domain';
import { actorFromCaller, AuditTrail, CurrentAccess, CurrentCaller, Roles, type Caller, type OrgAccess } from '@postureboard/server-auth';
import { TeamRepository, type FindingFilter } from '@postureboard/server-database';
import { toHttpError } from '../common/posture.http-error.js';
import { csvRow } from './csv.util.js';
import { FINDING_READERS, scopedTeamIds } from './finding-access.js';
import { FindingWorkflowService } from './finding-workflow.service.js';
import { FindingsService } from './findings.service.js';

const PAGE = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const FINDINGS_CSV_COLUMNS = [
  'id',
  'title',
  'severity',
  'status',
  'domain',
  'kind',
  'subject',
  'ownerTeam',
  'assignee',
  'firstDetectedAt',
  'lastDetectedAt',
  'dueAt',
  'overdue',
  'daysOverdue',
  'riskAcceptedUntil',
  'falsePositiveUntil',
] as const;

type ExportQuery = Partial<Record<'domain' | 'kind' | 'severity' | 'status' | 'teamId' | 'assigneeUserId' | 'search', string>>;

const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined => {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new BadRequestException(`Query parameter "${name}": "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
};

const uuid = (name: string, value: string | undefined): string | undefined => {
  if (value === undefined || value === '') return undefined;
  if (!UUID.test(value)) throw new BadRequestException(`Query parameter "${name}" is not an id`);
  return value;
};

/** The web's filters as query parameters, checked: a bad value names its parameter. */
export const exportFilterOf = (query: ExportQuery): FindingFilter => ({
  domain: oneOf<ScoreDomain>('domain', query.domain, SCORE_DOMAINS),
  kind: oneOf<FindingKind>('kind', query.kind, FINDING_KINDS),
  severity: oneOf<Severity>('severity', query.severity, SEVERITIES),
  status: oneOf<FindingStatus>('status', query.status, FINDING_STATUSES),
  assigneeUserId: uuid('assigneeUserId', query.assigneeUserId),
  search: query.search?.trim() || undefined,
});

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/**
 * `GET /api/orgs/:org/findings.csv?status=…&severity=…&teamId=…&search=…`: the findings list as filtered on
 * the findings page, every page of it, streamed as CSV (RFC 4180, formula-safe), in the list's order. The
 * same roles and team scope as the `findings` query; each export is recorded in the audit trail.
 */
@Controller('api/orgs/:org')
@Roles(...FINDING_READERS)
export class FindingsExportController {
  constructor(
    private readonly findings: FindingsService,
    private readonly workflow: FindingWorkflowService,
    private readonly teams: TeamRepository,
    @Optional() @Inject(AuditTrail) private readonly audit: AuditTrail | null,
  ) {}

  @Get('findings.csv')
  async export(@Param('org') org: string, @Query() query: ExportQuery, @CurrentAccess() access: OrgAccess, @CurrentCaller() caller: Caller, @Res() res: Response): Promise<void> {
    const filter: FindingFilter = { ...exportFilterOf(query), teamIds: scopedTeamIds(access, uuid('teamId', query.teamId)) };
    // The first page before any header: an error can still be answered as an error.
    let page = await this.findings.list(access.organizationId, filter, PAGE).catch((e: unknown) => Promise.reject(toHttpError(e)));
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="findings-${org}-${new Date().toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    // A byte-order mark, so spreadsheet programs read the Korean text as UTF-8.
    res.write(`\uFEFF${csvRow(FINDINGS_CSV_COLUMNS)}`);
    let rows = 0;
    for (;;) {
      const findings = page.findings;
      const ids = findings.map((f) => f.id);
      const [teams, users, evaluations] = await Promise.all([
        this.teams.findByIds([...new Set(findings.flatMap((f) => (f.ownerTeamId ? [f.ownerTeamId] : [])))]),
        this.workflow.usersByIds([...new Set(findings.flatMap((f) => (f.assigneeUserId ? [f.assigneeUserId] : [])))]),
        this.findings.latestEvaluationOf(ids),
      ]);
      const teamNames = new Map(teams.map((t) => [t.id, t.name]));
      let chunk = '';
      for (const f of findings) {
        const { overdue, daysOverdue } = findingOverdue(f, evaluations.get(f.id)?.asOf ?? new Date());
        chunk += csvRow([
          f.id,
          f.title,
          f.severity,
          f.status,
          f.domain,
          f.kind,
          f.subject.name,
          f.ownerTeamId ? (teamNames.get(f.ownerTeamId) ?? null) : null,
          f.assigneeUserId ? (users.get(f.assigneeUserId)?.email ?? null) : null,
          iso(f.firstDetectedAt),
          iso(f.lastDetectedAt),
          iso(f.dueAt),
          overdue,
          daysOverdue,
          iso(f.riskAcceptedUntil),
          iso(f.falsePositiveUntil),
        ]);
      }
      rows += findings.length;
      if (!res.write(chunk)) await once(res, 'drain');
      if (!page.hasNextPage || !page.endCursor) break;
      page = await this.findings.list(access.organizationId, filter, PAGE, page.endCursor);
    }
    // Recorded before the response ends: whoever has the file can find its entry in the trail.
    await this.audit?.append({
      actor: actorFromCaller(caller),
      action: 'findings.exported',
      organizationId: access.organizationId,
      target: org,
      details: { rows, ...Object.fromEntries(Object.entries(query).filter(([k, v]) => k !== 'search' && typeof v === 'string')) },
    });
    res.end();
  }
}
