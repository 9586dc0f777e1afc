import type { Command } from 'commander';
import { AuditTrail, AuthError, AuthErrorCode } from '@postureboard/server-auth';
import { OrganizationService } from '@postureboard/server-organization';
import { output, resolve, table } from '../cli-context.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit trail of who changed or exported what');
  audit
    .command('verify')
    .description('recompute the hash chain; fails when any entry was edited or deleted')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await (await resolve(AuditTrail)).verify();
      output(Boolean(options.json), result, () =>
        result.valid
          ? `Audit trail intact: ${result.entries} entr${result.entries === 1 ? 'y' : 'ies'} verified.`
          : [`Audit trail TAMPERED: ${result.problems.length} problem(s) in ${result.entries} entries:`, ...result.problems.map((p) => `  #${p.seq} ${p.kind}: ${p.message}`)].join('\n'),
      );
      if (!result.valid) throw new AuthError(AuthErrorCode.AUDIT_TRAIL_TAMPERED, 'the audit trail failed verification');
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
