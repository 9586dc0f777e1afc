import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson, type ChainProblem } from './audit-chain.js';
import type { AuditKeys } from './audit-key.js';

export const CHECKPOINT_FORMAT = 'postureboard-audit-checkpoint/1';

/**
 * The head of the audit trail at one moment, signed with a key the database never holds. Kept outside the
 * database (a file, the board report's appendix), it is what truncation is detected against: someone with write
 * access can delete the newest entries and move `audit_head` so the remaining chain is consistent, but the
 * entry a checkpoint names will then be missing or different.
 */
export interface AuditCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  /** The organization it was taken for (its slug), or null for the whole installation. One chain links every organization. */
  organization: string | null;
  seq: number;
  hash: string;
  takenAt: string;
  keyId: string;
  /** HMAC-SHA256 over the fields above, under the checkpoint key. */
  mac: string;
}

type Signed = Omit<AuditCheckpoint, 'mac'>;

const macOf = (keys: AuditKeys, signed: Signed): string =>
  createHmac('sha256', keys.checkpoint)
    .update(canonicalJson({ format: signed.format, organization: signed.organization, seq: signed.seq, hash: signed.hash, takenAt: signed.takenAt, keyId: signed.keyId }))
    .digest('hex');

export function signCheckpoint(keys: AuditKeys, head: { seq: number; hash: string }, organization: string | null, takenAt: Date): AuditCheckpoint {
  const signed: Signed = { format: CHECKPOINT_FORMAT, organization, seq: head.seq, hash: head.hash, takenAt: takenAt.toISOString(), keyId: keys.id };
  return { ...signed, mac: macOf(keys, signed) };
}

export class CheckpointFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointFormatError';
  }
}

/** Reads a checkpoint file's text; a clear error naming the source when it is not one. */
export function parseCheckpoint(text: string, source: string): AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckpointFormatError(`${source}: not JSON`);
  }
  const c = value as Partial<Record<keyof AuditCheckpoint, unknown>>;
  const problems = [
    c.format !== CHECKPOINT_FORMAT && `format must be "${CHECKPOINT_FORMAT}"`,
    !(c.organization === null || typeof c.organization === 'string') && 'organization must be a slug or null',
    !(typeof c.seq === 'number' && Number.isSafeInteger(c.seq) && c.seq >= 0) && 'seq must be a whole number',
    !(typeof c.hash === 'string' && /^[0-9a-f]{64}$/.test(c.hash)) && 'hash must be 64 hex digits',
    !(typeof c.takenAt === 'string' && !Number.isNaN(Date.parse(c.takenAt))) && 'takenAt must be a time',
    typeof c.keyId !== 'string' && 'keyId is missing',
    !(typeof c.mac === 'string' && /^[0-9a-f]{64}$/.test(c.mac)) && 'mac must be 64 hex digits',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw new CheckpointFormatError(`${source}: not an audit checkpoint (${problems.join('; ')})`);
  return c as AuditCheckpoint;
}

/**
 * What the trail as stored says against a checkpoint: its signature, then whether the entry it names is still
 * there unchanged. `entryAt` reads the stored entry of that sequence number (null when absent).
 */
export function checkCheckpoint(
  keys: AuditKeys,
  checkpoint: AuditCheckpoint,
  head: { seq: number } | null,
  entryAt: { seq: number; hash: string } | null,
): ChainProblem[] {
  const { seq, takenAt } = checkpoint;
  if (checkpoint.keyId !== keys.id) {
    return [{ kind: 'CHECKPOINT_INVALID', seq, message: `the checkpoint of ${takenAt} was signed under another master key (${checkpoint.keyId}); verify it with that key` }];
  }
  const expected = Buffer.from(macOf(keys, checkpoint), 'utf8');
  if (!timingSafeEqual(expected, Buffer.from(checkpoint.mac.padEnd(expected.length).slice(0, expected.length), 'utf8'))) {
    return [{ kind: 'CHECKPOINT_INVALID', seq, message: `the checkpoint of ${takenAt} does not carry a valid signature: it was edited or not made by this installation` }];
  }
  if (seq === 0) return [];
  if ((head?.seq ?? 0) < seq || !entryAt) {
    return [
      {
        kind: 'TRUNCATED',
        seq,
        message: `the checkpoint of ${takenAt} recorded entry ${seq}, but the trail ${entryAt ? `ends at ${head?.seq ?? 0}` : `has no entry ${seq}`}: entries were removed`,
      },
    ];
  }
  if (entryAt.hash !== checkpoint.hash) {
    return [{ kind: 'REWRITTEN', seq, message: `entry ${seq} is not the one the checkpoint of ${takenAt} recorded: the trail was rewritten` }];
  }
  return [];
}
