import { isCredentialActiveAt } from '../../model/as-of.util.js';
import { isoDayOfDate, wholeDaysBetween } from '../../model/date.util.js';
import type { CriticalityTier, Severity } from '../../model/enums.js';
import { buildCandidate } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import { credentialProfiles } from '../credential-profile.js';
import { indexOf } from '../posture-index.js';
import { credentialActivityMarks, daysLeftMarks, nextChangeAfter } from '../subject-results.js';

/** Production leaves (TIER_2) break services when they lapse; elsewhere it is housekeeping. */
const severityOf = (tier: CriticalityTier, daysLeft: number, highWithinDays: number): Severity => {
  if (tier === 'TIER_3') return 'LOW';
  return daysLeft <= highWithinDays ? 'HIGH' : 'MEDIUM';
};

/**
 * A leaf certificate (CERTIFICATE, not CA_CERTIFICATE) valid at `asOf` whose notAfter falls within
 * `certificateExpiry.withinDays` (30): renew it before it lapses. Expiry is read from the validity interval, so
 * replaying an earlier day raises the warning exactly in the window before that certificate's end. The title
 * states the expiry date, so the stored finding changes only when the certificate does.
 */
export const certificateExpiringRule: FindingRule = {
  kind: 'CERTIFICATE_EXPIRING',
  domain: 'KEY_MANAGEMENT',
  description: 'A leaf certificate that expires within 30 days.',
  evaluate(input, asOf, settings) {
    const { withinDays, highWithinDays } = settings.certificateExpiry;
    const index = indexOf(input);
    const certificates = index.memo('certificates', null, () => credentialProfiles(index).filter(({ credential }) => credential.kind === 'CERTIFICATE' && credential.expiresAt !== null));
    return index.bySubject(
      'CERTIFICATE_EXPIRING',
      certificates,
      {
        key: (profile) => profile.credential.id,
        inputs: (profile) => [profile.credential, profile.ownerTeamId],
        evaluate: ({ credential, subject, tier, ownerTeamId }) => {
          const expiresAt = credential.expiresAt as Date;
          // The window opens with fewer than `withinDays` left, and turns HIGH with at most `highWithinDays` (fewer than one more).
          const until = nextChangeAfter(asOf, [...credentialActivityMarks(credential), ...daysLeftMarks(expiresAt, [withinDays, highWithinDays + 1])]);
          if (!isCredentialActiveAt(credential, asOf)) return { candidates: [], until };
          const daysLeft = wholeDaysBetween(asOf, expiresAt);
          if (daysLeft >= withinDays) return { candidates: [], until };
          const expiresOn = isoDayOfDate(expiresAt);
          const candidate = buildCandidate(
            {
              kind: 'CERTIFICATE_EXPIRING',
              severity: severityOf(tier, daysLeft, highWithinDays),
              subject,
              qualifier: expiresOn,
              ownerTeamId,
              params: { credentialKind: credential.kind, name: credential.name, expiresOn },
              evidence: () => [
                {
                  source: credential.source,
                  type: 'certificate-validity',
                  summary: `valid ${credential.createdAt ? isoDayOfDate(credential.createdAt) : '(start unknown)'} to ${expiresOn}`,
                  data: {
                    environment: credential.environment,
                    tier,
                    validFrom: credential.createdAt?.toISOString() ?? null,
                    expiresAt: expiresAt.toISOString(),
                    withinDays,
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
