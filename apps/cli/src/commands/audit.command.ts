import { readFile, writeFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import type { Command } from 'commander';
import { AuditTrail, AuthError, AuthErrorCode, parseCheckpoint, type AuditCheckpoint } from '@postureboard/server-auth';
import { OrganizationService } from '@postureboard/server-organization';
import { output, resolve, table } from '../cli-context.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit trail of who changed or exported what');
  audit
    .command('verify')
    .description('recompute the keyed chain; fails when any entry was edited or deleted, or (with --checkpoint) the trail was cut back or rewritten since the checkpoint')
    .option('--org <slug>', 'the organization the checkpoint was taken for (checked against it)')
    .option('--checkpoint <file>', 'a checkpoint written earlier by "audit checkpoint" (kept outside the database)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { org?: string; checkpoint?: string; json?: boolean }) => {
      const checkpoint = options.checkpoint ? await readCheckpoint(options.checkpoint, options.org) : undefined;
      const result = await (await resolve(AuditTrail)).verify({ checkpoint });
      output(Boolean(options.json), result, () =>
        result.valid
          ? `Audit trail intact: ${result.entries} entr${result.entries === 1 ? 'y' : 'ies'} verified${checkpoint ? `, including entry ${checkpoint.seq} of the checkpoint of ${checkpoint.takenAt}` : ''}.`
          : [`Audit trail TAMPERED: ${result.problems.length} problem(s) in ${result.entries} entries:`, ...result.problems.map((p) => `  #${p.seq} ${p.kind}: ${p.message}`)].join('\n'),
      );
      if (!result.valid) throw new AuthError(AuthErrorCode.AUDIT_TRAIL_TAMPERED, 'the audit trail failed verification');
    });
  audit
    .command('checkpoint')
    .description('write the head of the trail, signed with a key the database does not hold, to a file to keep outside the database')
    .option('--org <slug>', 'the organization it is taken for (one chain links every organization)')
    .requiredOption('--out <file>', 'where to write the checkpoint (JSON)')
    .option('--json', 'print the checkpoint as JSON')
    .action(async (options: { org?: string; out: string; json?: boolean }) => {
      if (options.org) await (await resolve(OrganizationService)).getBySlug(options.org);
      const checkpoint = await (await resolve(AuditTrail)).checkpoint(options.org ?? null);
      const out = resolvePath(options.out);
      await writeFile(out, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o600 });
      output(Boolean(options.json), { ...checkpoint, out }, () => `Wrote ${out}: audit trail head ${checkpoint.seq} (${checkpoint.hash.slice(0, 16)}…) at ${checkpoint.takenAt}. Keep it outside the database.`);
    });
  audit
    .command('list')
    .description('list audit entries, newest first')
    .option('--org <slug>', 'only this organization')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .option('--json', 'print as JSON')
    .action(async (options: { org?: string; limit: number; json?: boolean }) => {
      const organizationId = options.org ? (await (await resolve(OrganizationService)).getBySlug(options.org)).id : null;
      const entries = await (await resolve(AuditTrail)).list({ organizationId, limit: options.limit });
      output(Boolean(options.json), entries, () => table(entries.map((e) => ({ ...e })), ['seq', 'occurredAt', 'actor', 'action', 'target', 'outcome']));
    });
}

async function readCheckpoint(file: string, org: string | undefined): Promise<AuditCheckpoint> {
  const checkpoint = parseCheckpoint(await readFile(resolvePath(file), 'utf8'), file);
  if (org !== undefined && checkpoint.organization !== org) {
    throw new AuthError(AuthErrorCode.INVALID_INPUT, `${file} was taken for ${checkpoint.organization ?? 'the whole installation'}, not ${org}`);
  }
  return checkpoint;
}
