import type { Command } from 'commander';
import { type AliasChange, IdentityAliasService } from '@postureboard/server-ingest';
import { output, resolve, table } from '../cli-context.js';

const linked = (change: AliasChange): string =>
  change.links.accounts + change.links.credentials === 0 ? '' : ` (${change.outcome === 'removed' ? 'unlinked' : 'linked'} ${change.links.accounts} account(s), ${change.links.credentials} credential(s))`;

export function registerAlias(program: Command): void {
  const alias = program.command('alias').description('other names of a person (a GitHub login, an AWS user name, a source id), used to match sources');
  alias
    .command('add')
    .description('add an alias of a person; already-ingested accounts and credentials it names are linked now')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--identity <email>', "the person's e-mail (or employee number)")
    .requiredOption('--alias <value>', 'the other name (compared case-insensitively)')
    .option('--system <name>', 'the system the alias is used in (e.g. github, aws); it then links only accounts of that system')
    .option('--json', 'print the result as JSON')
    .action(async (o: { org: string; identity: string; alias: string; system?: string; json?: boolean }) => {
      const change = await (await resolve(IdentityAliasService)).add(o.org, { identity: o.identity, alias: o.alias, system: o.system ?? null });
      output(Boolean(o.json), change, () =>
        `${change.outcome === 'added' ? 'Added' : 'Already present:'} alias ${change.alias}${change.system ? ` (${change.system})` : ''} of ${o.identity.trim()}${linked(change)}.`,
      );
    });
  alias
    .command('list')
    .description('list aliases')
    .requiredOption('--org <slug>', 'organization')
    .option('--json', 'print a JSON array')
    .action(async (o: { org: string; json?: boolean }) => {
      const rows = await (await resolve(IdentityAliasService)).list(o.org);
      output(Boolean(o.json), rows, () => table(rows.map((row) => ({ ...row })), ['alias', 'system', 'identityEmail', 'identityName', 'createdAt']));
    });
  alias
    .command('remove')
    .description('remove an alias; links only it made are undone')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--alias <value>', 'the alias')
    .option('--system <name>', 'only when the alias is of this system')
    .option('--json', 'print the result as JSON')
    .action(async (o: { org: string; alias: string; system?: string; json?: boolean }) => {
      const change = await (await resolve(IdentityAliasService)).remove(o.org, { alias: o.alias, system: o.system ?? null });
      output(Boolean(o.json), change, () => `Removed alias ${change.alias}${linked(change)}.`);
    });
}
