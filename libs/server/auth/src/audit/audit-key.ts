import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The audit trail's keys, derived (HKDF-SHA256) from the master key (POSTUREBOARD_SECRET_KEY or its key file),
 * so they are never stored in the database: someone who can write the database but not read the API's
 * environment cannot seal an entry or sign a checkpoint. Two keys, one per use, so a checkpoint MAC can never
 * pass for an entry's link.
 */
export interface AuditKeys {
  /** Seals each entry: HMAC-SHA256 over the previous link and the entry's fields. */
  readonly chain: Buffer;
  /** Signs checkpoints exported outside the database. */
  readonly checkpoint: Buffer;
  /** A public name for the master key (recorded with each keyed entry): which key a verifier needs. */
  readonly id: string;
}

const SALT = Buffer.from('postureboard audit trail', 'utf8');

const derive = (master: Buffer, info: string): Buffer => Buffer.from(hkdfSync('sha256', master, SALT, Buffer.from(info, 'utf8'), 32));

export function deriveAuditKeys(master: Buffer): AuditKeys {
  const chain = derive(master, 'audit-chain v2');
  return {
    chain,
    checkpoint: derive(master, 'audit-checkpoint v1'),
    id: createHmac('sha256', derive(master, 'audit-key-id v1')).update('key id').digest('hex').slice(0, 16),
  };
}
