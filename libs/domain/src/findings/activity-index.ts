import type { ActivityRollup, ActivitySample } from '../model/activity.model.js';
import type { PostureIndex } from './posture-index.js';

/** Largest element <= value in an ascending array, or undefined. */
export const lastAtOrBefore = (sorted: ArrayLike<number>, value: number): number | undefined => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? undefined : sorted[low - 1];
};

/** Days (ascending, distinct) each credential external id appears in activity. Built once per input. */
export const credentialUseDays = (index: PostureIndex): Map<string, number[]> =>
  index.memo('credential-use-days', null, () => {
    const { rollups, dayNumbers } = index.rollupTimeline;
    const days = new Map<string, number[]>();
    for (let i = 0; i < rollups.length; i++) {
      const rollup = rollups[i] as ActivityRollup;
      if (rollup.credentialExternalId === null || rollup.events <= 0) continue;
      const day = dayNumbers[i] as number;
      const list = days.get(rollup.credentialExternalId);
      if (!list) days.set(rollup.credentialExternalId, [day]);
      else if (list[list.length - 1] !== day) list.push(day);
    }
    return days;
  });

/** Timeline positions of activity attributed to each identity (principal, else credential owner). */
export const activityPositionsByIdentity = (index: PostureIndex): Map<string, number[]> =>
  index.memo('activity-by-identity', null, () => {
    const { rollups } = index.rollupTimeline;
    const positions = new Map<string, number[]>();
    for (let i = 0; i < rollups.length; i++) {
      const rollup = rollups[i] as ActivityRollup;
      if (rollup.events <= 0) continue;
      const identity = index.identityOfActivity(rollup.principal, rollup.credentialExternalId);
      if (identity === null) continue;
      const list = positions.get(identity.id);
      if (list) list.push(i);
      else positions.set(identity.id, [i]);
    }
    return positions;
  });

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
