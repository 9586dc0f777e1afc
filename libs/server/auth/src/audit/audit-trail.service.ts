import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CLOCK, type Clock } from '../auth.clock.js';
import { type AuditOutcome, AuditLogRepository, type AuditRecord } from '../repositories/audit-log.repository.js';
import type { AuditActor } from './audit-actor.js';
import { ChainVerifier, type ChainVerification, sealEntry } from './audit-chain.js';
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

/** The append-only, hash-chained record of who changed or exported what. */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly log: AuditLogRepository,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  append(event: AuditEvent): Promise<AuditRecord> {
    // Millisecond precision survives the round trip through timestamptz, so the hash recomputes exactly.
    const occurredAt = new Date(Math.floor(this.clock().getTime()));
    return this.log.append((head) =>
      sealEntry(head, {
        occurredAt,
        actorType: event.actor.type,
        actorId: event.actor.id,
        actor: event.actor.label,
        organizationId: event.organizationId ?? null,
        action: event.action,
        target: event.target ? redactText(event.target) : null,
        outcome: event.outcome ?? 'SUCCESS',
        details: redactDetails(event.details ?? {}),
      }),
    );
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

  /** Recomputes every link: an edited, deleted or reordered entry shows up as a problem. */
  async verify(): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const batch = await this.log.batchAfter(after, 1000);
      for (const entry of batch) verifier.add(entry);
      if (batch.length < 1000) break;
      after = batch[batch.length - 1]!.seq;
    }
    return verifier.finish(await this.log.head());
  }
}
