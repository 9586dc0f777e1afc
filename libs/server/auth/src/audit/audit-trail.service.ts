import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, loadSecretKey } from '@postureboard/server-core';
import { AUTH_CLOCK, type Clock } from '../auth.clock.js';
import { type AuditBatchReader, type AuditHead, type AuditOutcome, AuditLogRepository, type AuditRecord } from '../repositories/audit-log.repository.js';
import { SYSTEM_ACTOR, type AuditActor } from './audit-actor.js';
import { type AuditContent, CHAIN_KEYED_ACTION, ChainTranscript, ChainVerifier, type ChainVerification, GENESIS_HASH, KEY_ROTATED_ACTION, sealEntry } from './audit-chain.js';
import { type AuditCheckpoint, checkCheckpoint, signCheckpoint } from './audit-checkpoint.js';
import { type AuditKeys, deriveAuditKeys } from './audit-key.js';
import { redactDetails, redactText } from './redact.js';

export type AuditDetailValue = string | number | boolean | null | readonly string[];

export interface AuditEvent {
  actor: AuditActor;
  /** Dotted verb: `auth.sign-in`, `api-token.issued`, `report.exported`, `mutation.createConnector`. */
  action: string;
  organizationId?: string | null;
  target?: string | null;
  outcome?: AuditOutcome;
  /** Never secrets; values under secret-sounding keys or shaped like tokens are redacted anyway. */
  details?: Record<string, AuditDetailValue>;
}

/** The append-only record of who changed or exported what, chained with a key the database never holds. */
@Injectable()
export class AuditTrail {
  private keys: AuditKeys;

  constructor(
    private readonly log: AuditLogRepository,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keys = deriveAuditKeys(loadSecretKey(config));
  }

  async append(event: AuditEvent): Promise<AuditRecord> {
    const content = this.content(event);
    const sealed = await this.log.append((head) => {
      const cutOver = this.cutOver(head);
      return [...cutOver, sealEntry(cutOver[0] ?? head, content, this.keys)];
    });
    return sealed.at(-1)!;
  }

  /**
   * The upgrade path: a database whose newest entry is unkeyed (written before the keyed chain) gets the cut-over
   * entry now, so the unkeyed prefix is vouched for by a MAC before anyone could rewrite it. The API calls it at
   * start; the first append does it too.
   */
  async sealUnkeyedHead(): Promise<void> {
    await this.log.append((head) => this.cutOver(head));
  }

  private cutOver(head: AuditHead | null): AuditRecord[] {
    if (head?.chainVersion !== 1) return [];
    return [sealEntry(head, this.content({ actor: SYSTEM_ACTOR, action: CHAIN_KEYED_ACTION, details: { unkeyedEntries: head.seq } }), this.keys)];
  }

  /**
   * Records a rotation of the master key: an entry sealed under the new key that carries the transcript of every
   * entry before it (see ChainTranscript), so entries sealed under the old key stay verifiable once it is gone.
   * From here on this process seals under the new key. Entries other processes write under the old key before
   * they restart cannot be verified later (UNKNOWN_KEY): rotate with the API stopped.
   */
  async recordKeyRotation(newMasterKey: Buffer, actor: AuditActor): Promise<AuditRecord> {
    const next = deriveAuditKeys(newMasterKey);
    const previousKeyId = this.keys.id;
    const [record] = await this.log.append(async (head, read) => {
      const transcript = await transcriptOf(read);
      return [sealEntry(head, this.content({ actor, action: KEY_ROTATED_ACTION, details: { transcript, previousKeyId, keyId: next.id } }), next)];
    });
    this.keys = next;
    return record!;
  }

  private content(event: AuditEvent): AuditContent {
    // Millisecond precision survives the round trip through timestamptz, so the hash recomputes exactly.
    const occurredAt = new Date(Math.floor(this.clock().getTime()));
    return {
      occurredAt,
      actorType: event.actor.type,
      actorId: event.actor.id,
      actor: event.actor.label,
      organizationId: event.organizationId ?? null,
      action: event.action,
      target: event.target ? redactText(event.target) : null,
      outcome: event.outcome ?? 'SUCCESS',
      details: redactDetails(event.details ?? {}),
    };
  }

  /** Newest first; `organizationId: null` lists every organization's entries and the global ones. */
  list(filter: { organizationId: string | null; beforeSeq?: number | null; limit?: number; actionPrefix?: string | null; outcome?: AuditOutcome | null }): Promise<AuditRecord[]> {
    return this.log.list({
      organizationId: filter.organizationId,
      beforeSeq: filter.beforeSeq ?? null,
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
      actionPrefix: filter.actionPrefix || null,
      outcome: filter.outcome ?? null,
    });
  }

  /**
   * Recomputes every link: an edited, deleted, reordered or unkeyed entry shows up as a problem. With a checkpoint
   * taken earlier (kept outside the database), a trail cut back to an older head and made consistent again shows
   * up too (TRUNCATED, REWRITTEN).
   */
  async verify(options: { checkpoint?: AuditCheckpoint } = {}): Promise<ChainVerification> {
    const verifier = new ChainVerifier(this.keys);
    let after = 0;
    for (;;) {
      const batch = await this.log.batchAfter(after, 1000);
      for (const entry of batch) verifier.add(entry);
      if (batch.length < 1000) break;
      after = batch[batch.length - 1]!.seq;
    }
    const head = await this.log.head();
    if (options.checkpoint) {
      const entry = options.checkpoint.seq > 0 ? await this.log.entryAt(options.checkpoint.seq) : null;
      for (const problem of checkCheckpoint(this.keys, options.checkpoint, head, entry)) verifier.reportExternal(problem);
    }
    return verifier.finish(head);
  }

  /** The head now, signed: to be kept outside the database (a file, the board report) and verified against later. */
  async checkpoint(organization: string | null): Promise<AuditCheckpoint> {
    const head = await this.log.head();
    return signCheckpoint(this.keys, { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH }, organization, this.clock());
  }
}

async function transcriptOf(read: AuditBatchReader): Promise<string> {
  const transcript = new ChainTranscript();
  let after = 0;
  for (;;) {
    const batch = await read(after, 1000);
    for (const entry of batch) transcript.add(entry);
    if (batch.length < 1000) break;
    after = batch[batch.length - 1]!.seq;
  }
  return transcript.value;
}
