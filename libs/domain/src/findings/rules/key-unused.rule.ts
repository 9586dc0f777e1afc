import { isCredentialActiveAt } from '../../model/as-of.util.js';
import { dayNumberOf, isoDayOfDate, startOfDay, wholeDaysBetween } from '../../model/date.util.js';
import type { Severity } from '../../model/enums.js';
import { lastCredentialUseDay } from '../activity-index.js';
import { credentialProfiles } from '../credential-profile.js';
import { buildCandidate, isoOrNull } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import { indexOf, type PostureIndex } from '../posture-index.js';
import { credentialActivityMarks, dayMarks, nextChangeAfter } from '../subject-results.js';
import type { Credential } from '../../model/credential.model.js';
import type { CredentialKind } from '../../model/enums.js';

/**
 * Whether "unused" can be said of this credential at all: its source reports use (`useObserved`) and its kind is
 * one the organisation judges. Elsewhere use is not observed, which is a gap in coverage, not a finding.
 */
export const isCredentialUseJudged = (credential: Credential, kinds: readonly CredentialKind[]): boolean =>
  credential.useObserved && kinds.includes(credential.kind);

/**
 * Whether use of the credential is seen at all by `asOf`: its source reports use, or access events name it.
 * The DETECTION domain counts the rest as a coverage gap.
 */
export const isCredentialUseVisible = (credential: Credential, index: PostureIndex, asOf: Date): boolean =>
  credential.useObserved || lastCredentialUseDay(index, credential.externalId, dayNumberOf(asOf)) !== undefined;

/**
 * An active credential whose source reports use (isCredentialUseJudged), not used for `unusedDays` (or never used and at least that old). Last use is the
 * later of the inventory's `lastUsedAt` and the last day the credential appears in activity. A recorded
 * use after `asOf` means the history before it is unknown then: no finding rather than a guess.
 */
export const keyUnusedRule: FindingRule = {
  kind: 'KEY_UNUSED',
  domain: 'KEY_MANAGEMENT',
  description: 'An active credential whose source reports use, unused for 45+ days or never used.',
  evaluate(input, asOf, settings) {
    const { unusedDays, highAfterDays, kinds } = settings.keyUnused;
    const index = indexOf(input);
    const asOfDay = dayNumberOf(asOf);
    const judged = index.memo('key-unused-judged', kinds, () => credentialProfiles(index).filter(({ credential }) => isCredentialUseJudged(credential, kinds)));
    return index.bySubject(
      'KEY_UNUSED',
      judged,
      {
        key: (profile) => profile.credential.id,
        // The last day of use in activity up to the as-of is an input: a new day of activity changes it only for the keys used.
        inputs: (profile) => [profile.credential, profile.ownerTeamId, lastCredentialUseDay(index, profile.credential.externalId, asOfDay)],
        evaluate: ({ credential, subject, tier, ownerTeamId }) => {
          const inventoryUse = credential.lastUsedAt !== null && credential.lastUsedAt.getTime() <= asOf.getTime() ? credential.lastUsedAt : null;
          const eventDay = lastCredentialUseDay(index, credential.externalId, asOfDay);
          const eventUse = eventDay === undefined ? null : startOfDay(eventDay);
          const lastUsedAt = inventoryUse === null ? eventUse : eventUse === null || inventoryUse > eventUse ? inventoryUse : eventUse;
          const since = lastUsedAt ?? credential.createdAt ?? credential.firstSeenAt;
          const until = nextChangeAfter(asOf, [...credentialActivityMarks(credential), credential.lastUsedAt, ...dayMarks(since, [unusedDays, highAfterDays])]);
          if (!isCredentialActiveAt(credential, asOf)) return { candidates: [], until };
          if (lastUsedAt === null && credential.lastUsedAt !== null) return { candidates: [], until };
          const idleDays = wholeDaysBetween(since, asOf);
          if (idleDays < unusedDays) return { candidates: [], until };
          const severity: Severity = tier === 'TIER_3' ? 'LOW' : idleDays >= highAfterDays ? 'HIGH' : 'MEDIUM';
          const neverUsed = lastUsedAt === null;
          const candidate = buildCandidate(
            {
              kind: 'KEY_UNUSED',
              severity,
              subject,
              ownerTeamId,
              // Dates, not ages: the stored finding changes only when the facts do.
              params: { credentialKind: credential.kind, name: credential.name, neverUsed, since: isoDayOfDate(since) },
              evidence: () => [
                {
                  source: lastUsedAt !== null && lastUsedAt === eventUse ? 'access-events' : credential.source,
                  type: 'credential-usage',
                  summary: neverUsed ? `no recorded use since ${isoDayOfDate(since)}` : `last used ${isoDayOfDate(lastUsedAt)}`,
                  data: {
                    kind: credential.kind,
                    environment: credential.environment,
                    tier,
                    neverUsed,
                    lastUsedAt: isoOrNull(lastUsedAt),
                    idleSince: since.toISOString(),
                    createdAt: isoOrNull(credential.createdAt),
                  },
                },
              ],
            },
            asOf,
            settings,
          );
          return { candidates: [candidate], until };
        },
      },
      asOf,
      settings,
    );
  },
};
