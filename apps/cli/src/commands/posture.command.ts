import type { Command } from 'commander';
import { FINDING_KINDS, type FindingKind } from '@postureboard/domain';
import { TeamRepository } from '@postureboard/server-database';
import { EvaluationWorker, FindingsService, PostureService, toFindingJson } from '@postureboard/server-posture';
import { OrganizationService } from '@postureboard/server-organization';
import { InvalidArgumentError } from 'commander';
import { output, resolve, table } from '../cli-context.js';
import { remoteApiFor } from '../remote/remote-api.js';
import { type FindingJson, remoteFindings } from '../remote/remote-findings.js';
import { remotePosture } from '../remote/remote-posture.js';
import { parseAsOf, parseDay } from './as-of.option.js';

const parseKind = (value: string): FindingKind => {
  const kind = value.toUpperCase() as FindingKind;
  if (!FINDING_KINDS.includes(kind)) throw new InvalidArgumentError(`unknown kind "${value}" (one of ${FINDING_KINDS.join(', ')})`);
  return kind;
};

export function registerPosture(program: Command): void {
  program
    .command('findings')
    .description('list the active findings of the stored posture, worst first (or, with --as-of, what would fire then)')
    .requiredOption('--org <slug>', 'organization')
    .option('--as-of <date>', 'evaluate as of this date, read-only (default: the stored posture)', parseAsOf)
    .option('--kind <kind>', 'only this finding kind', parseKind)
    .option('--include-resolved', 'also list resolved findings')
    .option('--json', 'print a JSON array')
    .action(async (options: FindingsOptions, command: Command) => {
      const remote = remoteApiFor(command);
      const rows = remote ? await remoteFindings(remote, options) : await localFindings(options);
      output(Boolean(options.json), rows, () =>
        table(
          rows.map((r) => ({ severity: r.severity, kind: r.kind, status: r.status, subject: r.subject.name, team: r.ownerTeam, due: r.dueAt?.slice(0, 10) })),
          ['severity', 'kind', 'status', 'subject', 'team', 'due'],
        ),
      );
    });

  program
    .command('posture')
    .description('scores per domain and overall, with metrics, explanations and finding counts, and budget ratios beside them')
    .requiredOption('--org <slug>', 'organization')
    .option('--as-of <date>', 'evaluate as of this date, read-only (default: the stored posture)', parseAsOf)
    .option('--json', 'print JSON')
    .action(async (options: { org: string; asOf?: Date; json?: boolean }, command: Command) => {
      const remote = remoteApiFor(command);
      const view = remote ? await remotePosture(remote, options.org, options.asOf) : (await (await resolve(PostureService)).posture(options.org, options.asOf)).view;
      const pct = (n: number | null) => (n === null ? 'n/a' : `${(n * 100).toFixed(1)}%`);
      const evaluated = view.evaluatedAt ? `evaluated ${view.evaluatedAt.toISOString()}` : 'not evaluated yet';
      output(Boolean(options.json), view, () =>
        [
          `${view.organization.name} — as of ${view.asOf.toISOString()} (${evaluated}${view.pending ? '; a newer evaluation is pending' : ''})`,
          `Overall: ${formatScore(view.overallScore) ?? 'not measured'}${view.overallBand ? ` (${view.overallBand})` : ''}`,
          table(
            view.domains.map((d) => ({
              domain: d.domain,
              score: d.measured ? formatScore(d.score) : 'not measured',
              band: d.band,
              findings: d.findingCounts.total,
              why: d.notMeasuredReason ?? '',
            })),
            ['domain', 'score', 'band', 'findings', 'why'],
          ),
          view.budget
            ? `Budget FY${view.budget.fiscalYear}: security/IT ${pct(view.budget.securityToItRatio)} (benchmark ${pct(view.budget.itBenchmark)}), security/revenue ${pct(view.budget.securityToRevenueRatio)} (benchmark ${pct(view.budget.revenueBenchmark)})`
            : 'Budget: none recorded',
        ].join('\n'),
      );
    });

  program
    .command('snapshot')
    .description('store the current posture as an immutable, on-demand snapshot')
    .requiredOption('--org <slug>', 'organization')
    .option('--json', 'print JSON')
    .action(async (options: { org: string; json?: boolean }) => {
      const snapshot = await (await resolve(PostureService)).snapshot(options.org, 'ON_DEMAND');
      output(Boolean(options.json), { id: snapshot.id, asOf: snapshot.asOf, overallScore: snapshot.overallScore, overallBand: snapshot.overallBand }, () =>
        `Snapshot ${snapshot.id} as of ${snapshot.asOf.toISOString()}: overall ${formatScore(snapshot.overallScore) ?? 'not measured'}`,
      );
    });

  program
    .command('evaluate')
    .description('evaluate the policies now and store the posture (what the workers do when data changes)')
    .requiredOption('--org <slug>', 'organization')
    .option('--json', 'print JSON')
    .action(async (options: { org: string; json?: boolean }) => {
      const organization = await (await resolve(OrganizationService)).getBySlug(options.org);
      const stored = await (await resolve(EvaluationWorker)).evaluate(organization.id);
      const summary = stored
        ? { evaluatedAt: stored.posture.evaluatedAt, asOf: stored.posture.asOf, overallScore: stored.posture.view.overallScore, findings: stored.posture.view.findingCounts.total, durationMs: stored.posture.durationMs }
        : null;
      output(Boolean(options.json), summary, () =>
        summary
          ? `Evaluated ${options.org} in ${(summary.durationMs / 1000).toFixed(1)} s: overall ${formatScore(summary.overallScore) ?? 'not measured'}, ${summary.findings} active findings`
          : `A later posture of ${options.org} is already stored; nothing to do`,
      );
    });

  program
    .command('replay')
    .description('"days to detect": each finding that would have fired in the window, the day its condition began and the first day it would have fired')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--from <day>', 'first day (YYYY-MM-DD)', parseDay)
    .requiredOption('--to <day>', 'last day (YYYY-MM-DD)', parseAsOf)
    .option('--json', 'print a JSON array')
    .action(async (options: { org: string; from: Date; to: Date; json?: boolean }) => {
      const detections = await (await resolve(PostureService)).replay(options.org, options.from, options.to);
      const rows = detections.map((d) => ({
        kind: d.kind,
        subject: { type: d.subject.type, externalId: d.subject.externalId, name: d.subject.name },
        severity: d.severity,
        activityStartedOn: d.activityStartedOn,
        firstDetectedOn: d.firstDetectedOn,
        daysToDetect: d.daysToDetect,
      }));
      output(Boolean(options.json), rows, () =>
        table(
          rows.map((r) => ({ activityStartedOn: r.activityStartedOn ?? '-', firstDetectedOn: r.firstDetectedOn, daysToDetect: r.daysToDetect ?? '-', kind: r.kind, severity: r.severity, subject: r.subject.name })),
          ['activityStartedOn', 'firstDetectedOn', 'daysToDetect', 'kind', 'severity', 'subject'],
        ),
      );
    });
}

interface FindingsOptions {
  org: string;
  asOf?: Date;
  kind?: FindingKind;
  includeResolved?: boolean;
  json?: boolean;
}

/** The stored findings on the local database, every page; or, for an `--as-of`, what would have fired then (read-only). */
async function localFindings(options: FindingsOptions): Promise<FindingJson[]> {
  const organization = await (await resolve(OrganizationService)).getBySlug(options.org);
  const teams = new Map((await (await resolve(TeamRepository)).findAll(organization.id)).map((t) => [t.id, t.name]));
  const teamOf = (id: string | null) => (id ? (teams.get(id) ?? null) : null);
  if (options.asOf) {
    const { candidates } = await (await resolve(PostureService)).postureAt(organization, options.asOf);
    return (candidates ?? [])
      .filter((c) => !options.kind || c.kind === options.kind)
      .map((c) => toFindingJson({ ...c, id: null, status: 'OPEN', firstDetectedAt: c.detectedAt, lastDetectedAt: c.detectedAt, riskAcceptedUntil: null }, teamOf(c.ownerTeamId)));
  }
  const service = await resolve(FindingsService);
  const rows: FindingJson[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await service.list(organization.id, { includeResolved: options.includeResolved, kind: options.kind }, 500, after);
    for (const f of page.findings) rows.push(toFindingJson(f, teamOf(f.ownerTeamId)));
    if (!page.hasNextPage || !page.endCursor) return rows;
    after = page.endCursor;
  }
}

/** The one rounding rule of scores (docs/scoring.md): one decimal. */
function formatScore(score: number | null): string | null {
  return score === null ? null : score.toFixed(1);
}
