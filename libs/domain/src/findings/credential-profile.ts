import type { Credential } from '../model/credential.model.js';
import type { CriticalityTier } from '../model/enums.js';
import type { FindingSubject } from '../model/finding.model.js';
import { credentialCriticalityWeight, credentialTier } from '../rotation/credential-criticality.js';
import type { RotationPolicy } from '../rotation/rotation-policy.js';
import { credentialOwnerTeamId } from './credential-owner.util.js';
import type { PostureIndex } from './posture-index.js';
import { credentialSubject } from './subject.util.js';

/** What does not change with `asOf`: owner team, policy, tier, weight. Built once per input. */
export interface CredentialProfile {
  credential: Credential;
  subject: FindingSubject;
  ownerTeamId: string | null;
  policy: RotationPolicy;
  tier: CriticalityTier;
  weight: number;
}

/** Profiles aligned with `input.credentials` (same order); the previous evaluation's while the tables they read are the same. */
export const credentialProfiles = (index: PostureIndex): readonly CredentialProfile[] =>
  index.derived('credentialProfiles', [index.input.credentials, index.input.identities, index.input.rotationPolicyOverrides], () =>
    index.input.credentials.map((credential) => {
      const ownerTeamId = credentialOwnerTeamId(credential, index);
      return {
        credential,
        subject: credentialSubject(credential),
        ownerTeamId,
        policy: index.rotationPolicyFor(credential.kind, credential.environment, ownerTeamId),
        tier: credentialTier(credential.kind, credential.environment),
        weight: credentialCriticalityWeight(credential.kind, credential.environment),
      };
    }),
  );
