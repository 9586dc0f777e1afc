import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/**
 * Compiles the server libraries with SWC (as `npm run build:server` does) into the repository's ignored `tmp/`
 * (so node_modules resolve), for tests that kill a real worker process. Returns the entry point.
 */
export function compileNotificationProcess(): { entry: string; remove(): void } {
  const out = join(ROOT, 'tmp', `notification-process-${randomBytes(4).toString('hex')}`);
  const build = spawnSync(
    join(ROOT, 'node_modules/.bin/swc'),
    ['libs/domain/src', 'libs/connectors/src', 'libs/server', '-d', out, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts,**/*.integration-spec.ts', '--quiet'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`swc failed: ${build.stderr}`);
  return { entry: join(out, 'libs/server/notifications/src/testing/notification-process.main.js'), remove: () => rmSync(out, { recursive: true, force: true }) };
}
