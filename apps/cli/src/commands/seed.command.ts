import type { Command } from 'commander';
import { DemoSeeder } from '@postureboard/server-demo';
import { output, resolve } from '../cli-context.js';

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('load demo data (organization slug `demo`) through the real connectors and a year of weekly history')
    .requiredOption('--demo', 'seed the demo organization')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await (await resolve(DemoSeeder)).seed();
      output(Boolean(options.json), result, () =>
        result.created
          ? `Seeded organization "${result.organization}": ${result.ingestRuns.length} ingest runs, ${result.snapshots} weekly snapshots.`
          : `Organization "${result.organization}" already has its history; nothing to do.`,
      );
    });
}
