import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readsSynchronously } from './json-text.reader.js';

describe('readsSynchronously', () => {
  const root = mkdtempSync(join(tmpdir(), 'pb-json-text-'));
  const small = join(root, 'small.json');
  const large = join(root, 'large.json');
  writeFileSync(small, '{"Records":[]}');
  writeFileSync(large, Buffer.alloc((1 << 20) + 1, 0x20));

  it('is true for a regular file of at most a MiB, the size readWholeText reads on the calling thread', () => {
    expect(readsSynchronously(small)).toBe(true);
  });

  it('is false for a larger file, a file over the whole-text bound, a folder and a missing file', () => {
    expect(readsSynchronously(large)).toBe(false);
    expect(readsSynchronously(small, 4)).toBe(false);
    expect(readsSynchronously(root)).toBe(false);
    expect(readsSynchronously(join(root, 'missing.json'))).toBe(false);
  });
});
