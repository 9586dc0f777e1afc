import { Injectable } from '@nestjs/common';
import {
  CREDENTIAL_KINDS,
  ENVIRONMENTS,
  createRotationPolicyResolver,
  type CredentialKind,
  type Environment,
  type RotationPolicy,
  type RotationPolicyOverride,
  type RotationPolicyResolver,
} from '@postureboard/domain';
import { RotationPolicyRepository, type ResolvedPolicyRow, type RotationPolicyRecord } from '@postureboard/server-database';
import { OrganizationService } from '@postureboard/server-organization';
import { SettingsError, SettingsErrorCode } from './settings.error.js';
import { TeamService } from './team.service.js';

/** One cell of the policy matrix as the settings page shows it. */
export interface RotationPolicyView {
  /** The stored override behind the values; null for a default. */
  id: string | null;
  kind: CredentialKind;
  environment: Environment;
  maxAgeDays: number;
  warningDays: number;
  graceDays: number;
  teamId: string | null;
  isDefault: boolean;
  /** The standard behind a default, or which override it is. */
  source: string;
}

export interface RotationPolicyInput {
  kind: CredentialKind;
  environment: Environment;
  maxAgeDays: number;
  warningDays: number;
  graceDays: number;
  teamId?: string | null;
}

/** Policies for the SQL inventory and the domain resolver that produced them, from one read. */
export interface PolicyResolution {
  resolve: RotationPolicyResolver;
  /** Organisation rows for every kind × environment, plus rows for each team with overrides of its own. */
  table: ResolvedPolicyRow[];
}

/** A rotation period longer than ten years is no policy at all. */
const MAX_AGE_LIMIT = 3650;
const GRACE_LIMIT = 365;

const toOverride = (record: RotationPolicyRecord): RotationPolicyOverride => ({
  teamId: record.teamId,
  kind: record.kind,
  environment: record.environment,
  maxAgeDays: record.maxAgeDays,
  warningDays: record.warningDays,
  graceDays: record.graceDays,
  reason: null,
});

const matrixOf = (resolve: RotationPolicyResolver, teamId: string | null, kinds: readonly CredentialKind[] = CREDENTIAL_KINDS): RotationPolicy[] =>
  kinds.flatMap((kind) => ENVIRONMENTS.map((environment) => resolve(kind, environment, teamId)));

/**
 * Rotation policies: the domain's documented defaults (NIST SP 800-57, CIS), overridden per organisation
 * and team. Resolution is always the domain's; this service only stores overrides and lays them out.
 */
@Injectable()
export class RotationPolicyService {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly policies: RotationPolicyRepository,
    private readonly teams: TeamService,
  ) {}

  async resolution(organizationId: string): Promise<PolicyResolution> {
    const records = await this.policies.findAll(organizationId);
    const resolve = createRotationPolicyResolver(records.map(toOverride));
    const teamIds = [...new Set(records.flatMap((r) => (r.teamId === null ? [] : [r.teamId])))];
    const table = [null, ...teamIds].flatMap((teamId) =>
      matrixOf(resolve, teamId).map((p) => ({
        teamId,
        kind: p.kind,
        environment: p.environment,
        maxAgeDays: p.maxAgeDays,
        warningDays: p.warningDays,
        graceDays: p.graceDays,
      })),
    );
    return { resolve, table };
  }

  /** The organisation's effective matrix (every kind × environment), then each team's own overrides. */
  async matrix(orgSlug: string): Promise<RotationPolicyView[]> {
    const organization = await this.organizations.getBySlug(orgSlug);
    const records = await this.policies.findAll(organization.id);
    const resolve = createRotationPolicyResolver(records.map(toOverride));
    const views = matrixOf(resolve, null).map((p) => toView(p, null, records));
    const teamKinds = new Map<string, Set<CredentialKind>>();
    for (const r of records) if (r.teamId !== null) teamKinds.set(r.teamId, (teamKinds.get(r.teamId) ?? new Set()).add(r.kind));
    for (const [teamId, kinds] of teamKinds) {
      views.push(...matrixOf(resolve, teamId, [...kinds]).filter((p) => p.origin === 'TEAM').map((p) => toView(p, teamId, records)));
    }
    return views;
  }

  async set(orgSlug: string, input: RotationPolicyInput): Promise<RotationPolicyView> {
    const organization = await this.organizations.getBySlug(orgSlug);
    validate(input);
    const teamId = input.teamId ? (await this.teams.getInOrganization(organization.id, input.teamId)).id : null;
    const saved = await this.policies.upsert(organization.id, {
      teamId,
      kind: input.kind,
      environment: input.environment,
      maxAgeDays: input.maxAgeDays,
      warningDays: input.warningDays,
      graceDays: input.graceDays,
    });
    const resolve = createRotationPolicyResolver([toOverride(saved)]);
    return toView(resolve(saved.kind, input.environment, teamId), teamId, [saved]);
  }
}

function toView(policy: RotationPolicy, teamId: string | null, records: readonly RotationPolicyRecord[]): RotationPolicyView {
  const scope = policy.origin === 'TEAM' ? teamId : null;
  const record =
    policy.origin === 'DEFAULT'
      ? undefined
      : (records.find((r) => r.teamId === scope && r.kind === policy.kind && r.environment === policy.environment) ??
        records.find((r) => r.teamId === scope && r.kind === policy.kind && r.environment === null));
  const everyEnvironment = record?.environment === null ? ' (all environments)' : '';
  return {
    id: record?.id ?? null,
    kind: policy.kind,
    environment: policy.environment,
    maxAgeDays: policy.maxAgeDays,
    warningDays: policy.warningDays,
    graceDays: policy.graceDays,
    teamId: scope,
    isDefault: policy.origin === 'DEFAULT',
    source:
      policy.origin === 'DEFAULT' ? policy.reference : policy.origin === 'TEAM' ? `Team override${everyEnvironment}` : `Organization override${everyEnvironment}`,
  };
}

function validate(input: RotationPolicyInput): void {
  const problems: string[] = [];
  if (!(CREDENTIAL_KINDS as readonly string[]).includes(input.kind)) problems.push(`credential kind must be one of ${CREDENTIAL_KINDS.join(', ')}`);
  if (!(ENVIRONMENTS as readonly string[]).includes(input.environment)) problems.push(`environment must be one of ${ENVIRONMENTS.join(', ')}`);
  const whole = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;
  if (!whole(input.maxAgeDays, 1, MAX_AGE_LIMIT)) problems.push(`maxAgeDays must be a whole number from 1 to ${MAX_AGE_LIMIT}`);
  else if (!whole(input.warningDays, 0, input.maxAgeDays - 1)) problems.push(`warningDays must be a whole number from 0 to ${input.maxAgeDays - 1} (less than maxAgeDays)`);
  if (!whole(input.graceDays, 0, GRACE_LIMIT)) problems.push(`graceDays must be a whole number from 0 to ${GRACE_LIMIT}`);
  if (problems.length > 0) throw new SettingsError(SettingsErrorCode.INVALID_INPUT, `Invalid rotation policy: ${problems.join('; ')}`);
}
