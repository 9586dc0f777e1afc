import { type Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '@postureboard/server-core';
import { RemoteError } from './remote.error.js';

/** A Postureboard server the CLI reads from instead of the local database. */
export interface RemoteTarget {
  serverUrl: URL;
  /** From POSTUREBOARD_API_TOKEN only: a token on the command line would land in shell history and `ps`. */
  token: string;
}

/** The commands that work against a server; everything else works on the operator's own database. */
export const REMOTE_COMMANDS: ReadonlySet<string> = new Set(['org list', 'posture', 'findings', 'report']);

/** `--server`, checked by the same rule as POSTUREBOARD_SERVER_URL (the token travels there). */
export function parseServerUrl(value: string): string {
  try {
    return loadConfig({ POSTUREBOARD_SERVER_URL: value }).POSTUREBOARD_SERVER_URL!;
  } catch (error) {
    if (error instanceof ConfigError) throw new InvalidArgumentError(error.problems.map((p) => p.replace(/^POSTUREBOARD_SERVER_URL: /, '')).join('; '));
    throw error;
  }
}

/**
 * Where the command should run: a server (`--server`, else POSTUREBOARD_SERVER_URL, with
 * POSTUREBOARD_API_TOKEN), or null for the local database. Half a remote setup is an error rather than a
 * silent fall back to whatever database this machine has.
 */
export function remoteTarget(serverOption: string | undefined, env: Record<string, string | undefined> = process.env): RemoteTarget | null {
  const config = loadConfig(env);
  const server = serverOption ?? config.POSTUREBOARD_SERVER_URL;
  const token = config.POSTUREBOARD_API_TOKEN;
  if (!server) {
    if (!token) return null;
    throw new RemoteError('POSTUREBOARD_API_TOKEN is set but no server is: set POSTUREBOARD_SERVER_URL or pass --server URL (or unset the token to work on the local database)');
  }
  if (!token) {
    throw new RemoteError(`Working against ${new URL(server).origin} needs an API token in POSTUREBOARD_API_TOKEN (issued with "postureboard token create" on the server); it is never read from the command line`);
  }
  return { serverUrl: new URL(server), token };
}

/** `org list`, `findings`, ...: the command's path under the program, as REMOTE_COMMANDS names it. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The target for the command being run (reads `--server` wherever it was given). */
export function remoteTargetOf(command: Command): RemoteTarget | null {
  return remoteTarget(command.optsWithGlobals<{ server?: string }>().server);
}

/** Runs before every action: a local-only command refuses to run when a server is configured. */
export function refuseLocalOnlyRemotely(command: Command): void {
  const target = remoteTargetOf(command);
  const path = commandPath(command);
  if (target && !REMOTE_COMMANDS.has(path)) {
    throw new RemoteError(
      `"${path}" is local-only: it works on this machine's database, not on ${target.serverUrl.origin}. ` +
        `Against a server, only ${[...REMOTE_COMMANDS].join(', ')} work; unset POSTUREBOARD_SERVER_URL and drop --server to run it locally.`,
    );
  }
}
