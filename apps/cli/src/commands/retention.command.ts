import type { Command } from 'commander';
import { ActivityRetentionService } from '@postureboard/server-ingest';
import { output, resolve } from '../cli-context.js';

export function registerRetention(program: Command): void {
  const retention = program.command('retention').description('how long access activity is kept (POSTUREBOARD_RETENTION_DAYS)');
  retention
    .command('apply')
    .description('drop access-event partitions and delete rollups older than the retention now (the workers do it daily)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await (await resolve(ActivityRetentionService)).apply();
      output(Boolean(options.json), result, () =>
        [
          `Kept ${result.retentionDays} days of activity (from ${result.cutoffDay}).`,
          `Dropped event partitions: ${result.droppedMonths.join(', ') || 'none'}; deleted ${result.rollups} rollups and ${result.defaultPartitionEvents} events of the default partition.`,
          ...(result.busyMonths.length > 0 ? [`Busy, dropped on the next pass: ${result.busyMonths.join(', ')}.`] : []),
        ].join('\n'),
      );
    });
}
