import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditHead, AuditRecord } from '../repositories/audit-log.repository.js';
import type { AuditKeys } from './audit-key.js';

/** The previous hash of the very first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * How an entry is sealed (the `chain_version` column):
 * - 1: SHA-256 over the previous hash and the fields. Anyone can recompute it, so anyone with write access to the
 *   database could rewrite the chain. Only entries written before the keyed chain (migration 1766000000000) are v1.
 * - 2: HMAC-SHA256 under a key derived from the master key (see audit-key.ts), recorded with the key's id.
 * The first v2 entry of an upgraded database (`audit.chain-keyed`) links to the last v1 entry, so its MAC vouches for
 * the whole unkeyed prefix; a v1 entry after any v2 entry is a forgery.
 */
export type ChainVersion = 1 | 2;
export const KEYED_CHAIN: ChainVersion = 2;

/** The cut-over entry written once when a database with unkeyed entries first appends under the keyed chain. */
export const CHAIN_KEYED_ACTION = 'audit.chain-keyed';
/** Written under the new key when the master key is rotated: vouches for every entry before it (see transcript). */
export const KEY_ROTATED_ACTION = 'audit.key-rotated';

export type AuditContent = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash' | 'chainVersion' | 'keyId'>;

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

const fields = (entry: AuditContent & { seq: number }) => ({
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

/** Version 1 (unkeyed): SHA-256 over the previous hash and every field. Kept to verify entries written before the keyed chain. */
export function hashEntry(prevHash: string, entry: AuditContent & { seq: number }): string {
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(fields(entry))}`, 'utf8').digest('hex');
}

/** Version 2 (keyed): HMAC-SHA256 over the previous hash, every field, the version and the key id. */
export function macEntry(key: Buffer, prevHash: string, entry: AuditContent & { seq: number; keyId: string }): string {
  const content = canonicalJson({ ...fields(entry), chainVersion: KEYED_CHAIN, keyId: entry.keyId });
  return createHmac('sha256', key).update(`${prevHash}\n${content}`, 'utf8').digest('hex');
}

/** The next link after `head`, keyed. */
export function sealEntry(head: Pick<AuditHead, 'seq' | 'hash'> | null, content: AuditContent, keys: AuditKeys): AuditRecord {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  return { ...content, seq, prevHash, chainVersion: KEYED_CHAIN, keyId: keys.id, hash: macEntry(keys.chain, prevHash, { ...content, seq, keyId: keys.id }) };
}

/**
 * A running SHA-256 over every stored field of every entry, in chain order. A key rotation records it under the new
 * key, so the entries sealed under the old key (which no process holds any more) stay verifiable: any change to them
 * changes the transcript.
 */
export class ChainTranscript {
  private digest = GENESIS_HASH;

  add(entry: AuditRecord): void {
    const stored = { ...fields(entry), prevHash: entry.prevHash, hash: entry.hash, chainVersion: entry.chainVersion, keyId: entry.keyId };
    this.digest = createHash('sha256').update(`${this.digest}\n${canonicalJson(stored)}`, 'utf8').digest('hex');
  }

  get value(): string {
    return this.digest;
  }
}

export type ChainProblemKind =
  | 'EDITED'
  | 'MISSING'
  | 'BROKEN_LINK'
  | 'TAIL_MISSING'
  | 'HEAD_MISMATCH'
  | 'UNKEYED'
  | 'UNKEYED_HEAD'
  | 'UNKNOWN_KEY'
  | 'CHECKPOINT_INVALID'
  | 'TRUNCATED'
  | 'REWRITTEN';

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

const sameHex = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Walks the chain in order, entry by entry, so a long trail never has to fit in memory. */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private keyed = false;
  private lastVersion: ChainVersion | null = null;
  /** Entries sealed under another key, not (yet) vouched for by a key rotation under ours. */
  private foreign: { first: number; last: number } | null = null;
  private readonly transcript = new ChainTranscript();
  private readonly problems: ChainProblem[] = [];

  constructor(private readonly keys: AuditKeys) {}

  add(entry: AuditRecord): void {
    this.count += 1;
    if (entry.seq !== this.expectedSeq) {
      const last = entry.seq - 1;
      this.report('MISSING', this.expectedSeq, `entries ${this.expectedSeq}${last > this.expectedSeq ? `-${last}` : ''} are missing (deleted)`);
    } else if (entry.prevHash !== this.prevHash) {
      this.report('BROKEN_LINK', entry.seq, `entry ${entry.seq} does not follow entry ${entry.seq - 1}: the earlier entry was changed or replaced`);
    }
    if (entry.chainVersion === 1) this.addUnkeyed(entry);
    else this.addKeyed(entry);
    this.transcript.add(entry);
    this.lastVersion = entry.chainVersion;
    this.expectedSeq = entry.seq + 1;
    this.prevHash = entry.hash;
  }

  private addUnkeyed(entry: AuditRecord): void {
    if (this.keyed) {
      this.report('UNKEYED', entry.seq, `entry ${entry.seq} is not keyed but follows keyed entries: it was written without the key`);
    } else if (hashEntry(entry.prevHash, entry) !== entry.hash) {
      this.report('EDITED', entry.seq, `entry ${entry.seq} was edited after it was written`);
    }
  }

  private addKeyed(entry: AuditRecord): void {
    this.keyed = true;
    if (entry.keyId !== this.keys.id) {
      this.foreign = { first: this.foreign?.first ?? entry.seq, last: entry.seq };
      return;
    }
    if (!sameHex(macEntry(this.keys.chain, entry.prevHash, { ...entry, keyId: entry.keyId }), entry.hash)) {
      this.report('EDITED', entry.seq, `entry ${entry.seq} was edited after it was written, or sealed without the key`);
      return;
    }
    if (entry.action === KEY_ROTATED_ACTION) {
      if (entry.details['transcript'] === this.transcript.value) this.foreign = null;
      else this.report('EDITED', entry.seq, `entries before the key rotation at ${entry.seq} changed after it`);
    }
  }

  finish(head: Pick<AuditHead, 'seq' | 'hash'> | null): ChainVerification {
    const lastSeq = this.expectedSeq - 1;
    if (head && head.seq > lastSeq) {
      this.report('TAIL_MISSING', lastSeq + 1, `entries ${lastSeq + 1}-${head.seq} at the end of the trail are missing (deleted)`);
    } else if ((head?.hash ?? GENESIS_HASH) !== this.prevHash || (head?.seq ?? 0) !== lastSeq) {
      this.report('HEAD_MISMATCH', lastSeq, 'the newest entry is not the one the trail last recorded');
    }
    if (this.foreign) {
      this.report(
        'UNKNOWN_KEY',
        this.foreign.first,
        `entries ${this.foreign.first}-${this.foreign.last} were sealed under a key this process does not hold, and no key rotation vouches for them`,
      );
    }
    if (this.lastVersion === 1) {
      this.report('UNKEYED_HEAD', lastSeq, 'the newest entry is not keyed: keyed entries after it were removed, or no process has written to the trail since the upgrade (start the API once)');
    }
    return { valid: this.problems.length === 0, entries: this.count, problems: this.problems };
  }

  /** Adds a problem found outside the chain walk (a checkpoint the chain does not match). */
  reportExternal(problem: ChainProblem): void {
    this.report(problem.kind, problem.seq, problem.message);
  }

  private report(kind: ChainProblemKind, seq: number, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ kind, seq, message });
  }
}
