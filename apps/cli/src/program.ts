import { Command } from 'commander';
import { noteCliAction, recordCliAction } from './cli-audit.js';
import { registerAlias } from './commands/alias.command.js';
import { registerAudit } from './commands/audit.command.js';
import { registerBudget } from './commands/budget.command.js';
import { registerIngest } from './commands/ingest.command.js';
import { registerMigrate } from './commands/migrate.command.js';
import { registerNotifications } from './commands/notifications.command.js';
import { registerOrg } from './commands/org.command.js';
import { registerPolicy } from './commands/policy.command.js';
import { registerPosture } from './commands/posture.command.js';
import { registerReport } from './commands/report.command.js';
import { registerRetention } from './commands/retention.command.js';
import { registerSecrets } from './commands/secrets.command.js';
import { registerSeed } from './commands/seed.command.js';
import { registerTeam } from './commands/team.command.js';
import { registerToken } from './commands/token.command.js';
import { registerUser } from './commands/user.command.js';
import { registerWorker } from './commands/worker.command.js';
import { parseServerUrl, refuseLocalOnlyRemotely } from './remote/remote-target.js';

export function buildProgram(): Command {
  const program = new Command('postureboard')
    .description('Postureboard: security-governance posture from the command line')
    .showHelpAfterError()
    .exitOverride()
    // The token never comes from the command line (shell history, `ps`): only from POSTUREBOARD_API_TOKEN.
    .option('--server <url>', 'work against a Postureboard server instead of the local database (or set POSTUREBOARD_SERVER_URL); the API token comes from POSTUREBOARD_API_TOKEN', parseServerUrl)
    .hook('preAction', (_program, command) => {
      refuseLocalOnlyRemotely(command);
      noteCliAction(command);
    })
    .hook('postAction', () => recordCliAction('SUCCESS'));
  registerMigrate(program);
  registerOrg(program);
  registerPosture(program);
  registerReport(program);
  registerSeed(program);
  registerUser(program);
  registerToken(program);
  registerAudit(program);
  registerBudget(program);
  registerTeam(program);
  registerPolicy(program);
  registerIngest(program);
  registerAlias(program);
  registerWorker(program);
  registerSecrets(program);
  registerNotifications(program);
  registerRetention(program);
  return program;
}

/** Parses and runs one command line; a state-changing command that fails is audited as a FAILURE before the error goes on. */
export async function runProgram(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    await recordCliAction('FAILURE', error).catch(() => undefined);
    throw error;
  }
}
