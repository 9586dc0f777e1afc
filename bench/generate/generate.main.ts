/**
 * Writes the synthetic organisation's source files: `node generate.main.js --scale S --dir D --end ISO`.
 * Run in its own process so its memory never counts in the benchmark's ingest RSS. Writes `D/manifest.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeAccessEvents, type AccessEventFiles } from './access-events.writer.js';
import { isScaleName, SCALES } from './bench-scale.js';
import { writeInventoryFiles, type InventoryFiles } from './inventory-files.writer.js';
import { buildBenchOrg } from './synthetic-org.js';

export interface GeneratedManifest {
  scale: string;
  end: string;
  inventory: InventoryFiles;
  events: AccessEventFiles;
  teams: string[];
  /** Team leads by team name (the first member of each team). */
  leads: { team: string; email: string }[];
  seconds: number;
}

const { values } = parseArgs({ options: { scale: { type: 'string' }, dir: { type: 'string' }, end: { type: 'string' } } });
if (!values.scale || !isScaleName(values.scale) || !values.dir || !values.end) {
  console.error('usage: generate.main.js --scale small|large --dir DIR --end ISO-DATE');
  process.exit(2);
}
const started = performance.now();
const org = buildBenchOrg(SCALES[values.scale], new Date(values.end));
mkdirSync(values.dir, { recursive: true });
const inventory = writeInventoryFiles(org, values.dir);
const events = writeAccessEvents(org, values.dir, (day) => {
  if (day % 30 === 0) process.stderr.write(`  generated day ${day + 1}/368 (${Math.round((performance.now() - started) / 1000)} s)\n`);
});
const manifest: GeneratedManifest = {
  scale: values.scale,
  end: org.end.toISOString(),
  inventory,
  events,
  teams: org.teams,
  leads: org.teams.map((team, i) => ({ team, email: org.people[i]!.email })),
  seconds: (performance.now() - started) / 1000,
};
writeFileSync(join(values.dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
