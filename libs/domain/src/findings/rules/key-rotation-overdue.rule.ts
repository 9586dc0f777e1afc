import { isCredentialActiveAt } from '../../model/as-of.util.js';
import type { CriticalityTier, Severity } from '../../model/enums.js';
import type { EvidenceRecord } from '../../model/finding.model.js';
import { isoDayOfDate } from '../../model/date.util.js';
import { computeRotationSla, type RotationAgeBasis, type RotationSla } from '../../rotation/rotation-sla.js';
import { credentialProfiles, type CredentialProfile } from '../credential-profile.js';
import { buildCandidate, isoOrNull } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import { indexOf, type PostureIndex } from '../posture-index.js';
import { credentialActivityMarks, dayMarks, nextChangeAfter } from '../subject-results.js';
import type { Credential } from '../../model/credential.model.js';

/**
 * Severity by criticality tier, escalated once the key is a whole extra rotation period overdue:
 * a production signing key years overdue is CRITICAL, a test key a few days late is LOW.
 */
export const rotationOverdueSeverity = (tier: CriticalityTier, daysOverdue: number, maxAgeDays: number): Severity => {
  const wholePeriodOverdue = daysOverdue >= maxAgeDays;
  switch (tier) {
    case 'TIER_1':
      return wholePeriodOverdue ? 'CRITICAL' : 'HIGH';
    case 'TIER_2':
      return wholePeriodOverdue ? 'HIGH' : 'MEDIUM';
    case 'TIER_3':
      return wholePeriodOverdue ? 'MEDIUM' : 'LOW';
  }
};

/** How the age basis reads in evidence ("created 2024-01-01"). */
const AGE_BASIS_WORDING: Record<RotationAgeBasis, string> = { LAST_ROTATED: 'last rotated', CREATED: 'created', FIRST_SEEN: 'first seen' };

/**
 * Evidence and title state dates (due, created / rotated), not ages: a stored finding changes only when the
 * facts do, not every day it stays open. Ages are for display, computed from these dates at read time.
 */
const evidenceOf = ({ credential, policy, tier }: CredentialProfile, sla: RotationSla, index: PostureIndex, asOf: Date): EvidenceRecord[] => {
  const evidence: EvidenceRecord[] = [
    {
      source: credential.source,
      type: 'credential',
      summary: `${credential.kind} ${credential.externalId} (${credential.environment}), ${AGE_BASIS_WORDING[sla.ageBasis]} ${isoDayOfDate(sla.ageFrom)}`,
      data: {
        kind: credential.kind,
        environment: credential.environment,
        algorithm: credential.algorithm,
        tier,
        ageBasis: sla.ageBasis,
        ageFrom: sla.ageFrom.toISOString(),
        createdAt: isoOrNull(credential.createdAt),
        lastRotatedAt: isoOrNull(credential.lastRotatedAt),
        expiresAt: isoOrNull(credential.expiresAt),
        noExpiry: credential.expiresAt === null,
      },
    },
    {
      source: 'rotation-policy',
      type: 'rotation-sla',
      summary: `due ${isoDayOfDate(sla.dueAt)} (max ${policy.maxAgeDays} days)`,
      data: {
        maxAgeDays: policy.maxAgeDays,
        warningDays: policy.warningDays,
        graceDays: policy.graceDays,
        policyOrigin: policy.origin,
        reference: policy.reference,
        dueAt: sla.dueAt.toISOString(),
      },
    },
  ];
  // Every token a stale signing key signed is as old as the key's exposure.
  const signedTokens = (index.tokensBySigningKeyId.get(credential.id) ?? []).filter((token) => isCredentialActiveAt(token, asOf));
  if (signedTokens.length > 0) {
    evidence.push({
      source: signedTokens[0]?.source ?? credential.source,
      type: 'signed-tokens',
      summary: `${signedTokens.length} active token(s) signed by this key`,
      data: { activeTokens: signedTokens.length, sampleTokenIds: signedTokens.slice(0, 10).map((token) => token.externalId).join(',') },
    });
  }
  return evidence;
};

/**
 * Where the finding of one credential may change with the date: the credential becoming active or not, its age
 * basis moving (rotated, created), overdue past maximum age plus grace (days > max + grace), the severity's whole extra period, and
 * each token it signed becoming active or not (evidence).
 */
const changeMarks = (profile: CredentialProfile, sla: RotationSla, tokens: readonly Credential[]): (number | Date | null)[] => {
  const { credential, policy } = profile;
  return [
    ...credentialActivityMarks(credential),
    credential.lastRotatedAt,
    credential.createdAt,
    ...dayMarks(sla.ageFrom, [policy.maxAgeDays + policy.graceDays + 1, 2 * policy.maxAgeDays]),
    ...tokens.flatMap(credentialActivityMarks),
  ];
};

export const keyRotationOverdueRule: FindingRule = {
  kind: 'KEY_ROTATION_OVERDUE',
  domain: 'KEY_MANAGEMENT',
  description: 'An active credential older than its rotation policy (maximum age plus grace).',
  evaluate(input, asOf, settings) {
    const index = indexOf(input);
    const tokensOf = (profile: CredentialProfile): readonly Credential[] => index.tokensBySigningKeyId.get(profile.credential.id) ?? [];
    return index.bySubject(
      'KEY_ROTATION_OVERDUE',
      credentialProfiles(index),
      {
        key: (profile) => profile.credential.id,
        // The policy follows from the credential, its owner team and the overrides; the evidence from the tokens it signed.
        inputs: (profile) => [profile.credential, profile.ownerTeamId, index.input.rotationPolicyOverrides, ...tokensOf(profile)],
        evaluate: (profile) => {
          const { credential, policy } = profile;
          const sla = computeRotationSla(credential, policy, asOf);
          const until = nextChangeAfter(asOf, changeMarks(profile, sla, tokensOf(profile)));
          if (!isCredentialActiveAt(credential, asOf) || sla.status !== 'OVERDUE') return { candidates: [], until };
          const candidate = buildCandidate(
            {
              kind: 'KEY_ROTATION_OVERDUE',
              severity: rotationOverdueSeverity(profile.tier, sla.daysOverdue, policy.maxAgeDays),
              subject: profile.subject,
              ownerTeamId: profile.ownerTeamId,
              params: { credentialKind: credential.kind, name: credential.name, dueOn: isoDayOfDate(sla.dueAt) },
              evidence: () => evidenceOf(profile, sla, index, asOf),
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
