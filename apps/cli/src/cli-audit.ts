import type { Command } from 'commander';
import { AuditTrail, cliActor, type AuditDetailValue } from '@postureboard/server-auth';
import { OrganizationService } from '@postureboard/server-organization';
import { resolve } from './cli-context.js';
import { commandPath, remoteTargetOf } from './remote/remote-target.js';

/**
 * The commands that change state (or export), audited like the same change made through the API: actor CLI and
 * the operator's OS user, action `cli.<command path>`, outcome SUCCESS or FAILURE. A predicate narrows commands that
 * only change something with certain options. Reads (lists, posture, findings, verify) are not audited; `migrate`
 * is not either (the audit table may not exist yet). Against a server (`--server`) the server audits the call.
 */
const AUDITED: ReadonlyMap<string, (options: Record<string, unknown>) => boolean> = new Map(
  (
    [
      ['alias add'],
      ['alias remove'],
      ['audit checkpoint'],
      ['budget set'],
      ['evaluate'],
      ['ingest'],
      ['notifications channel add'],
      ['notifications channel remove'],
      ['notifications channel test'],
      ['notifications rule set'],
      ['org create'],
      ['policy set'],
      ['report'],
      ['report-schedule', (o: Record<string, unknown>) => Boolean(o['enable'] || o['disable'] || o['lang'])],
      ['retention apply'],
      ['secrets rotate-key'],
      ['seed'],
      ['snapshot'],
      ['team create'],
      ['token create'],
      ['token revoke'],
      ['user create'],
      ['user deactivate'],
    ] as [string, ((o: Record<string, unknown>) => boolean)?][]
  ).map(([path, when]) => [path, when ?? (() => true)]),
);

/** Option values never recorded, whatever the command: keys, passwords, tokens, secrets. */
const SECRET_OPTION = /key|pass|secret|token|credential|stdin/i;

interface PendingAction {
  action: string;
  org: string | null;
  details: Record<string, AuditDetailValue>;
}

let pending: PendingAction | null = null;

const describeValue = (value: unknown): AuditDetailValue =>
  value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.map(String) : typeof value === 'object' && value !== null ? '[object]' : (value as AuditDetailValue);

/** preAction: remembers the command about to run when it is one that is audited. */
export function noteCliAction(command: Command): void {
  pending = null;
  const path = commandPath(command);
  const options = command.opts<Record<string, unknown>>();
  if (!AUDITED.get(path)?.(options) || remoteTargetOf(command)) return;
  const details: Record<string, AuditDetailValue> = { args: command.args.map(String) };
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || name === 'json') continue;
    details[`option.${name}`] = SECRET_OPTION.test(name) && value !== true ? '[redacted]' : describeValue(value);
  }
  // `--org` names the organization acted on; `org create` names it with `--slug`.
  const org = options['org'] ?? options['slug'];
  pending = { action: `cli.${path.replaceAll(' ', '.')}`, org: typeof org === 'string' ? org : null, details };
}

/** postAction (SUCCESS) or the failure path (FAILURE): appends the entry for the command noted before it ran. */
export async function recordCliAction(outcome: 'SUCCESS' | 'FAILURE', error?: unknown): Promise<void> {
  const action = pending;
  pending = null;
  if (!action) return;
  const organizationId = action.org ? await (await resolve(OrganizationService)).getBySlug(action.org).then((o) => o.id, () => null) : null;
  const details = error ? { ...action.details, error: (error as Error).message ?? String(error) } : action.details;
  await (await resolve(AuditTrail)).append({ actor: cliActor(), action: action.action, organizationId, target: action.org, outcome, details });
}
