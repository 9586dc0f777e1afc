import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/**
 * Compiles the API, the CLI and the libraries with SWC (as `npm run build:server` does) into the repository's
 * ignored `tmp/` (so node_modules resolve), for tests that run the real processes: `apps/api/src/main.js` and
 * `apps/cli/src/main.js` under the returned root.
 */
export function compileServer(): { root: string; remove(): void } {
  const root = join(ROOT, 'tmp', `server-${randomBytes(4).toString('hex')}`);
  const build = spawnSync(
    join(ROOT, 'node_modules/.bin/swc'),
    ['apps/api/src', 'apps/cli/src', 'libs/domain/src', 'libs/connectors/src', 'libs/server', '-d', root, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts,**/*.integration-spec.ts', '--quiet'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`swc failed: ${build.stderr}`);
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
