import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeOrphanUploads } from './upload-scratch.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const compiled = join(ROOT, 'tmp', `upload-scratch-${randomBytes(4).toString('hex')}`);
const compiledModule = join(compiled, 'libs/server/ingest/src/http/upload-scratch.js');

/** A real process using the upload scratch space the way the API does, then ending as told. */
const script = (root: string, ending: string): string => `
  import { makeUploadDirectory, removeOwnUploadsOnExit } from ${JSON.stringify(compiledModule)};
  import { writeFileSync } from 'node:fs';
  removeOwnUploadsOnExit(${JSON.stringify(root)});
  const directory = await makeUploadDirectory(${JSON.stringify(root)});
  writeFileSync(directory + '/events.jsonl.gz', Buffer.alloc(1 << 20));
  console.log('ready');
  ${ending}
`;

beforeAll(() => {
  const build = spawnSync(join(ROOT, 'node_modules/.bin/swc'), ['libs/server/ingest/src/http/upload-scratch.ts', '-d', compiled, '--config-file', '.swcrc', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`swc failed: ${build.stderr}`);
});
afterAll(() => rmSync(compiled, { recursive: true, force: true }));

describe('upload scratch space', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pb-scratch-root-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const uploads = (): string[] => readdirSync(root).filter((name) => name.startsWith('pb-upload-'));

  it('removes at start what dead processes, a previous process of this pid and old unnamed uploads left, and nothing else', () => {
    const make = (name: string): string => {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'file'), 'x');
      return name;
    };
    make('pb-upload-999999-dead');
    make(`pb-upload-${process.pid}-previous`);
    make('pb-upload-4242-alive');
    const legacyOld = make('pb-upload-Ab12Cd');
    const hourAndMore = new Date(Date.now() - 2 * 60 * 60_000);
    utimesSync(join(root, legacyOld), hourAndMore, hourAndMore);
    make('pb-upload-Zz98Yy');
    make('not-an-upload');
    const removed = removeOrphanUploads(root, (pid) => pid === 4242);
    expect(removed.sort()).toEqual(['pb-upload-999999-dead', 'pb-upload-Ab12Cd', `pb-upload-${process.pid}-previous`].sort());
    expect(readdirSync(root).sort()).toEqual(['not-an-upload', 'pb-upload-4242-alive', 'pb-upload-Zz98Yy']);
  });

  it('leaves nothing behind when the process crashes on an uncaught error or exits early', () => {
    for (const ending of ["throw new Error('crash mid-ingest');", 'process.exit(3);']) {
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script(root, ending)], { encoding: 'utf8' });
      expect(child.stdout).toContain('ready');
      expect(child.status).not.toBe(0);
      expect(uploads()).toEqual([]);
    }
  });

  it('leaves the directory of a SIGKILLed process to the next start, which removes it', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script(root, 'setInterval(() => {}, 1000);')], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const left = uploads();
    expect(left).toHaveLength(1);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(join(root, left[0]!))).toBe(true);
    expect(removeOrphanUploads(root)).toEqual(left);
    expect(uploads()).toEqual([]);
  });
});
