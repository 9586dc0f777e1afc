import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { migrate } from '@postureboard/server-database';
import { output, resolve } from '../cli-context.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const applied = await migrate(await resolve(DataSource));
      output(Boolean(options.json), { applied }, () =>
        applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}` : 'Database schema is up to date.',
      );
    });
}
