import type { AccessKeySlot, KnownAccessKey } from './credential-report-row.parser.js';
import { reportFlag, reportTime, type CredentialReportValues } from './credential-report-value.parser.js';

/** An access key as `iam:ListAccessKeys` returns it (AccessKeyMetadata). */
export interface ListedAccessKey {
  AccessKeyId?: string;
  CreateDate?: Date;
  Status?: string;
}

/**
 * The report names key slots, not key ids. A key's `last_rotated` is its creation time, so a listed key
 * whose CreateDate falls in the same second fills the slot; a single slot and a single key left over
 * with the same status also match. Anything ambiguous keeps the slot name rather than guess.
 */
export function matchAccessKeyIds(
  values: CredentialReportValues,
  listed: readonly ListedAccessKey[],
): Partial<Record<AccessKeySlot, KnownAccessKey>> {
  const keys = listed.filter((key): key is ListedAccessKey & { AccessKeyId: string } => Boolean(key.AccessKeyId));
  const slots = ([1, 2] as const).flatMap((slot) => {
    const active = safe(() => reportFlag(values, `access_key_${slot}_active`));
    const rotated = safe(() => reportTime(values, `access_key_${slot}_last_rotated`));
    return active || rotated ? [{ slot, active: active === true, rotated }] : [];
  });
  const matched: Partial<Record<AccessKeySlot, KnownAccessKey>> = {};
  const used = new Set<string>();
  const take = (slot: AccessKeySlot, key: ListedAccessKey & { AccessKeyId: string }): void => {
    matched[slot] = { accessKeyId: key.AccessKeyId, createdAt: key.CreateDate ?? null };
    used.add(key.AccessKeyId);
  };
  for (const { slot, rotated } of slots) {
    if (!rotated) continue;
    const second = Math.floor(rotated.getTime() / 1000);
    const candidates = keys.filter((key) => key.CreateDate && Math.floor(key.CreateDate.getTime() / 1000) === second);
    if (candidates.length === 1 && !used.has(candidates[0].AccessKeyId)) take(slot, candidates[0]);
  }
  const openSlots = slots.filter(({ slot }) => !matched[slot]);
  const openKeys = keys.filter((key) => !used.has(key.AccessKeyId));
  if (openSlots.length === 1 && openKeys.length === 1) {
    const keyActive = openKeys[0].Status === 'Active';
    if (keyActive === openSlots[0].active) take(openSlots[0].slot, openKeys[0]);
  }
  return matched;
}

/** Bad values are reported by the row parser; here they only mean "cannot match". */
function safe<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
