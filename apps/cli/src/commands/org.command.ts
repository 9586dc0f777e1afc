import type { Command } from 'commander';
import { OrganizationService } from '@postureboard/server-organization';
import { output, resolve, table } from '../cli-context.js';
import { remoteApiFor } from '../remote/remote-api.js';
import { remoteOrganizations } from '../remote/remote-organizations.js';

const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

const toJson = (o: { slug: string; name: string; approvedCountries: string[]; currency: string }) => ({
  slug: o.slug,
  name: o.name,
  approvedCountries: o.approvedCountries,
  currency: o.currency,
});

export function registerOrg(program: Command): void {
  const org = program.command('org').description('manage organizations (tenants)');
  org
    .command('create')
    .description('create an organization')
    .requiredOption('--slug <slug>', 'short identifier, e.g. acme')
    .requiredOption('--name <name>', 'display name')
    .option('--approved-countries <codes>', 'ISO 3166 alpha-2 codes, comma separated (e.g. KR,US)', list)
    .option('--currency <code>', 'ISO 4217 currency for budgets', 'USD')
    .option('--json', 'print the result as JSON')
    .action(async (options: { slug: string; name: string; approvedCountries?: string[]; currency: string; json?: boolean }) => {
      const service = await resolve(OrganizationService);
      const created = await service.create(options);
      output(Boolean(options.json), toJson(created), () => `Created organization ${created.slug} (${created.name}).`);
    });
  org
    .command('list')
    .description('list organizations')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const remote = remoteApiFor(command);
      const organizations = remote ? await remoteOrganizations(remote) : (await (await resolve(OrganizationService)).list()).map(toJson);
      output(Boolean(options.json), organizations, () => table(organizations, ['slug', 'name', 'approvedCountries', 'currency']));
    });
}
