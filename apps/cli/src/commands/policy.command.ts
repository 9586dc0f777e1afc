import { type Command, InvalidArgumentError } from 'commander';
import { CREDENTIAL_KINDS, ENVIRONMENTS, type CredentialKind, type Environment } from '@postureboard/domain';
import { RotationPolicyService, SettingsError, SettingsErrorCode, TeamService, type RotationPolicyView } from '@postureboard/server-posture';
import { output, resolve, table } from '../cli-context.js';

const oneOf =
  <T extends string>(values: readonly T[], what: string) =>
  (value: string): T => {
    const upper = value.trim().toUpperCase() as T;
    if (!values.includes(upper)) throw new InvalidArgumentError(`unknown ${what} "${value}" (one of ${values.join(', ')})`);
    return upper;
  };

const wholeDays = (value: string): number => {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a whole number of days`);
  return Number(value);
};

const toRow = (p: RotationPolicyView, teamNames: ReadonlyMap<string, string>) => ({
  id: p.id,
  credentialKind: p.kind,
  environment: p.environment,
  maxAgeDays: p.maxAgeDays,
  warningDays: p.warningDays,
  graceDays: p.graceDays,
  team: p.teamId === null ? null : (teamNames.get(p.teamId) ?? p.teamId),
  isDefault: p.isDefault,
  source: p.source,
});

const teamNamesOf = async (org: string): Promise<Map<string, string>> =>
  new Map((await (await resolve(TeamService)).list(org)).map((t) => [t.id, t.name]));

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('key rotation policies: defaults (NIST SP 800-57, CIS) and overrides');
  policy
    .command('list')
    .description('the effective policy for every kind and environment, then team overrides')
    .requiredOption('--org <slug>', 'organization')
    .option('--json', 'print a JSON array')
    .action(async (o: { org: string; json?: boolean }) => {
      const teamNames = await teamNamesOf(o.org);
      const rows = (await (await resolve(RotationPolicyService)).matrix(o.org)).map((p) => toRow(p, teamNames));
      output(Boolean(o.json), rows, () =>
        table(rows, ['credentialKind', 'environment', 'maxAgeDays', 'warningDays', 'graceDays', 'team', 'source']),
      );
    });
  policy
    .command('set')
    .description('override the policy for a kind and environment, organization-wide or for one team')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--kind <kind>', `credential kind (${CREDENTIAL_KINDS.join(', ')})`, oneOf(CREDENTIAL_KINDS, 'credential kind'))
    .requiredOption('--environment <env>', `environment (${ENVIRONMENTS.join(', ')})`, oneOf(ENVIRONMENTS, 'environment'))
    .requiredOption('--max-age-days <n>', 'maximum age before rotation is due', wholeDays)
    .requiredOption('--warning-days <n>', 'DUE_SOON from this many days before the due date', wholeDays)
    .option('--grace-days <n>', 'days past due tolerated before OVERDUE', wholeDays, 0)
    .option('--team <name>', 'a team override (by team name)')
    .option('--json', 'print the result as JSON')
    .action(
      async (o: { org: string; kind: CredentialKind; environment: Environment; maxAgeDays: number; warningDays: number; graceDays: number; team?: string; json?: boolean }) => {
        const teamNames = await teamNamesOf(o.org);
        let teamId: string | null = null;
        if (o.team !== undefined) {
          teamId = [...teamNames].find(([, name]) => name.toLowerCase() === o.team!.trim().toLowerCase())?.[0] ?? null;
          if (teamId === null) throw new SettingsError(SettingsErrorCode.TEAM_NOT_FOUND, `No team named "${o.team}" in ${o.org}`);
        }
        const saved = await (await resolve(RotationPolicyService)).set(o.org, { ...o, teamId });
        const row = toRow(saved, teamNames);
        output(Boolean(o.json), row, () =>
          `${row.credentialKind} in ${row.environment}${row.team ? ` for ${row.team}` : ''}: rotate every ${row.maxAgeDays} days (warning ${row.warningDays}, grace ${row.graceDays}).`,
        );
      },
    );
}
