import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Command } from 'commander';

const stored = { id: 'r1', asOf: new Date('2025-11-24T23:59:59.999Z'), lang: 'ko', generatedAt: new Date('2025-11-25T01:00:00Z'), generatedBy: 'cli:ops', checksum: 'c'.repeat(64), sizeBytes: 8 };
const generate = jest.fn(async (_input: Record<string, unknown>) => ({ report: stored, content: Buffer.from('%PDF-1.7') }));
const schedule = jest.fn(async (_org: string) => ({ enabled: true, languages: ['en'] }));
const setSchedule = jest.fn(async (_org: string, value: { enabled: boolean; languages: string[] }) => value);
const printed: string[] = [];

// The command's own behaviour, without a database: the service and the Nest context are stubbed.
jest.unstable_mockModule('../cli-context.js', () => ({
  resolve: async () => ({ generate, schedule, setSchedule }),
  output: (json: boolean, data: unknown, text: () => string) => printed.push(json ? JSON.stringify(data) : text()),
}));
jest.unstable_mockModule('@postureboard/server-reports', () => ({ isReportLang: (v: string) => v === 'en' || v === 'ko', ReportsService: class {} }));
jest.unstable_mockModule('@postureboard/server-auth', () => ({ cliActor: () => ({ label: 'cli:ops' }) }));
const { registerReport } = await import('./report.command.js');

const run = (...args: string[]): Promise<Command> => {
  const program = new Command('postureboard').exitOverride().configureOutput({ writeErr: () => undefined });
  registerReport(program);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: () => undefined });
  return program.parseAsync(['node', 'postureboard', ...args]);
};

describe('postureboard report', () => {
  beforeEach(() => {
    printed.length = 0;
    jest.clearAllMocks();
  });

  it('generates the report as of the end of the given day, in the given language, and writes the PDF to --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pb-report-')), 'board.pdf');
    await run('report', '--org', 'demo', '--as-of', '2025-11-24', '--lang', 'ko', '--out', out, '--json');
    expect(generate).toHaveBeenCalledWith({ orgSlug: 'demo', asOf: new Date('2025-11-24T23:59:59.999Z'), lang: 'ko', generatedBy: 'cli:ops' });
    expect(readFileSync(out, 'utf8')).toBe('%PDF-1.7');
    expect(JSON.parse(printed[0]!)).toMatchObject({ id: 'r1', lang: 'ko', checksum: stored.checksum, sizeBytes: 8, out });
  });

  it('refuses a missing --out and an unknown language before generating anything', async () => {
    await expect(run('report', '--org', 'demo')).rejects.toThrow(/--out/);
    await expect(run('report', '--org', 'demo', '--out', 'x.pdf', '--lang', 'fr')).rejects.toThrow(/not a report language/);
    expect(generate).not.toHaveBeenCalled();
  });

  it('shows the weekly schedule, and changes it only when asked', async () => {
    await run('report-schedule', '--org', 'demo');
    expect(setSchedule).not.toHaveBeenCalled();
    expect(printed).toEqual(['Weekly board report for demo: on, in en.']);

    await run('report-schedule', '--org', 'demo', '--lang', 'en,ko');
    expect(setSchedule).toHaveBeenLastCalledWith('demo', { enabled: true, languages: ['en', 'ko'] });
    await run('report-schedule', '--org', 'demo', '--disable');
    expect(setSchedule).toHaveBeenLastCalledWith('demo', { enabled: false, languages: ['en'] });
    await expect(run('report-schedule', '--org', 'demo', '--enable', '--disable')).rejects.toThrow(/not both/);
  });
});
