import type { Command } from 'commander';
import { ApiTokenService, AuthError, AuthErrorCode, cliActor, isRole } from '@postureboard/server-auth';
import { output, resolve } from '../cli-context.js';

export function registerToken(program: Command): void {
  const token = program.command('token').description('API tokens for automation (Authorization: Bearer pbt_...)');
  token
    .command('create')
    .description("issue an API token scoped to one organization and role (printed once; only its hash is kept)")
    .requiredOption('--email <email>', 'the user the token acts for')
    .requiredOption('--org <slug>', 'the one organization it may reach')
    .requiredOption('--expires-in <duration>', 'mandatory lifetime: 90m, 12h, 30d, 4w (at most 365d)')
    .option('--role <role>', "the token's role (default: the user's; never more)")
    .option('--name <name>', 'what the token is for')
    .option('--json', 'print the result as JSON')
    .action(async (options: { email: string; org: string; expiresIn: string; role?: string; name?: string; json?: boolean }) => {
      const role = options.role?.toUpperCase();
      if (role !== undefined && !isRole(role)) throw new AuthError(AuthErrorCode.INVALID_INPUT, `Unknown role "${options.role}"`);
      const issued = await (await resolve(ApiTokenService)).issue({
        email: options.email,
        organizationSlug: options.org,
        role,
        expiresIn: options.expiresIn,
        name: options.name,
        actor: cliActor(),
      });
      const data = { id: issued.record.id, token: issued.token, role: issued.record.role, org: options.org, expiresAt: issued.record.expiresAt };
      output(Boolean(options.json), data, () =>
        [issued.token, `(id ${data.id}, ${data.role} in ${options.org}, expires ${data.expiresAt.toISOString()}; shown only this once)`].join('\n'),
      );
    });
  token
    .command('revoke')
    .description('revoke an API token by id')
    .requiredOption('--id <id>', 'token id (printed at creation)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { id: string; json?: boolean }) => {
      const revoked = await (await resolve(ApiTokenService)).revoke({ id: options.id, actor: cliActor() });
      output(Boolean(options.json), { id: revoked.id, revokedAt: revoked.revokedAt }, () => `Revoked API token ${revoked.id} (${revoked.userEmail}).`);
    });
}
