/**
 * `node dist/bench-parse/bench/parse-speed.main.js [--scale large] [--days 8] [--trials 5] [--dir DIR]`: the `parse`
 * measure alone, on the first `--days` days of the scale's synthetic CloudTrail (files of 2,000 records, the
 * scale's identities and addresses) and the same events as OCSF JSON lines. Build it as `npm run bench` builds
 * the benchmark, into `dist/bench-parse`. `--dir` reuses files an earlier run generated there (kept); without it
 * they are generated into a temporary folder and removed afterwards.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeAccessEvents } from './generate/access-events.writer.js';
import { SCALES, isScaleName } from './generate/bench-scale.js';
import { buildBenchOrg } from './generate/synthetic-org.js';
import { measureParse } from './measures/parse.measure.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'large' },
    days: { type: 'string', default: '8' },
    trials: { type: 'string', default: '5' },
    dir: { type: 'string' },
  },
});
if (!isScaleName(args.scale!)) throw new Error('--scale small|large');
const scale = SCALES[args.scale];
const directory = args.dir ?? mkdtempSync(join(tmpdir(), 'parse-speed-'));
const log = (line: string): void => console.log(line);

if (!existsSync(join(directory, 'sample', 'ocsf'))) {
  const started = performance.now();
  const org = buildBenchOrg(scale, new Date('2026-12-01T00:00:00Z'));
  const files = writeAccessEvents(org, directory, () => undefined, Number(args.days));
  log(`generated ${files.sampleEvents} events (${args.days} days of the ${scale.name} scale) in ${Math.round((performance.now() - started) / 1000)} s into ${directory}`);
}
try {
  log(`load average before: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  const measure = await measureParse({ cloudTrail: join(directory, 'sample', 'cloudtrail'), ocsf: join(directory, 'sample', 'ocsf') }, log, Number(args.trials));
  log(JSON.stringify(measure.ours));
  log(JSON.stringify(measure.baseline));
  log(`load average after: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
} finally {
  if (args.dir === undefined) rmSync(directory, { recursive: true, force: true });
}
