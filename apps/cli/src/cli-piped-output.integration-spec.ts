import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmptyTestDatabase } from '@postureboard/server-database/testing';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const IAM_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

/**
 * The compiled `postureboard` as `npm run cli` runs it, in a real process whose stdout is a pipe read
 * slowly: a pipe's buffer holds 64 KiB, and an exit before the rest is written cut `--json` output short.
 */
describe('postureboard output through a pipe', () => {
  const out = join(ROOT, 'tmp', `cli-piped-${randomBytes(4).toString('hex')}`);
  const dir = mkdtempSync(join(tmpdir(), 'pb-cli-piped-'));
  let env: NodeJS.ProcessEnv;
  let drop: () => Promise<void>;

  const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, [join(out, 'apps/cli/src/main.js'), ...args], { env, encoding: 'utf8' });

  /** Runs the CLI with its stdout read slowly: after each chunk the reader pauses for 2 ms (a slow `| jq`). */
  const runSlowlyRead = (...args: string[]): Promise<{ code: number | null; stdout: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(out, 'apps/cli/src/main.js'), ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      const chunks: Buffer[] = [];
      let code: number | null | undefined;
      let ended = false;
      const settle = (): void => {
        if (ended && code !== undefined) resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') });
      };
      child.stdout.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 2);
      });
      child.stdout.on('end', () => {
        ended = true;
        settle();
      });
      child.on('error', reject);
      child.on('exit', (exitCode) => {
        code = exitCode;
        settle();
      });
    });

  beforeAll(async () => {
    const build = spawnSync(
      join(ROOT, 'node_modules/.bin/swc'),
      ['apps/cli/src', 'libs/domain/src', 'libs/connectors/src', 'libs/server', '-d', out, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts,**/*.integration-spec.ts', '--quiet'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (build.status !== 0) throw new Error(`swc failed: ${build.stderr}`);
    const db = await createEmptyTestDatabase();
    drop = db.drop;
    env = {
      PATH: process.env['PATH'],
      DATABASE_URL: db.url,
      POSTUREBOARD_SECRET_KEY: randomBytes(32).toString('base64'),
      POSTUREBOARD_DATA_DIR: dir,
      POSTUREBOARD_SEED_DEMO: 'false',
    };
    for (const args of [['migrate'], ['org', 'create', '--slug', 'big', '--name', 'Big']]) {
      const result = run(...args);
      if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
    }
    // Users (with long names) whose keys were last rotated years ago: findings of over 2 KiB each.
    const rows = Array.from(
      { length: 600 },
      (_, n) =>
        `user-${n}-${'x'.repeat(300)},arn:aws:iam::111122223333:user/user-${n},2019-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,` +
        `true,2020-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    );
    writeFileSync(join(dir, 'report.csv'), `${IAM_HEADER}\n${rows.join('\n')}\n`);
    const ingest = run('ingest', '--org', 'big', '--source', 'iam-credential-report', '--path', join(dir, 'report.csv'));
    if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stdout}${ingest.stderr}`);
  }, 180_000);

  afterAll(async () => {
    await drop();
    rmSync(out, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes all of `findings --json` (over 1 MiB) before exiting, however slowly it is read', async () => {
    const { code, stdout } = await runSlowlyRead('findings', '--org', 'big', '--json');
    expect(code).toBe(0);
    expect(Buffer.byteLength(stdout)).toBeGreaterThan(1 << 20);
    const findings = JSON.parse(stdout) as unknown[];
    expect(findings.length).toBeGreaterThanOrEqual(500);
  }, 120_000);
});
