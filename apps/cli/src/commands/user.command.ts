import { type Command, InvalidArgumentError } from 'commander';
import { cliActor, UserService } from '@postureboard/server-auth';
import { output, resolve } from '../cli-context.js';

const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  // Only the line ending a shell or `echo` adds is dropped: spaces may be part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function registerUser(program: Command): void {
  const user = program.command('user').description("manage who may sign in to Postureboard, and their role in each organization");
  user
    .command('create')
    .description('create a user (or add an existing one to another organization) with a role')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--role <role>', 'ADMIN, CISO, ENGINEERING_LEAD, ANALYST, AUDITOR or BOARD_VIEWER')
    .option('--teams <names>', 'teams an ENGINEERING_LEAD leads, comma separated (names or ids)', list)
    .option('--password-stdin', 'read the password from standard input (else a random one is printed once)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { email: string; org: string; role: string; teams?: string[]; passwordStdin?: boolean; json?: boolean }) => {
      const password = options.passwordStdin ? await readStdin() : undefined;
      const service = await resolve(UserService);
      const result = await service.create({
        email: options.email,
        organizationSlug: options.org,
        role: options.role.toUpperCase(),
        teams: options.teams,
        password,
        actor: cliActor(),
      });
      const data = { email: result.user.email, org: options.org, role: options.role.toUpperCase(), created: result.created, password: result.generatedPassword ?? undefined };
      output(Boolean(options.json), data, () =>
        [
          `${result.created ? 'Created' : 'Updated'} ${result.user.email}: ${data.role} in ${options.org}.`,
          ...(result.generatedPassword ? [`Password (shown only this once): ${result.generatedPassword}`] : []),
        ].join('\n'),
      );
    });
  user
    .command('deactivate')
    .description('deactivate a user and revoke their sessions, refresh tokens and API tokens at once')
    .requiredOption('--email <email>', 'e-mail address')
    .option('--json', 'print the result as JSON')
    .action(async (options: { email: string; json?: boolean }) => {
      const revoked = await (await resolve(UserService)).deactivate({ email: options.email, actor: cliActor() });
      output(Boolean(options.json), { email: options.email, revoked }, () =>
        `Deactivated ${options.email}; revoked ${revoked.sessions} session(s), ${revoked.refreshTokens} refresh token(s), ${revoked.apiTokens} API token(s).`,
      );
    });
  user
    .command('preferences')
    .description("set a user's notification preferences: the language of e-mail addressed to them and the weekly digest")
    .requiredOption('--email <email>', 'e-mail address')
    .option('--lang <lang>', 'en | ko | channel (each channel’s language)', (v: string) => {
      if (!['en', 'ko', 'channel'].includes(v)) throw new InvalidArgumentError('expected en, ko or channel');
      return v;
    })
    .option('--digest <on|off>', 'receive the weekly digest (on) or opt out (off)', (v: string) => {
      if (v !== 'on' && v !== 'off') throw new InvalidArgumentError('expected on or off');
      return v;
    })
    .option('--json', 'print the result as JSON')
    .action(async (options: { email: string; lang?: string; digest?: string; json?: boolean }) => {
      const saved = await (await resolve(UserService)).setNotificationPreferences({
        user: { email: options.email },
        language: options.lang === undefined ? undefined : options.lang === 'channel' ? null : options.lang,
        digestOptOut: options.digest === undefined ? undefined : options.digest === 'off',
        actor: cliActor(),
      });
      output(Boolean(options.json), saved, () =>
        `${saved.email}: e-mail in ${saved.language ?? "each channel's language"}, weekly digest ${saved.digestOptOut ? 'off' : 'on'}.`,
      );
    });
}
