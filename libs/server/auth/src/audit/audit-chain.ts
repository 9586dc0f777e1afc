import { createHash } from 'node:crypto';
import type { AuditHead, AuditRecord } from '../repositories/audit-log.repository.js';

/** The previous hash of the very first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditContent = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

/** JSON with object keys sorted at every level, so the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 over the previous hash and every field of the entry: change any of them and the chain breaks here. */
export function hashEntry(prevHash: string, entry: AuditContent & { seq: number }): string {
  const content = canonicalJson({
    seq: entry.seq,
    occurredAt: entry.occurredAt.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    actor: entry.actor,
    organizationId: entry.organizationId,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    details: entry.details,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`, 'utf8').digest('hex');
}

/** The next link after `head`. */
export function sealEntry(head: AuditHead | null, content: AuditContent): AuditRecord {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  return { ...content, seq, prevHash, hash: hashEntry(prevHash, { ...content, seq }) };
}

export type ChainProblemKind = 'EDITED' | 'MISSING' | 'BROKEN_LINK' | 'TAIL_MISSING' | 'HEAD_MISMATCH';

export interface ChainProblem {
  kind: ChainProblemKind;
  seq: number;
  message: string;
}

export interface ChainVerification {
  valid: boolean;
  entries: number;
  problems: ChainProblem[];
}

const MAX_PROBLEMS = 100;

/** Walks the chain in order, entry by entry, so a long trail never has to fit in memory. */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private readonly problems: ChainProblem[] = [];

  add(entry: AuditRecord): void {
    this.count += 1;
    if (entry.seq !== this.expectedSeq) {
      const last = entry.seq - 1;
      this.report('MISSING', this.expectedSeq, `entries ${this.expectedSeq}${last > this.expectedSeq ? `-${last}` : ''} are missing (deleted)`);
    } else if (entry.prevHash !== this.prevHash) {
      this.report('BROKEN_LINK', entry.seq, `entry ${entry.seq} does not follow entry ${entry.seq - 1}: the earlier entry was changed or replaced`);
    }
    if (hashEntry(entry.prevHash, entry) !== entry.hash) {
      this.report('EDITED', entry.seq, `entry ${entry.seq} was edited after it was written`);
    }
    this.expectedSeq = entry.seq + 1;
    this.prevHash = entry.hash;
  }

  finish(head: AuditHead | null): ChainVerification {
    const lastSeq = this.expectedSeq - 1;
    if (head && head.seq > lastSeq) {
      this.report('TAIL_MISSING', lastSeq + 1, `entries ${lastSeq + 1}-${head.seq} at the end of the trail are missing (deleted)`);
    } else if ((head?.hash ?? GENESIS_HASH) !== this.prevHash || (head?.seq ?? 0) !== lastSeq) {
      this.report('HEAD_MISMATCH', lastSeq, 'the newest entry is not the one the trail last recorded');
    }
    return { valid: this.problems.length === 0, entries: this.count, problems: this.problems };
  }

  private report(kind: ChainProblemKind, seq: number, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ kind, seq, message });
  }
}
