import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppConfig, ConfigError } from '../config/app-config.js';

/**
 * Encrypts small secrets at rest (signing keys, connector credentials) with AES-256-GCM under the
 * product's master key. Sealed values look like `v1.<base64url(iv | tag | ciphertext)>`; the optional
 * context (e.g. "signing-key:<kid>") is bound as additional authenticated data, so a sealed value copied
 * into another row does not open there.
 */
export class SecretBox {
  private static readonly VERSION = 'v1';

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  /** The key from POSTUREBOARD_SECRET_KEY, else the one kept in `<POSTUREBOARD_DATA_DIR>/secret.key`. */
  static fromConfig(config: SecretKeyConfig): SecretBox {
    return new SecretBox(loadSecretKey(config));
  }

  seal(plaintext: string | Buffer, context = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return `${SecretBox.VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
  }

  /** Throws SecretBoxError when the key is wrong, the context differs or the value was tampered with. */
  open(sealed: string, context = ''): Buffer {
    const [version, body] = sealed.split('.', 2);
    if (version !== SecretBox.VERSION || !body) throw new SecretBoxError('not a sealed value');
    const raw = Buffer.from(body, 'base64url');
    if (raw.length < 28) throw new SecretBoxError('sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    } catch {
      throw new SecretBoxError('cannot decrypt: wrong POSTUREBOARD_SECRET_KEY, wrong context or tampered value');
    }
  }

  openText(sealed: string, context = ''): string {
    return this.open(sealed, context).toString('utf8');
  }
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export type SecretKeyConfig = Pick<AppConfig, 'POSTUREBOARD_SECRET_KEY' | 'POSTUREBOARD_DATA_DIR' | 'DATABASE_URL' | 'NODE_ENV'>;

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The master key. A generated key file is only safe for one machine: in production on a shared
 * PostgreSQL every replica must decrypt the same rows, so there the key has to come from the environment.
 */
export function loadSecretKey(config: SecretKeyConfig): Buffer {
  if (config.POSTUREBOARD_SECRET_KEY) return Buffer.from(config.POSTUREBOARD_SECRET_KEY, 'base64');
  if (config.NODE_ENV === 'production' && config.DATABASE_URL) {
    throw new ConfigError(['POSTUREBOARD_SECRET_KEY: required in production with DATABASE_URL, so every replica shares it (openssl rand -base64 32)']);
  }
  const file = join(config.POSTUREBOARD_DATA_DIR, SECRET_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing) return existing;
  mkdirSync(config.POSTUREBOARD_DATA_DIR, { recursive: true });
  try {
    // `wx` fails when another process created the file first; then we read theirs.
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const created = readKeyFile(file);
  if (!created) throw new ConfigError([`POSTUREBOARD_SECRET_KEY: ${file} does not hold 32 bytes in base64`]);
  return created;
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new ConfigError([`POSTUREBOARD_SECRET_KEY: ${file} does not hold 32 bytes in base64`]);
  // Someone may have copied the file with a permissive umask: tighten it rather than refuse to start.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return key;
}
