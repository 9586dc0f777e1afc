import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { walkFiles } from './json-files.reader.js';

async function list(path: string, skip?: (name: string) => boolean): Promise<string[]> {
  const files: string[] = [];
  for await (const file of walkFiles(path, skip ? { skipDirectory: skip } : {})) files.push(relative(path, file) || file);
  return files;
}

describe('walkFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'pb-walk-'));
  const day = (d: string) => join(root, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2024', '03', d);
  for (const d of ['10', '02', '01']) {
    mkdirSync(day(d), { recursive: true });
    writeFileSync(join(day(d), `111122223333_CloudTrail_us-east-1_202403${d}T0000Z_b.json.gz`), '');
    writeFileSync(join(day(d), `111122223333_CloudTrail_us-east-1_202403${d}T0000Z_a.json.gz`), '');
  }
  mkdirSync(join(root, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'us-east-1'), { recursive: true });
  writeFileSync(join(root, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'us-east-1', 'digest.json.gz'), '');
  writeFileSync(join(root, '.DS_Store'), '');
  symlinkSync(root, join(root, 'AWSLogs', 'loop'));

  it('walks directories recursively in sorted order, so dated folders come out in time order', async () => {
    const files = await list(root, (name) => name === 'CloudTrail-Digest');
    expect(files).toEqual([
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/111122223333_CloudTrail_us-east-1_20240301T0000Z_a.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/111122223333_CloudTrail_us-east-1_20240301T0000Z_b.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/02/111122223333_CloudTrail_us-east-1_20240302T0000Z_a.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/02/111122223333_CloudTrail_us-east-1_20240302T0000Z_b.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/10/111122223333_CloudTrail_us-east-1_20240310T0000Z_a.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/10/111122223333_CloudTrail_us-east-1_20240310T0000Z_b.json.gz',
    ]);
  });

  it('enters skipped directories only when not told to skip them, and never follows a directory link', async () => {
    const files = await list(root);
    expect(files.filter((file) => file.includes('CloudTrail-Digest'))).toHaveLength(1);
    expect(files.some((file) => file.includes('loop'))).toBe(false);
  });

  it('yields a single file path as itself', async () => {
    const path = join(day('01'), '111122223333_CloudTrail_us-east-1_20240301T0000Z_a.json.gz');
    const files: string[] = [];
    for await (const file of walkFiles(path)) files.push(file);
    expect(files).toEqual([path]);
  });
});
