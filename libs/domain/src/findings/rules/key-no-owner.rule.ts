import { isCredentialActiveAt } from '../../model/as-of.util.js';
import type { CriticalityTier, Severity } from '../../model/enums.js';
import type { Credential } from '../../model/credential.model.js';
import { credentialTier } from '../../rotation/credential-criticality.js';
import { buildCandidate, isoOrNull } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import { indexOf, type PostureIndex } from '../posture-index.js';
import { credentialSubject } from '../subject.util.js';
import { credentialActivityMarks, nextChangeAfter } from '../subject-results.js';

const SEVERITY_BY_TIER: Record<CriticalityTier, Severity> = { TIER_1: 'HIGH', TIER_2: 'MEDIUM', TIER_3: 'LOW' };

const ownerlessCredentials = (index: PostureIndex): Credential[] =>
  index.memo('ownerless-credentials', null, () =>
    index.input.credentials.filter(
      (credential) =>
        !(credential.ownerIdentityId !== null && index.identitiesById.has(credential.ownerIdentityId)) &&
        !(credential.teamId !== null && index.teamsById.has(credential.teamId)),
    ),
  );

/**
 * An active credential nobody answers for: no known owner identity and no known team. A credential
 * whose owner has left is a leaver finding, not this one.
 */
export const keyNoOwnerRule: FindingRule = {
  kind: 'KEY_NO_OWNER',
  domain: 'KEY_MANAGEMENT',
  description: 'An active credential with neither an owner identity nor an owning team.',
  evaluate(input, asOf, settings) {
    const index = indexOf(input);
    return index.bySubject(
      'KEY_NO_OWNER',
      ownerlessCredentials(index),
      {
        key: (credential) => credential.id,
        inputs: (credential) => [credential],
        evaluate: (credential) => {
          const until = nextChangeAfter(asOf, credentialActivityMarks(credential));
          if (!isCredentialActiveAt(credential, asOf)) return { candidates: [], until };
          const tier = credentialTier(credential.kind, credential.environment);
          const candidate = buildCandidate(
            {
              kind: 'KEY_NO_OWNER',
              severity: SEVERITY_BY_TIER[tier],
              subject: credentialSubject(credential),
              ownerTeamId: null,
              params: { credentialKind: credential.kind, name: credential.name },
              evidence: () => [
                {
                  source: credential.source,
                  type: 'credential',
                  summary: `no owner identity or team recorded for ${credential.externalId}`,
                  data: {
                    kind: credential.kind,
                    environment: credential.environment,
                    tier,
                    ownerIdentityId: credential.ownerIdentityId,
                    teamId: credential.teamId,
                    firstSeenAt: credential.firstSeenAt.toISOString(),
                    lastUsedAt: isoOrNull(credential.lastUsedAt),
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
