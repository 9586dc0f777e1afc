import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/app-config.js';
import { loadSecretKey, SECRET_KEY_FILE, SecretBox, SecretBoxError } from './secret-box.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'pb-secret-'));
const config = (dir: string, extra: Partial<Parameters<typeof loadSecretKey>[0]> = {}) => ({
  POSTUREBOARD_DATA_DIR: dir,
  NODE_ENV: 'development' as const,
  ...extra,
});

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 1));

  it('opens what it sealed, and never stores the plaintext', () => {
    const sealed = box.seal('private key material', 'signing-key:k1');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('private key material');
    expect(box.openText(sealed, 'signing-key:k1')).toBe('private key material');
  });

  it('refuses a value sealed for another context', () => {
    const sealed = box.seal('secret', 'signing-key:k1');
    expect(() => box.open(sealed, 'signing-key:k2')).toThrow(SecretBoxError);
  });

  it('refuses a tampered value and a wrong key', () => {
    const sealed = box.seal('secret');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => box.open(`v1.${raw.toString('base64url')}`)).toThrow(SecretBoxError);
    expect(() => new SecretBox(Buffer.alloc(32, 2)).open(sealed)).toThrow(/wrong POSTUREBOARD_SECRET_KEY/);
  });
});

describe('loadSecretKey', () => {
  it('uses POSTUREBOARD_SECRET_KEY when set and writes no file', () => {
    const dir = dataDir();
    const key = Buffer.alloc(32, 9);
    expect(loadSecretKey(config(dir, { POSTUREBOARD_SECRET_KEY: key.toString('base64') }))).toEqual(key);
    expect(() => statSync(join(dir, SECRET_KEY_FILE))).toThrow();
  });

  it('generates the key once into the data directory with mode 0600 and reuses it', () => {
    const dir = dataDir();
    const first = loadSecretKey(config(dir));
    expect(first).toHaveLength(32);
    expect(statSync(join(dir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(config(dir))).toEqual(first);
  });

  it('refuses to invent a per-machine key in production on a shared database', () => {
    expect(() => loadSecretKey(config(dataDir(), { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/pb' }))).toThrow(ConfigError);
  });

  it('rejects a key file that does not hold 32 bytes, without echoing it', () => {
    const dir = dataDir();
    writeFileSync(join(dir, SECRET_KEY_FILE), 'c2hvcnQ=');
    expect(() => loadSecretKey(config(dir))).toThrow(/does not hold 32 bytes/);
    expect(() => loadSecretKey(config(dir))).not.toThrow(/c2hvcnQ/);
    expect(readFileSync(join(dir, SECRET_KEY_FILE), 'utf8')).toBe('c2hvcnQ=');
  });
});
