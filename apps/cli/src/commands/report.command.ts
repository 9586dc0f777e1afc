import { writeFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { cliActor } from '@postureboard/server-auth';
import { isReportLang, type ReportLang, ReportsService } from '@postureboard/server-reports';
import { output, resolve } from '../cli-context.js';
import { remoteApiFor } from '../remote/remote-api.js';
import { type ReportJson, remoteReport } from '../remote/remote-report.js';
import { parseAsOf } from './as-of.option.js';

const parseLang = (value: string): ReportLang => {
  if (!isReportLang(value)) throw new InvalidArgumentError(`"${value}" is not a report language (en or ko)`);
  return value;
};

const parseLangs = (value: string): ReportLang[] => value.split(',').map((v) => parseLang(v.trim()));

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('generate the board report (PDF), store it, and write it to a file')
    .requiredOption('--org <slug>', 'organization')
    .option('--as-of <date>', 'report as of this date (default: now)', parseAsOf)
    .option('--lang <lang>', 'en or ko', parseLang, 'en' as ReportLang)
    .requiredOption('--out <file>', 'where to write the PDF, e.g. board-report.pdf')
    .option('--json', 'print the stored report as JSON')
    .action(async (options: { org: string; asOf?: Date; lang: ReportLang; out: string; json?: boolean }, command: Command) => {
      const remote = remoteApiFor(command);
      const { report: stored, content } = remote ? await remoteReport(remote, options) : await localReport(options);
      const out = resolvePath(options.out);
      await writeFile(out, content);
      const json = { ...stored, out };
      output(Boolean(options.json), json, () => `Wrote ${out} (${stored.sizeBytes} bytes, sha256 ${stored.checksum}); stored as report ${stored.id}.`);
    });

  const schedule = program
    .command('report-schedule')
    .description('show or change the weekly board report of an organization (written with the weekly snapshots)')
    .requiredOption('--org <slug>', 'organization')
    .option('--enable', 'generate a report every week with the snapshot schedule')
    .option('--disable', 'stop the weekly report')
    .option('--lang <langs>', 'languages to write, comma separated (en,ko)', parseLangs)
    .option('--json', 'print the schedule as JSON')
    .action(async (options: { org: string; enable?: boolean; disable?: boolean; lang?: ReportLang[]; json?: boolean }) => {
      if (options.enable && options.disable) schedule.error('error: choose --enable or --disable, not both');
      const service = await resolve(ReportsService);
      const current = await service.schedule(options.org);
      const changed = options.enable || options.disable || options.lang;
      const result = changed
        ? await service.setSchedule(options.org, { enabled: options.disable ? false : options.enable ? true : current.enabled, languages: options.lang ?? current.languages })
        : current;
      output(Boolean(options.json), result, () =>
        result.enabled ? `Weekly board report for ${options.org}: on, in ${result.languages.join(', ')}.` : `Weekly board report for ${options.org}: off.`,
      );
    });
}

/** Generates and stores the report in the local database; the same fields the server's API returns. */
async function localReport(options: { org: string; asOf?: Date; lang: ReportLang }): Promise<{ report: ReportJson; content: Buffer }> {
  const { report: stored, content } = await (await resolve(ReportsService)).generate({ orgSlug: options.org, asOf: options.asOf, lang: options.lang, generatedBy: cliActor().label });
  const report: ReportJson = {
    id: stored.id,
    asOf: stored.asOf.toISOString(),
    lang: stored.lang,
    generatedAt: stored.generatedAt.toISOString(),
    generatedBy: stored.generatedBy,
    checksum: stored.checksum,
    sizeBytes: stored.sizeBytes,
  };
  return { report, content };
}
