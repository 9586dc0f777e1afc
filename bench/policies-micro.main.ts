/**
 * The policies alone, in one process: the organisation's input loaded once from DATABASE_URL, then a full
 * evaluation (no state) against an incremental one a day later (the state of the evaluation before), alternated,
 * per rule. For seeing where the policies' time goes without the database in the way.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { evaluateFindingsFrom, FINDING_RULES, type FindingsState } from '@postureboard/domain';
import { createDataSource, PostureInputRepository } from '@postureboard/server-database';

const { values: args } = parseArgs({
  options: { asOf: { type: 'string', default: '2026-12-03T00:00:00Z' }, rounds: { type: 'string', default: '5' }, 'per-rule': { type: 'boolean', default: false } },
});
const DAY_MS = 86_400_000;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dataSource: DataSource = createDataSource(process.env['DATABASE_URL']!, { poolSize: 2 });
  await dataSource.initialize();
  const [{ id }] = (await dataSource.query(`SELECT id FROM organization WHERE slug = 'bench'`)) as [{ id: string }];
  const input = await new PostureInputRepository(dataSource).load(id, new Date(args.asOf!));
  await dataSource.destroy();
  const asOf = new Date(args.asOf!);
  const full: number[] = [];
  const incremental: number[] = [];
  let state: FindingsState | null = null;
  for (let round = 0; round < Number(args.rounds); round++) {
    let t = performance.now();
    const first = evaluateFindingsFrom(input, new Date(asOf.getTime() + round * DAY_MS), null);
    full.push(performance.now() - t);
    state = first.state;
    t = performance.now();
    const next = evaluateFindingsFrom(input, new Date(asOf.getTime() + (round + 1) * DAY_MS), state);
    incremental.push(performance.now() - t);
    state = next.state;
  }
  console.log(`full ${median(full).toFixed(0)} ms, incremental ${median(incremental).toFixed(0)} ms (medians of ${full.length}): ${(median(incremental) / median(full)).toFixed(3)}`);
  if (!args['per-rule']) return;
  // Per rule, on an index seeded with the state of the evaluation a day before.
  const perRule: Record<string, { full: number[]; incremental: number[] }> = {};
  for (let round = 0; round < Number(args.rounds); round++) {
    const at = new Date(asOf.getTime() + round * DAY_MS);
    const before = evaluateFindingsFrom(input, new Date(at.getTime() - DAY_MS), null).state;
    // No rule at all: the index over the input, which every evaluation builds.
    for (const [name, kinds] of [['(index only)', []] as const, ...FINDING_RULES.map((rule) => [rule.kind, [rule.kind]] as const)]) {
      const entry = (perRule[name] ??= { full: [], incremental: [] });
      let t = performance.now();
      evaluateFindingsFrom(input, at, null, undefined, { kinds });
      entry.full.push(performance.now() - t);
      t = performance.now();
      evaluateFindingsFrom(input, at, { ...before, activity: null, bulkFlags: null }, undefined, { kinds });
      entry.incremental.push(performance.now() - t);
    }
  }
  for (const [kind, { full: f, incremental: i }] of Object.entries(perRule)) console.log(`  ${kind}: full ${median(f).toFixed(0)} ms, incremental ${median(i).toFixed(0)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
