import type { Command } from 'commander';
import { FINDING_KINDS, type FindingKind } from '@postureboard/domain';
import { TeamRepository } from '@postureboard/server-database';
import { FindingsService, PostureService, toFindingJson } from '@postureboard/server-posture';
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
    .description('evaluate the policies and list the active findings, worst first')
    .requiredOption('--org <slug>', 'organization')
    .option('--as-of <date>', 'evaluate as of this date (default: now)', parseAsOf)
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
    .description('scores per domain and overall, with metrics and finding counts, and budget ratios beside them')
    .requiredOption('--org <slug>', 'organization')
    .option('--as-of <date>', 'as of this date (default: now)', parseAsOf)
    .option('--json', 'print JSON')
    .action(async (options: { org: string; asOf?: Date; json?: boolean }, command: Command) => {
      const remote = remoteApiFor(command);
      const view = remote ? await remotePosture(remote, options.org, options.asOf) : (await (await resolve(PostureService)).posture(options.org, options.asOf)).view;
      const pct = (n: number | null) => (n === null ? 'n/a' : `${(n * 100).toFixed(1)}%`);
      output(Boolean(options.json), view, () =>
        [
          `${view.organization.name} — as of ${view.asOf.toISOString()}`,
          `Overall: ${view.overallScore ?? 'not measured'}${view.overallBand ? ` (${view.overallBand})` : ''}`,
          table(
            view.domains.map((d) => ({
              domain: d.domain,
              score: d.measured ? d.score : 'not measured',
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
    .description('store an immutable score snapshot')
    .requiredOption('--org <slug>', 'organization')
    .option('--as-of <date>', 'as of this date (default: now)', parseAsOf)
    .option('--json', 'print JSON')
    .action(async (options: { org: string; asOf?: Date; json?: boolean }) => {
      const snapshot = await (await resolve(PostureService)).snapshot(options.org, options.asOf ?? new Date(), 'ON_DEMAND');
      output(Boolean(options.json), { id: snapshot.id, asOf: snapshot.asOf, overallScore: snapshot.overallScore, overallBand: snapshot.overallBand }, () =>
        `Snapshot ${snapshot.id} as of ${snapshot.asOf.toISOString()}: overall ${snapshot.overallScore ?? 'not measured'}`,
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

/** Evaluates on the local database, then lists what it tracks (or, for a past as-of, what would have fired). */
async function localFindings(options: FindingsOptions): Promise<FindingJson[]> {
  const posture = await resolve(PostureService);
  const organization = await (await resolve(OrganizationService)).getBySlug(options.org);
  const { findings: behind } = await posture.postureOf(organization, options.asOf ?? new Date());
  const teams = new Map((await (await resolve(TeamRepository)).findAll(organization.id)).map((t) => [t.id, t.name]));
  // Evaluating now persists findings (with ids and lifecycle); a past as-of shows what would have fired.
  const all = behind.some((f) => 'id' in f)
    ? (await (await resolve(FindingsService)).list(organization.id, { includeResolved: options.includeResolved }, 500)).findings
    : behind.map((c) => ({ ...c, id: null, status: 'OPEN' as const, firstDetectedAt: 'detectedAt' in c ? c.detectedAt : new Date(), lastDetectedAt: 'detectedAt' in c ? c.detectedAt : new Date(), riskAcceptedUntil: null }));
  const findings = all.filter((f) => !options.kind || f.kind === options.kind);
  return findings.map((f) => toFindingJson(f as Parameters<typeof toFindingJson>[0], f.ownerTeamId ? (teams.get(f.ownerTeamId) ?? null) : null));
}
