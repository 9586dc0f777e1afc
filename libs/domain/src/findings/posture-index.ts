import type { AccessReviewDecision } from '../model/access-review.model.js';
import type { ActivityRollup, ActivitySample } from '../model/activity.model.js';
import type { OffshoreApproval } from '../model/approval.model.js';
import type { Credential } from '../model/credential.model.js';
import { INTERNAL_COUNTRY } from '../model/enums.js';
import type { Account, Entitlement, Identity } from '../model/identity.model.js';
import type { Team } from '../model/organisation.model.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { ActivityState, lowerBoundOf, timelineOf } from './activity-state.js';
import { bulkFlagsOf, type BulkFlagState, type BulkSettings } from './bulk-flags.js';
import { createRotationPolicyResolver, type RotationPolicyResolver } from '../rotation/rotation-policy.js';
import type { FindingKind } from '../model/enums.js';
import type { FindingCandidate } from '../model/finding.model.js';
import type { FindingSettings } from './finding-settings.js';
import { evaluateBySubject, type RuleResults, type SubjectResultsState, type SubjectRule } from './subject-results.js';

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const byId = <T extends { id: string }>(items: readonly T[]): Map<string, T> => new Map(items.map((item) => [item.id, item]));

/** Rollups ordered by day, with the day numbers in a parallel array for binary search. */
export interface RollupTimeline {
  rollups: readonly ActivityRollup[];
  dayNumbers: Int32Array;
}

/**
 * What an evaluation leaves for the next one: the activity organised by day, the bulk-extraction flags
 * computed on it, and the inventory rules' results by subject. Opaque; the caller keeps it and passes it back
 * with the next input. Its activity is spent by that evaluation (its structures are taken over); the subject
 * results are only read.
 */
export interface FindingsState {
  readonly activity: ActivityState | null;
  readonly bulkFlags: BulkFlagState | null;
  readonly subjectResults?: SubjectResultsState | null;
  /** The maps the index built from the inventory (PostureIndex `previous`). */
  readonly indexParts?: IndexParts | null;
}

/** Structures an index derived from the input's tables, each with the tables it was derived from. */
export type IndexParts = ReadonlyMap<string, { readonly deps: readonly unknown[]; readonly value: unknown }>;

/**
 * Maps over one `PostureInput`, built once by the caller of the rules (evaluateFindings, replay) and shared by
 * every rule and every replay day, so that evaluation stays linear on large inputs. Expensive parts (rollup
 * ordering, rule memos) are lazy. Incremental state comes in through `seed` and goes out through `state`.
 */
export class PostureIndex {
  readonly identitiesById: ReadonlyMap<string, Identity>;
  readonly teamsById: ReadonlyMap<string, Team>;
  readonly accountsById: ReadonlyMap<string, Account>;
  readonly credentialsById: ReadonlyMap<string, Credential>;
  readonly accountsByIdentityId: ReadonlyMap<string, Account[]>;
  readonly credentialsByExternalId: ReadonlyMap<string, Credential>;
  readonly credentialsByOwnerId: ReadonlyMap<string, Credential[]>;
  readonly tokensBySigningKeyId: ReadonlyMap<string, Credential[]>;
  readonly entitlementsByAccountId: ReadonlyMap<string, Entitlement[]>;
  readonly approvalsByIdentityId: ReadonlyMap<string, OffshoreApproval[]>;
  readonly decisionsByCampaignId: ReadonlyMap<string, AccessReviewDecision[]>;
  readonly approvedCountries: ReadonlySet<string>;
  readonly rotationPolicyFor: RotationPolicyResolver;

  private readonly principalKeys: ReadonlyMap<string, string>;
  private readonly principalCache: Map<string, Identity | null>;
  private readonly previousParts: IndexParts | null;
  private readonly parts = new Map<string, { deps: readonly unknown[]; value: unknown }>();
  private readonly offshoreCache = new Map<string, boolean>();
  private timeline: RollupTimeline | null = null;
  private sortedSamples: readonly ActivitySample[] | null = null;
  private readonly memos = new Map<string, { deps: unknown; value: unknown }>();
  private activityState: ActivityState | null = null;
  private activitySeed: ActivityState | null = null;
  private bulkFlagState: BulkFlagState | null = null;
  private bulkFlagSeed: BulkFlagState | null = null;
  private subjectResultSeed: SubjectResultsState | null = null;
  private readonly subjectResults = new Map<FindingKind, RuleResults>();

  /**
   * `previous`: the maps another index built (its `state.indexParts`); each is reused while the tables it was built
   * from are the very same arrays (PostureInputRepository.loadWith keeps unchanged tables), else built again.
   */
  constructor(
    readonly input: PostureInput,
    previous: IndexParts | null = null,
  ) {
    this.previousParts = previous;
    this.identitiesById = this.derived('identitiesById', [input.identities], () => byId(input.identities));
    this.teamsById = this.derived('teamsById', [input.teams], () => byId(input.teams));
    ({ accountsById: this.accountsById, accountsByIdentityId: this.accountsByIdentityId } = this.derived('accounts', [input.accounts], () => {
      const accountsByIdentityId = new Map<string, Account[]>();
      for (const account of input.accounts) if (account.identityId !== null) push(accountsByIdentityId, account.identityId, account);
      return { accountsById: byId(input.accounts), accountsByIdentityId };
    }));
    ({
      credentialsById: this.credentialsById,
      credentialsByExternalId: this.credentialsByExternalId,
      credentialsByOwnerId: this.credentialsByOwnerId,
      tokensBySigningKeyId: this.tokensBySigningKeyId,
    } = this.derived('credentials', [input.credentials], () => {
      const credentialsByExternalId = new Map<string, Credential>();
      const credentialsByOwnerId = new Map<string, Credential[]>();
      const tokensBySigningKeyId = new Map<string, Credential[]>();
      for (const credential of input.credentials) {
        if (!credentialsByExternalId.has(credential.externalId)) credentialsByExternalId.set(credential.externalId, credential);
        if (credential.ownerIdentityId !== null) push(credentialsByOwnerId, credential.ownerIdentityId, credential);
        if (credential.signedByCredentialId !== null) push(tokensBySigningKeyId, credential.signedByCredentialId, credential);
      }
      return { credentialsById: byId(input.credentials), credentialsByExternalId, credentialsByOwnerId, tokensBySigningKeyId };
    }));
    this.entitlementsByAccountId = this.derived('entitlementsByAccountId', [input.entitlements], () => {
      const map = new Map<string, Entitlement[]>();
      for (const entitlement of input.entitlements) push(map, entitlement.accountId, entitlement);
      return map;
    });
    this.approvalsByIdentityId = this.derived('approvalsByIdentityId', [input.offshoreApprovals], () => {
      const map = new Map<string, OffshoreApproval[]>();
      for (const approval of input.offshoreApprovals) push(map, approval.identityId, approval);
      return map;
    });
    this.decisionsByCampaignId = this.derived('decisionsByCampaignId', [input.accessReviewDecisions], () => {
      const map = new Map<string, AccessReviewDecision[]>();
      for (const decision of input.accessReviewDecisions) push(map, decision.campaignId, decision);
      return map;
    });
    this.approvedCountries = new Set(input.organisation.approvedCountries.map((country) => country.toUpperCase()));
    this.rotationPolicyFor = createRotationPolicyResolver(input.rotationPolicyOverrides);
    // The principal → identity cache is a memo of these tables only, so it travels with them.
    ({ principalKeys: this.principalKeys, principalCache: this.principalCache } = this.derived(
      'principals',
      [input.principalAliases, input.identities, input.accounts],
      () => ({ principalKeys: this.indexPrincipalKeys(), principalCache: new Map<string, Identity | null>() }),
    ));
  }

  /**
   * A structure derived from `deps` (tables of the input, compared by identity): the previous index's when it was
   * derived from the same ones, else built. Carried on to the next index through `state.indexParts`.
   */
  derived<T>(name: string, deps: readonly unknown[], build: () => T): T {
    const same = (part: { deps: readonly unknown[] } | undefined): boolean => part !== undefined && part.deps.length === deps.length && part.deps.every((dep, i) => dep === deps[i]);
    const built = this.parts.get(name);
    if (same(built)) return built!.value as T;
    const previous = this.previousParts?.get(name);
    const value = same(previous) ? (previous!.value as T) : build();
    this.parts.set(name, { deps, value });
    return value;
  }

  /** Match order: alias table, identity e-mail, account user name / external id, employee number. */
  private indexPrincipalKeys(): Map<string, string> {
    const principalKeys = new Map<string, string>();
    const add = (key: string | null, identityId: string): void => {
      if (key === null) return;
      const normalised = key.trim().toLowerCase();
      if (normalised !== '' && !principalKeys.has(normalised)) principalKeys.set(normalised, identityId);
    };
    for (const alias of this.input.principalAliases) add(alias.principal, alias.identityId);
    for (const identity of this.input.identities) add(identity.email, identity.id);
    for (const account of this.input.accounts) {
      if (account.identityId === null) continue;
      add(account.userName, account.identityId);
      add(account.externalId, account.identityId);
    }
    for (const identity of this.input.identities) add(identity.employeeNumber, identity.id);
    return principalKeys;
  }

  /** The identity behind a principal string; for ARNs the last path segment (user or session name) is tried too. */
  resolvePrincipal(principal: string): Identity | null {
    const cached = this.principalCache.get(principal);
    if (cached !== undefined) return cached;
    const normalised = principal.trim().toLowerCase();
    let identityId = this.principalKeys.get(normalised);
    if (identityId === undefined && normalised.includes('/')) identityId = this.principalKeys.get(normalised.slice(normalised.lastIndexOf('/') + 1));
    const identity = identityId === undefined ? null : (this.identitiesById.get(identityId) ?? null);
    this.principalCache.set(principal, identity);
    return identity;
  }

  /** The identity behind activity: the principal if it resolves, else the owner of the credential used. */
  identityOfActivity(principal: string, credentialExternalId: string | null): Identity | null {
    const identity = this.resolvePrincipal(principal);
    if (identity !== null || credentialExternalId === null) return identity;
    const ownerId = this.credentialsByExternalId.get(credentialExternalId)?.ownerIdentityId ?? null;
    return ownerId === null ? null : (this.identitiesById.get(ownerId) ?? null);
  }

  /** True for a known country outside the approved list; `internal` and unknown never are. */
  isOffshoreCountry(country: string | null): boolean {
    if (country === null) return false;
    let offshore = this.offshoreCache.get(country);
    if (offshore === undefined) {
      offshore = country !== '' && country.toLowerCase() !== INTERNAL_COUNTRY && this.approvedCountries.size > 0 && !this.approvedCountries.has(country.toUpperCase());
      this.offshoreCache.set(country, offshore);
    }
    return offshore;
  }

  entitlementsOfIdentity(identityId: string, isAccountActive: (account: Account) => boolean): { account: Account; entitlement: Entitlement }[] {
    const result: { account: Account; entitlement: Entitlement }[] = [];
    for (const account of this.accountsByIdentityId.get(identityId) ?? []) {
      if (!isAccountActive(account)) continue;
      for (const entitlement of this.entitlementsByAccountId.get(account.id) ?? []) result.push({ account, entitlement });
    }
    return result;
  }

  /**
   * Lets the activity state and the bulk-extraction flags be derived from a previous evaluation's (see
   * ActivityState), if they are not built yet. The previous state is spent once this one is derived from it.
   */
  seed(previous: FindingsState | null): void {
    if (this.activityState === null) this.activitySeed = previous?.activity ?? null;
    if (this.bulkFlagState === null) this.bulkFlagSeed = previous?.bulkFlags ?? null;
    this.subjectResultSeed = previous?.subjectResults ?? null;
  }

  /** What the next evaluation can start from: what the rules built, else what was seeded and not used. */
  get state(): FindingsState {
    const seed = this.activitySeed !== null && !this.activitySeed.isSpent ? this.activitySeed : null;
    // A rule that did not run this time (an evaluation of some kinds only) leaves its earlier results, still valid where they hold.
    const subjectResults = new Map([...(this.subjectResultSeed ?? new Map<FindingKind, RuleResults>()), ...this.subjectResults]);
    return { activity: this.builtActivity ?? seed, bulkFlags: this.bulkFlagState ?? this.bulkFlagSeed, subjectResults, indexParts: this.parts };
  }

  /**
   * An inventory rule's candidates at `asOf`, subject by subject (evaluateBySubject), reusing the seeded results of
   * the previous evaluation where they still hold; the results go out through `state`.
   */
  bySubject<S>(kind: FindingKind, subjects: Iterable<S>, rule: SubjectRule<S>, asOf: Date, settings: FindingSettings): FindingCandidate[] {
    const previous = this.subjectResults.get(kind) ?? this.subjectResultSeed?.get(kind);
    const { candidates, results } = evaluateBySubject(subjects, rule, asOf, settings, previous);
    this.subjectResults.set(kind, results);
    return candidates;
  }

  /** The bulk-extraction flags of this input's activity for `settings`, brought up to date from the seed. */
  bulkFlags(settings: BulkSettings): BulkFlagState {
    const state = bulkFlagsOf(this.activity, this, settings, this.bulkFlagState ?? this.bulkFlagSeed);
    this.bulkFlagState = state;
    this.bulkFlagSeed = null;
    return state;
  }

  /** The activity by day and what the activity policies derive from it; built on first use. */
  get activity(): ActivityState {
    if (this.activityState === null || this.activityState.isSpent) {
      // A state spent by a later evaluation (which took over its structures) is derived again from scratch.
      // The flags passed in are up to date with some generation of the seed's lineage: its changes are owed from there.
      const flags = this.bulkFlagSeed;
      const synced = flags !== null && this.activitySeed !== null && flags.lineage === this.activitySeed.lineage ? flags.generation : null;
      this.activityState = ActivityState.of(this, this.activitySeed, synced);
      this.activitySeed = null;
    }
    return this.activityState;
  }

  /** The activity state if a policy built it (what the next evaluation can start from). */
  get builtActivity(): ActivityState | null {
    return this.activityState !== null && !this.activityState.isSpent ? this.activityState : null;
  }

  get rollupTimeline(): RollupTimeline {
    if (this.activityState !== null && !this.activityState.isSpent) return this.activityState.timeline;
    this.timeline ??= timelineOf(this.input.activity.rollups).timeline;
    return this.timeline;
  }

  /** Positions [start, end) in `rollupTimeline` of rollups with fromDay <= day <= toDay. */
  rollupRange(fromDay: number, toDay: number): { start: number; end: number } {
    const { dayNumbers } = this.rollupTimeline;
    return { start: lowerBoundOf(dayNumbers, fromDay), end: lowerBoundOf(dayNumbers, toDay + 1) };
  }

  get samplesByTime(): readonly ActivitySample[] {
    this.sortedSamples ??= [...this.input.activity.samples].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    return this.sortedSamples;
  }

  /** Caches a derived structure per `deps` (e.g. the settings object), so replay computes it once. */
  memo<T>(key: string, deps: unknown, compute: () => T): T {
    const hit = this.memos.get(key);
    if (hit && hit.deps === deps) return hit.value as T;
    const value = compute();
    this.memos.set(key, { deps, value });
    return value;
  }
}

/** What a rule is given: the index its caller built for the input (shared by every rule), or a bare input. */
export type RuleInput = PostureInput | PostureIndex;

/** The index of a rule's input: the one its caller built, else a new one for a bare input. */
export const indexOf = (input: RuleInput): PostureIndex => (input instanceof PostureIndex ? input : new PostureIndex(input));

/** The posture input of a rule's input, without building an index (for rules that need none). */
export const inputOf = (input: RuleInput): PostureInput => (input instanceof PostureIndex ? input.input : input);
