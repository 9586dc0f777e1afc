import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// No Docker engine runs on these machines, but the Compose CLI validates the file without one.
const composeFile = join(dirname(fileURLToPath(import.meta.url)), 'compose.yaml');

const composeCommand = (): string[] => {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  throw new Error('Neither `docker compose` nor `docker-compose` is installed (apt-get install docker-compose)');
};

describe('docker/compose.yaml', () => {
  it('validates with `compose config` and runs PostgreSQL, the migration step and the API with healthchecks', () => {
    const [command, ...prefix] = composeCommand();
    const rendered = execFileSync(command!, [...prefix, '-f', composeFile, 'config'], {
      env: { ...process.env, POSTUREBOARD_SECRET_KEY: Buffer.alloc(32).toString('base64') },
      encoding: 'utf8',
    });
    for (const service of ['postgres:', 'migrate:', 'api:']) expect(rendered).toContain(service);
    expect(rendered.match(/healthcheck:/g)?.length).toBeGreaterThanOrEqual(2);
    expect(rendered).toContain('pgdata');
    expect(rendered).toMatch(/service_completed_successfully/);
  });

  it("bounds the API replicas' heap (API_HEAP_MB, 256 MB by default), the heap the bench measures them with", async () => {
    const [command, ...prefix] = composeCommand();
    const render = (extra: Record<string, string>) =>
      execFileSync(command!, [...prefix, '-f', composeFile, 'config'], {
        env: { ...process.env, POSTUREBOARD_SECRET_KEY: Buffer.alloc(32).toString('base64'), ...extra },
        encoding: 'utf8',
      });
    expect(render({})).toMatch(/NODE_OPTIONS: --max-semi-space-size=64 --max-old-space-size=256\b/);
    expect(render({ API_HEAP_MB: '384' })).toMatch(/NODE_OPTIONS: --max-semi-space-size=64 --max-old-space-size=384\b/);
    const { deployedApiNodeOptions } = await import('../bench/measures/overview-query.measure.js');
    expect(deployedApiNodeOptions(join(dirname(composeFile), '..'))).toEqual(['--max-semi-space-size=64', '--max-old-space-size=256']);
  });

  it('scales API replicas and ingest workers from API_REPLICAS and WORKER_REPLICAS', () => {
    const [command, ...prefix] = composeCommand();
    const rendered = execFileSync(command!, [...prefix, '-f', composeFile, 'config'], {
      env: { ...process.env, POSTUREBOARD_SECRET_KEY: Buffer.alloc(32).toString('base64'), API_REPLICAS: '3', WORKER_REPLICAS: '4' },
      encoding: 'utf8',
    });
    expect(rendered).toMatch(/\n {2}worker:\n/);
    expect(rendered).toMatch(/"worker"|- worker\n/);
    expect(rendered).toMatch(/replicas: 3\b/);
    expect(rendered).toMatch(/replicas: 4\b/);
  });

  it('refuses to render without a secret key, instead of starting with none', () => {
    const [command, ...prefix] = composeCommand();
    const env = { ...process.env };
    delete env['POSTUREBOARD_SECRET_KEY'];
    const result = spawnSync(command!, [...prefix, '-f', composeFile, 'config'], { env, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/POSTUREBOARD_SECRET_KEY/);
  });
});
