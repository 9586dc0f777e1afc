import { jest } from '@jest/globals';
import { closeContext } from './cli-context.js';
import { buildProgram } from './program.js';

/** Runs `postureboard <args>` in-process against the test database and returns what it printed. */
export async function runCli(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void lines.push(values.join(' ')));
  try {
    await buildProgram().parseAsync(['node', 'postureboard', ...args]);
  } finally {
    log.mockRestore();
    await closeContext();
  }
  return lines.join('\n');
}
