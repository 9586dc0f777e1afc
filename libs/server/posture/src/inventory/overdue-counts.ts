import {
  computeRotationSla,
  DAY_MS,
  isCredentialActiveAt,
  type Credential,
  type RotationPolicy,
  type RotationPolicyResolver,
} from '@postureboard/domain';
import type { CredentialSlaInput } from '@postureboard/server-database';

/**
 * The domain's Credential from the SLA inputs alone: isCredentialActiveAt and computeRotationSla read
 * only dates, status and kind, so the descriptive fields stay empty rather than being loaded 100k times.
 */
const slaCredential = (input: CredentialSlaInput): Credential => ({
  ...input,
  name: '',
  algorithm: null,
  lastUsedAt: null,
  useObserved: false,
  ownerIdentityId: null,
  teamId: input.effectiveTeamId,
  source: '',
  externalId: '',
  signedByCredentialId: null,
});

/**
 * How many credentials were OVERDUE at each instant (ascending), every status judged by the domain.
 *
 * Between two of a credential's own dates (created, rotated, first seen, expires, deactivated) neither
 * its activity nor its age basis changes, so its age only grows and OVERDUE, once reached, stays: a
 * binary search per stretch finds the first overdue instant in a handful of domain calls instead of one
 * per instant. Credentials that cannot be overdue anywhere in the span (inactive throughout, or too young
 * even from their earliest date) are skipped before any call.
 */
export function overdueCounts(inputs: readonly CredentialSlaInput[], resolve: RotationPolicyResolver, instants: readonly Date[]): number[] {
  const delta = new Array<number>(instants.length + 1).fill(0);
  if (instants.length === 0) return [];
  const times = instants.map((i) => i.getTime());
  const first = times[0]!;
  const last = times[times.length - 1]!;
  const policies = new Map<string, RotationPolicy>();
  for (const input of inputs) {
    if ((input.createdAt ?? input.firstSeenAt).getTime() > last || (input.expiresAt !== null && input.expiresAt.getTime() <= first)) continue;
    if (input.status !== 'ACTIVE' && (input.deactivatedAt === null || input.deactivatedAt.getTime() <= first)) continue;
    const key = `${input.effectiveTeamId}|${input.kind}|${input.environment}`;
    const policy = policies.get(key) ?? resolve(input.kind, input.environment, input.effectiveTeamId);
    policies.set(key, policy);
    const dates = [input.lastRotatedAt, input.createdAt, input.firstSeenAt, input.expiresAt, input.deactivatedAt];
    let earliest = input.firstSeenAt.getTime();
    for (const d of dates.slice(0, 2)) if (d !== null && d.getTime() < earliest) earliest = d.getTime();
    if (Math.floor((last - earliest) / DAY_MS) <= policy.maxAgeDays + policy.graceDays) continue;

    const credential = slaCredential(input);
    const overdueAt = (i: number): boolean =>
      isCredentialActiveAt(credential, instants[i]!) && computeRotationSla(credential, policy, instants[i]!).status === 'OVERDUE';
    const changes = dates.flatMap((d) => (d === null ? [] : [d.getTime()])).sort((a, b) => a - b);
    let passed = 0;
    for (let start = 0; start < times.length; ) {
      while (passed < changes.length && changes[passed]! <= times[start]!) passed++;
      const nextChange = passed < changes.length ? changes[passed]! : Infinity;
      let end = start + 1;
      while (end < times.length && times[end]! < nextChange) end++;
      // First overdue instant in [start, end), if any: everything after it in the stretch is overdue too.
      let low = start;
      let high = end;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (overdueAt(mid)) high = mid;
        else low = mid + 1;
      }
      delta[low]! += 1;
      delta[end]! -= 1;
      start = end;
    }
  }
  const counts: number[] = [];
  let running = 0;
  for (let i = 0; i < instants.length; i++) counts.push((running += delta[i]!));
  return counts;
}
