import { type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@postureboard/server-core';
import { CliModule } from './cli.module.js';

let context: INestApplicationContext | undefined;

/** Boots the application context on first use, so `--help` never touches the database. */
export async function resolve<T>(type: Type<T> | symbol | string): Promise<T> {
  context ??= await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig()), { logger: ['error'], abortOnError: false });
  return context.get(type as Type<T>, { strict: false });
}

export async function closeContext(): Promise<void> {
  await context?.close();
  context = undefined;
}

/** Prints data as JSON (with --json) or as aligned text for people. */
export function output(json: boolean, data: unknown, text: () => string): void {
  console.log(json ? JSON.stringify(data, null, 2) : text());
}

export function table(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((r) => columns.map((c) => formatCell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line([...columns]), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

const formatCell = (value: unknown): string =>
  value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(',') : String(value);
