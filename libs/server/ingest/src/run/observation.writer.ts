import type { Observation, SourceLocation } from '@postureboard/connectors';
import type {
  AccessEventLoad,
  AccessEventStoreRepository,
  AccessRollupRow,
  AccessRollupStoreRepository,
  AccountRow,
  AccountStoreRepository,
  CredentialRow,
  CredentialStoreRepository,
  EntitlementRow,
  EntitlementStoreRepository,
  IdentityRow,
  IdentityStoreRepository,
  ReviewDecisionRow,
  ReviewDecisionStoreRepository,
  SqlClient,
  UpsertCounts,
} from '@postureboard/server-database';
import { mapObservation } from './observation.mapper.js';
import type { RunTally } from './run-outcome.js';

export interface ObservationStores {
  identities: IdentityStoreRepository;
  accounts: AccountStoreRepository;
  entitlements: EntitlementStoreRepository;
  credentials: CredentialStoreRepository;
  accessEvents: AccessEventStoreRepository;
  accessRollups: AccessRollupStoreRepository;
  reviewDecisions: ReviewDecisionStoreRepository;
}

export interface WriterScope {
  client: SqlClient;
  organizationId: string;
  /** The source type: credentials and events are keyed by it. */
  source: string;
  /** The run's time: first sighting of new credentials, date of deactivations seen now. */
  observedAt: Date;
}

/** Records per set-based write: large enough to amortise round trips, small enough to keep memory flat. */
export const DEFAULT_BATCH_SIZE = 5_000;

/** HR is the authority on people: other sources fill gaps in what it said but never overwrite it. */
const SOURCE_RANK: Readonly<Record<string, number>> = { 'hr-roster': 2 };
export const sourceRank = (source: string): number => SOURCE_RANK[source] ?? 1;

/**
 * Buffers observations by kind and writes each buffer with one multi-row statement. Buffers are flushed
 * together in dependency order (identities, accounts, entitlements, then the rest), so an entitlement always
 * finds the account a source reported before it. Events are not buffered here: they stream into the run's
 * {@link AccessEventLoad} (COPY, merged chunk by chunk while the source is still read).
 */
export class ObservationWriter {
  private identities: IdentityRow[] = [];
  private accounts: AccountRow[] = [];
  private entitlements: { row: EntitlementRow; location: SourceLocation }[] = [];
  private credentials: CredentialRow[] = [];
  private decisions: ReviewDecisionRow[] = [];
  private rollups: AccessRollupRow[] = [];
  /** Whether rollups were staged: they are merged once, at the end, so a key's rows of one run add up. */
  private rollupsStaged = false;
  private buffered = 0;
  private events: AccessEventLoad | null = null;

  constructor(
    private readonly scope: WriterScope,
    private readonly stores: ObservationStores,
    private readonly tally: RunTally,
    /** Called for records the store cannot take (e.g. an entitlement of an unknown account). */
    private readonly reject: (location: SourceLocation, reason: string, field?: string) => void,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {}

  /** Returns a promise only when the caller must wait (a batch is written, or the database is behind). */
  add(observation: Observation, location: SourceLocation): Promise<void> | undefined {
    const mapped = mapObservation(observation);
    switch (mapped.kind) {
      case 'rejected':
        this.reject({ ...location, field: location.field ?? mapped.field }, mapped.reason);
        return undefined;
      case 'identity':
        this.identities.push(mapped.row);
        break;
      case 'account':
        this.accounts.push(mapped.row);
        break;
      case 'entitlement':
        this.entitlements.push({ row: mapped.row, location });
        break;
      case 'credential':
        this.credentials.push(mapped.row);
        break;
      case 'access-event':
        this.events ??= this.stores.accessEvents.openLoad(this.scope.client, this.scope.organizationId, this.scope.source);
        this.tally.accepted += 1;
        return this.events.add(mapped.row);
      case 'access-rollup':
        this.rollups.push(mapped.row);
        break;
      case 'review-decision':
        this.decisions.push(mapped.row);
        break;
    }
    this.tally.accepted += 1;
    this.buffered += 1;
    return this.buffered >= this.batchSize ? this.flush() : undefined;
  }

  /** Writes whatever is buffered, then merges the events still staged. */
  async finish(): Promise<void> {
    await this.flush();
    if (this.rollupsStaged) this.count(await this.stores.accessRollups.merge(this.scope.client, this.scope.organizationId, this.scope.source));
    if (!this.events) return;
    const merged = await this.events.finish();
    this.count({ inserted: merged.inserted, updated: 0, unchanged: merged.staged - merged.inserted });
  }

  /** After a failure: ends an open COPY, so that the transaction can roll back. */
  async abort(): Promise<void> {
    await this.events?.abort();
  }

  private async flush(): Promise<void> {
    if (this.buffered === 0) return;
    const { client, organizationId, source, observedAt } = this.scope;
    const { identities, accounts, entitlements, credentials, decisions, rollups } = this;
    this.identities = [];
    this.rollups = [];
    this.accounts = [];
    this.entitlements = [];
    this.credentials = [];
    this.decisions = [];
    this.buffered = 0;
    // The connection is shared: the events' COPY must end before other statements can run.
    await this.events?.pause();

    this.count(await this.stores.identities.upsertBatch(client, organizationId, source, identities, sourceRank));
    this.count(await this.stores.accounts.upsertBatch(client, organizationId, accounts, observedAt));
    if (entitlements.length > 0) {
      const result = await this.stores.entitlements.upsertBatch(
        client,
        organizationId,
        entitlements.map((e) => e.row),
      );
      this.count(result);
      for (const index of result.missingAccount) {
        const { row, location } = entitlements[index]!;
        this.tally.accepted -= 1;
        this.reject(
          { ...location, field: location.field ?? 'accountExternalId' },
          `entitlement ${row.name} names account ${row.accountExternalId} in ${row.system}, which no source has reported`,
        );
      }
    }
    this.count(await this.stores.credentials.upsertBatch(client, organizationId, source, credentials, observedAt));
    this.count(await this.stores.reviewDecisions.upsertBatch(client, organizationId, decisions));
    if (rollups.length > 0) {
      await this.stores.accessRollups.stage(client, rollups);
      this.rollupsStaged = true;
    }
  }

  private count(counts: UpsertCounts): void {
    this.tally.inserted += counts.inserted;
    this.tally.updated += counts.updated;
    this.tally.unchanged += counts.unchanged;
  }
}
