import type { CredentialKind, Environment } from '../model/enums.js';

/** Where a resolved policy came from: the most specific wins (team over organisation over default). */
export type RotationPolicyOrigin = 'DEFAULT' | 'ORGANISATION' | 'TEAM';

export interface RotationPolicyValues {
  /** Maximum age in days before rotation is due. */
  maxAgeDays: number;
  /** DUE_SOON from this many days before the due date. */
  warningDays: number;
  /** Days past the due date still tolerated before OVERDUE (days overdue still count from the due date). */
  graceDays: number;
}

export interface RotationPolicy extends RotationPolicyValues {
  kind: CredentialKind;
  environment: Environment;
  origin: RotationPolicyOrigin;
  /** Why this number: the standard behind a default, or the override's reason. */
  reference: string;
}

/** An organisation-wide (teamId null) or team override; environment null covers every environment. */
export interface RotationPolicyOverride extends RotationPolicyValues {
  teamId: string | null;
  kind: CredentialKind;
  environment: Environment | null;
  reason: string | null;
}

type DefaultRow = RotationPolicyValues & { reference: string };

const NIST = 'NIST SP 800-57 Part 1 Rev. 5, §5.3.6 Table 1';
const CIS_90 = 'CIS AWS Foundations Benchmark: access keys rotated every 90 days or less';
const CA_REFERENCE = `${NIST}: CA private signature key used 1-3 years, its certificate outliving the last leaf it signed (398 days): 5 years`;

/**
 * Defaults per kind for production-like environments (PRODUCTION, STAGING and UNKNOWN, which is treated
 * as production) and for non-production ones. Sources and reasoning: docs/rotation-policies.md.
 */
const PRODUCTION_DEFAULTS: Record<CredentialKind, DefaultRow> = {
  ACCESS_KEY: { maxAgeDays: 90, warningDays: 14, graceDays: 0, reference: CIS_90 },
  API_TOKEN: { maxAgeDays: 90, warningDays: 14, graceDays: 0, reference: `bearer credential, aligned with ${CIS_90}` },
  SECRET: { maxAgeDays: 90, warningDays: 14, graceDays: 0, reference: `bearer credential, aligned with ${CIS_90}` },
  SIGNING_KEY: { maxAgeDays: 365, warningDays: 30, graceDays: 0, reference: `${NIST}: private signature key 1-3 years; one-year ceiling for token-signing keys` },
  ENCRYPTION_KEY: { maxAgeDays: 730, warningDays: 30, graceDays: 0, reference: `${NIST}: private key-transport and static key-agreement keys 1-2 years` },
  KMS_KEY: { maxAgeDays: 365, warningDays: 30, graceDays: 0, reference: `${NIST}: symmetric keys up to 2 years; AWS KMS automatic rotation default of 365 days` },
  SSH_KEY: { maxAgeDays: 365, warningDays: 30, graceDays: 0, reference: `${NIST}: private authentication key 1-2 years` },
  CERTIFICATE: { maxAgeDays: 398, warningDays: 30, graceDays: 0, reference: 'CA/Browser Forum Baseline Requirements: 398-day maximum TLS certificate validity' },
  CA_CERTIFICATE: { maxAgeDays: 1825, warningDays: 180, graceDays: 0, reference: CA_REFERENCE },
};

const NON_PRODUCTION_DEFAULTS: Record<CredentialKind, DefaultRow> = {
  ACCESS_KEY: { maxAgeDays: 90, warningDays: 14, graceDays: 7, reference: CIS_90 },
  API_TOKEN: { maxAgeDays: 180, warningDays: 14, graceDays: 7, reference: 'non-production bearer credential: twice the production period' },
  SECRET: { maxAgeDays: 180, warningDays: 14, graceDays: 7, reference: 'non-production bearer credential: twice the production period' },
  SIGNING_KEY: { maxAgeDays: 730, warningDays: 30, graceDays: 14, reference: `${NIST}: private signature key 1-3 years` },
  ENCRYPTION_KEY: { maxAgeDays: 730, warningDays: 30, graceDays: 14, reference: `${NIST}: private key-transport and static key-agreement keys 1-2 years` },
  KMS_KEY: { maxAgeDays: 730, warningDays: 30, graceDays: 14, reference: `${NIST}: symmetric keys up to 2 years` },
  SSH_KEY: { maxAgeDays: 730, warningDays: 30, graceDays: 14, reference: `${NIST}: private authentication key 1-2 years` },
  CERTIFICATE: { maxAgeDays: 398, warningDays: 30, graceDays: 0, reference: 'CA/Browser Forum Baseline Requirements: 398-day maximum TLS certificate validity' },
  CA_CERTIFICATE: { maxAgeDays: 1825, warningDays: 180, graceDays: 0, reference: CA_REFERENCE },
};

export const isProductionLike = (environment: Environment): boolean =>
  environment === 'PRODUCTION' || environment === 'STAGING' || environment === 'UNKNOWN';

export const defaultRotationPolicy = (kind: CredentialKind, environment: Environment): RotationPolicy => {
  const row = (isProductionLike(environment) ? PRODUCTION_DEFAULTS : NON_PRODUCTION_DEFAULTS)[kind];
  return { kind, environment, origin: 'DEFAULT', ...row };
};

const overrideKey = (teamId: string | null, kind: CredentialKind, environment: Environment | null): string =>
  `${teamId ?? '*'}|${kind}|${environment ?? '*'}`;

export type RotationPolicyResolver = (kind: CredentialKind, environment: Environment, teamId: string | null) => RotationPolicy;

/**
 * Builds a resolver over the overrides (indexed once, O(1) per credential). Order, most specific first:
 * team + kind + environment, team + kind, organisation + kind + environment, organisation + kind, default.
 */
export const createRotationPolicyResolver = (overrides: readonly RotationPolicyOverride[]): RotationPolicyResolver => {
  const byKey = new Map<string, RotationPolicyOverride>();
  for (const override of overrides) byKey.set(overrideKey(override.teamId, override.kind, override.environment), override);

  return (kind, environment, teamId) => {
    const candidates: [string, RotationPolicyOrigin][] = [];
    if (teamId !== null) {
      candidates.push([overrideKey(teamId, kind, environment), 'TEAM'], [overrideKey(teamId, kind, null), 'TEAM']);
    }
    candidates.push([overrideKey(null, kind, environment), 'ORGANISATION'], [overrideKey(null, kind, null), 'ORGANISATION']);
    for (const [key, origin] of candidates) {
      const override = byKey.get(key);
      if (override) {
        const { maxAgeDays, warningDays, graceDays } = override;
        const scope = origin === 'TEAM' ? `team ${override.teamId}` : 'organisation';
        return { kind, environment, origin, maxAgeDays, warningDays, graceDays, reference: override.reason ?? `${scope} override` };
      }
    }
    return defaultRotationPolicy(kind, environment);
  };
};
