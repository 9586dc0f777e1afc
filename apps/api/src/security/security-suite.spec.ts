import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');

describe('the security suite', () => {
  const listed = [...new Set(readFileSync(join(here, 'README.md'), 'utf8').match(/(?:apps|libs|scripts)\/[^`\s]+\.(?:integration-spec|spec)\.ts/g) ?? [])].sort();
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['test:security'] ?? '';

  it('names only tests that exist, and names every item of issue 18', () => {
    expect(listed.filter((file) => !existsSync(join(root, file)))).toEqual([]);
    const readme = readFileSync(join(here, 'README.md'), 'utf8');
    const items = new Set([...readme.matchAll(/^\| ([\d, ]+) /gm)].flatMap((m) => m[1]!.split(',').map((n) => Number(n.trim()))));
    expect([...items].sort((a, b) => a - b)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('runs exactly the tests the README lists (npm run test:security)', () => {
    const run = script.split(' ').filter((part) => /\.(?:integration-spec|spec)\.ts$/.test(part)).sort();
    expect(run).toEqual(listed);
  });
});
