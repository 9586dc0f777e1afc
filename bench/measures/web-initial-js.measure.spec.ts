import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialJs } from './web-initial-js.measure.js';

describe('initialJs', () => {
  it('counts the entry script and its modulepreloads, gzipped, and nothing loaded later', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-web-'));
    try {
      mkdirSync(join(dir, 'assets'));
      const entry = 'export const a = 1;'.repeat(200);
      const vendor = 'export const b = 2;'.repeat(100);
      writeFileSync(join(dir, 'assets/index-1.js'), entry);
      writeFileSync(join(dir, 'assets/vendor-2.js'), vendor);
      writeFileSync(join(dir, 'assets/lazy-3.js'), 'export const lazy = 3;');
      writeFileSync(
        join(dir, 'index.html'),
        '<script type="module" crossorigin src="/assets/index-1.js"></script><link rel="modulepreload" crossorigin href="/assets/vendor-2.js">',
      );
      const result = initialJs(dir);
      expect(result.files.map((f) => f.path)).toEqual(['/assets/index-1.js', '/assets/vendor-2.js']);
      expect(result.bytes).toBe(entry.length + vendor.length);
      expect(result.gzipBytes).toBe(gzipSync(entry).length + gzipSync(vendor).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
