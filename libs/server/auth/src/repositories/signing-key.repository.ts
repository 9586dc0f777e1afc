import { Injectable } from '@nestjs/common';
import type { JWK } from 'jose';
import { DataSource } from 'typeorm';
import { type Queryable, rows } from './sql.js';

export interface SigningKeyRecord {
  kid: string;
  algorithm: string;
  publicJwk: JWK;
  privateKeySealed: string;
  createdAt: Date;
  /** When it stopped signing; null for the current key. */
  retiredAt: Date | null;
  /** Until when tokens it signed are still accepted. */
  verifyUntil: Date | null;
}

const COLUMNS = `kid, algorithm, public_jwk AS "publicJwk", private_key_sealed AS "privateKeySealed", created_at AS "createdAt",
  retired_at AS "retiredAt", verify_until AS "verifyUntil"`;

/** Any number stays constant: it names the lock that serializes key rotation across replicas. */
const ROTATION_LOCK = 7_160_001;

/** The keys, read or changed inside one rotation transaction. */
export class SigningKeyStore {
  constructor(private readonly db: Queryable) {}

  list(): Promise<SigningKeyRecord[]> {
    return rows<SigningKeyRecord>(this.db, `SELECT ${COLUMNS} FROM signing_key ORDER BY created_at DESC, kid`);
  }

  async insert(key: Omit<SigningKeyRecord, 'retiredAt' | 'verifyUntil'>): Promise<void> {
    await this.db.query(`INSERT INTO signing_key (kid, algorithm, public_jwk, private_key_sealed, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      key.kid,
      key.algorithm,
      JSON.stringify(key.publicJwk),
      key.privateKeySealed,
      key.createdAt,
    ]);
  }

  async retire(kid: string, at: Date, verifyUntil: Date): Promise<void> {
    await this.db.query(`UPDATE signing_key SET retired_at = $2, verify_until = $3 WHERE kid = $1 AND retired_at IS NULL`, [kid, at, verifyUntil]);
  }
}

@Injectable()
export class SigningKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<SigningKeyRecord[]> {
    return new SigningKeyStore(this.dataSource).list();
  }

  /** Runs `work` in a transaction holding the rotation lock, so two replicas never rotate at once. */
  withRotationLock<T>(work: (store: SigningKeyStore) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK]);
      return work(new SigningKeyStore(tx));
    });
  }
}
