import type { Identity } from '../model/identity.model.js';
import type { PostureIndex } from './posture-index.js';

export interface Departure {
  /** Earliest known departure date; null when the sources say "gone" without a date. */
  departedAt: Date | null;
  via: readonly ('HR' | 'IDENTITY_PROVIDER')[];
}

const hrDepartedAt = (identity: Identity, asOf: Date): { at: Date | null } | null => {
  const { terminationDate, startDate } = identity;
  if (terminationDate !== null) {
    if (terminationDate.getTime() > asOf.getTime()) return null;
    const rehired = startDate !== null && startDate > terminationDate && startDate.getTime() <= asOf.getTime();
    return rehired ? null : { at: terminationDate };
  }
  return identity.status === 'TERMINATED' ? { at: null } : null;
};

/**
 * Whether an identity had left by `asOf`: terminated in HR (termination date reached, not rehired since)
 * or deactivated in an identity provider. Only what was effective at `asOf` counts.
 */
export const departureOf = (identity: Identity, index: PostureIndex, asOf: Date): Departure | null => {
  const via: ('HR' | 'IDENTITY_PROVIDER')[] = [];
  const dates: Date[] = [];
  const hr = hrDepartedAt(identity, asOf);
  if (hr !== null) {
    via.push('HR');
    if (hr.at !== null) dates.push(hr.at);
  }
  for (const account of index.accountsByIdentityId.get(identity.id) ?? []) {
    if (!account.identityProvider || account.status !== 'DEACTIVATED') continue;
    if (account.deactivatedAt !== null && account.deactivatedAt.getTime() > asOf.getTime()) continue;
    if (!via.includes('IDENTITY_PROVIDER')) via.push('IDENTITY_PROVIDER');
    if (account.deactivatedAt !== null) dates.push(account.deactivatedAt);
  }
  if (via.length === 0) return null;
  const departedAt = dates.length === 0 ? null : new Date(Math.min(...dates.map((date) => date.getTime())));
  return { departedAt, via };
};

/**
 * Identities that leave at some point in the data (a superset of the leavers at any `asOf`). Built once per
 * identities and accounts tables (an evaluation after a new day of activity reuses the previous one's).
 */
export const possibleLeavers = (index: PostureIndex): readonly Identity[] =>
  index.derived('possibleLeavers', [index.input.identities, index.input.accounts], () =>
    index.input.identities.filter(
      (identity) =>
        identity.terminationDate !== null ||
        identity.status === 'TERMINATED' ||
        (index.accountsByIdentityId.get(identity.id) ?? []).some((account) => account.identityProvider && account.status === 'DEACTIVATED'),
    ),
  );
