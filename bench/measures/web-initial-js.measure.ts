import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Measure } from '../output/bench-result.js';
import { ratio } from '../output/bench-stats.util.js';

export interface InitialJs {
  files: { path: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

/** The entry script and its modulepreloads, as `index.html` names them: what the browser fetches before first paint. */
export function initialJs(outDir: string): InitialJs {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const files = [...new Set([...entries, ...preloads])].map((path) => {
    const content = readFileSync(join(outDir, path.replace(/^\//, '')));
    return { path, bytes: content.length, gzipBytes: gzipSync(content).length };
  });
  if (files.length === 0) throw new Error(`no module script in ${join(outDir, 'index.html')}`);
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
}

/** The floor any React app pays: `createRoot().render()` of one element, built by the same Vite. */
async function emptyReactApp(workDir: string): Promise<InitialJs> {
  const root = join(workDir, 'web-baseline');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>');
  writeFileSync(
    join(root, 'main.js'),
    "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(createElement('h1', null, 'Hello'));\n",
  );
  const vite = await import('vite');
  await vite.build({ root, configFile: false, logLevel: 'silent', build: { outDir: join(root, 'dist'), emptyOutDir: true } });
  return initialJs(join(root, 'dist'));
}

/** Builds the web app (`npm run build:web`) and gzips (zlib default level) its initial JavaScript. */
export async function measureWebInitialJs(repoRoot: string, workDir: string, log: (line: string) => void): Promise<Measure> {
  const build = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build:web failed: ${(build.stderr || build.stdout).slice(-2000)}`);
  const ours = initialJs(join(repoRoot, 'dist/web'));
  const baseline = await emptyReactApp(workDir);
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  log(`  initial JS ${kb(ours.gzipBytes)} KB gzipped in ${ours.files.length} files; an empty React app ${kb(baseline.gzipBytes)} KB`);
  const met = ours.gzipBytes <= 250 * 1024;
  return {
    ours: { gzipKb: kb(ours.gzipBytes), kb: kb(ours.bytes), files: ours.files.map((f) => ({ ...f, gzipKb: kb(f.gzipBytes) })) },
    baseline: { gzipKb: kb(baseline.gzipBytes), kb: kb(baseline.bytes), what: 'an empty React 19 app (createRoot + one element) built by the same Vite' },
    ratio: ratio(ours.gzipBytes, baseline.gzipBytes),
    ratioOf: 'gzipKb',
    targets: [{ goal: 'initial JS ≤ 250 KB gzipped', met, note: met ? undefined : 'the entry chunk and its preloads exceed the budget' }],
  };
}
