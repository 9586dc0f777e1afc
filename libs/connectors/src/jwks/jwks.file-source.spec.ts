import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectedRecord } from '../core/observation.js';
import { jwksFileSource } from './jwks.file-source.js';

const samples = '/work/shared/samples/jwks-x509';
const context = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

async function collect(path: string): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of jwksFileSource.collectFile(path, context)) out.push(record);
  return out;
}

describe('jwksFileSource', () => {
  it('ingests every key of every sample in the folder, each located by file and key index', async () => {
    const records = await collect(samples);
    expect(records.every((record) => record.accepted)).toBe(true);
    expect(records.map((record) => [record.location.source.split('/').pop(), record.location.record])).toEqual([
      ['microsoft_entra_common_discovery_keys_snapshot.json', 0],
      ['microsoft_entra_common_discovery_keys_snapshot.json', 1],
      ['rfc7517_A1_example_public_keys.json', 0],
      ['rfc7517_A1_example_public_keys.json', 1],
      ['rfc7517_B_x5c_example.json', undefined],
    ]);
  });

  it('rejects a bad key with its index and field while the other keys land', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-jwks-'));
    const path = join(dir, 'keys.json');
    writeFileSync(path, JSON.stringify({ keys: [{ kty: 'EC', kid: 'bad', crv: 'P-256', x: 'AA' }, { kty: 'OKP', kid: 'ed', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }] }));
    const records = await collect(path);
    expect(records[0]).toEqual({ accepted: false, location: { source: path, record: 0, field: 'y' }, reason: 'missing required EC key member y' });
    expect(records[1]).toMatchObject({ accepted: true, observation: { externalId: 'ed', algorithm: 'Ed25519' } });
  });

  it('rejects an invalid JSON file with the line of the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-jwks-'));
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{\n  "keys": [\n    {"kty": "RSA",}\n  ]\n}\n');
    expect(await collect(path)).toEqual([
      { accepted: false, location: { source: path, line: 3 }, reason: expect.stringMatching(/^invalid JSON at line 3, column 19 \(position 32\): Expected double-quoted property name$/) },
    ]);
  });
});
