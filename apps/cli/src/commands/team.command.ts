import type { Command } from 'commander';
import { TeamService } from '@postureboard/server-posture';
import { output, resolve, table } from '../cli-context.js';

const toRow = (t: { id: string; name: string; leadEmail: string | null }) => ({ id: t.id, name: t.name, leadEmail: t.leadEmail });

export function registerTeam(program: Command): void {
  const team = program.command('team').description('teams that own keys and findings');
  team
    .command('create')
    .description('create a team')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--name <name>', 'team name, unique in the organization')
    .option('--lead-email <email>', "the engineering lead's e-mail")
    .option('--json', 'print the result as JSON')
    .action(async (o: { org: string; name: string; leadEmail?: string; json?: boolean }) => {
      const created = await (await resolve(TeamService)).create(o.org, { name: o.name, leadEmail: o.leadEmail ?? null });
      output(Boolean(o.json), toRow(created), () => `Created team ${created.name}${created.leadEmail ? ` (lead ${created.leadEmail})` : ''}.`);
    });
  team
    .command('list')
    .description('list teams')
    .requiredOption('--org <slug>', 'organization')
    .option('--json', 'print a JSON array')
    .action(async (o: { org: string; json?: boolean }) => {
      const rows = (await (await resolve(TeamService)).list(o.org)).map(toRow);
      output(Boolean(o.json), rows, () => table(rows, ['name', 'leadEmail', 'id']));
    });
}
