import type { ActivitySample } from '../model/activity.model.js';
import { lowerBoundOf, usedOnDay, type DayValue, type IdentityActivity } from './activity-state.js';
import type { PostureIndex } from './posture-index.js';

/** The last day at or before `day` on which the credential (external id) appears in activity with events, if any. */
export const lastCredentialUseDay = (index: PostureIndex, externalId: string, day: number): number | undefined => {
  const series = index.activity.credentialSeries.get(externalId);
  if (!series) return undefined;
  for (let i = lowerBoundOf(series.days, day + 1) - 1; i >= 0; i--) if (usedOnDay(series.values[i] as DayValue)) return series.days[i];
  return undefined;
};

/** Activity (with events) attributed to each identity (principal, else credential owner), in timeline order. */
export const activityByIdentity = (index: PostureIndex): ReadonlyMap<string, IdentityActivity> => index.activity.byIdentity;

/** Sample events attributed to each identity, in time order. */
export const samplesByIdentity = (index: PostureIndex): Map<string, ActivitySample[]> =>
  index.memo('samples-by-identity', null, () => {
    const byIdentity = new Map<string, ActivitySample[]>();
    for (const sample of index.samplesByTime) {
      const identity = index.identityOfActivity(sample.principal, sample.credentialExternalId);
      if (identity === null) continue;
      const list = byIdentity.get(identity.id);
      if (list) list.push(sample);
      else byIdentity.set(identity.id, [sample]);
    }
    return byIdentity;
  });
