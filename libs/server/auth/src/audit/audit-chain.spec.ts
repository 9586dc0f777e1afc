import type { AuditRecord } from '../repositories/audit-log.repository.js';
import { canonicalJson, ChainTranscript, ChainVerifier, GENESIS_HASH, hashEntry, KEY_ROTATED_ACTION, sealEntry } from './audit-chain.js';
import { deriveAuditKeys } from './audit-key.js';

const keys = deriveAuditKeys(Buffer.alloc(32, 5));

const content = (n: number) => ({
  occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, n)),
  actorType: 'USER' as const,
  actorId: 'u1',
  actor: 'ciso@acme.test',
  organizationId: 'o1',
  action: 'report.exported',
  target: `report-${n}`,
  outcome: 'SUCCESS' as const,
  details: { format: 'pdf', pages: n },
});

const chain = (length: number): AuditRecord[] => {
  const entries: AuditRecord[] = [];
  for (let i = 1; i <= length; i++) entries.push(sealEntry(entries.at(-1) ?? null, content(i), keys));
  return entries;
};

const verify = (entries: AuditRecord[], head = entries.at(-1) ? { seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash } : null) => {
  const verifier = new ChainVerifier(keys);
  entries.forEach((e) => verifier.add(e));
  return verifier.finish(head);
};

describe('audit chain', () => {
  it('links each entry to the previous one, starting from the genesis hash', () => {
    const [first, second] = chain(2);
    expect(first!.seq).toBe(1);
    expect(first!.prevHash).toBe(GENESIS_HASH);
    expect(second!.prevHash).toBe(first!.hash);
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the same content the same way whatever the key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    const a = hashEntry(GENESIS_HASH, { ...content(1), seq: 1, details: { x: 1, y: 2 } });
    const b = hashEntry(GENESIS_HASH, { ...content(1), seq: 1, details: { y: 2, x: 1 } });
    expect(a).toBe(b);
  });

  it('accepts an intact chain, including an empty one', () => {
    expect(verify(chain(4))).toEqual({ valid: true, entries: 4, problems: [] });
    expect(verify([], null)).toEqual({ valid: true, entries: 0, problems: [] });
  });

  it('reports an edited field as EDITED at that entry', () => {
    const entries = chain(4);
    entries[1] = { ...entries[1]!, actor: 'someone-else@acme.test' };
    expect(verify(entries).problems).toEqual([expect.objectContaining({ kind: 'EDITED', seq: 2 })]);
  });

  it('reports a removed entry as MISSING', () => {
    const entries = chain(4);
    entries.splice(1, 1);
    expect(verify(entries).problems.map((p) => [p.kind, p.seq])).toEqual([['MISSING', 2]]);
  });

  it('reports entries removed from the end against the recorded head', () => {
    const entries = chain(4);
    const head = { seq: 4, hash: entries[3]!.hash };
    expect(verify(entries.slice(0, 2), head).problems.map((p) => [p.kind, p.seq])).toEqual([['TAIL_MISSING', 3]]);
  });

  it('reports a rewritten chain whose head no longer matches', () => {
    const entries = chain(3);
    const forged = [entries[0]!, entries[1]!, sealEntry(entries[1]!, { ...content(3), target: 'forged' }, keys)];
    expect(verify(forged, { seq: 3, hash: entries[2]!.hash }).problems.map((p) => p.kind)).toEqual(['HEAD_MISMATCH']);
  });

  describe('keyed (version 2) after an unkeyed prefix (version 1)', () => {
    /** Entries as written before the keyed chain: SHA-256 anyone can recompute. */
    const unkeyed = (length: number): AuditRecord[] => {
      const entries: AuditRecord[] = [];
      for (let i = 1; i <= length; i++) {
        const prevHash = entries.at(-1)?.hash ?? GENESIS_HASH;
        entries.push({ ...content(i), seq: i, prevHash, hash: hashEntry(prevHash, { ...content(i), seq: i }), chainVersion: 1, keyId: null });
      }
      return entries;
    };
    const extend = (entries: AuditRecord[], length: number, k = keys): AuditRecord[] => {
      const out = [...entries];
      for (let i = 0; i < length; i++) out.push(sealEntry(out.at(-1) ?? null, content(out.length + 1), k));
      return out;
    };

    it('verifies an upgraded trail: the unkeyed prefix by recomputation, the rest by MAC', () => {
      const entries = extend(unkeyed(3), 2);
      expect(entries.map((e) => e.chainVersion)).toEqual([1, 1, 1, 2, 2]);
      expect(entries[3]!.keyId).toBe(keys.id);
      expect(verify(entries)).toEqual({ valid: true, entries: 5, problems: [] });
    });

    it('detects keyed entries re-hashed with the unkeyed hash, and a trail cut back to its unkeyed prefix', () => {
      const entries = extend(unkeyed(2), 3);
      // An attacker edits entry 4 and rewrites 4-5 the only way they can: as unkeyed entries.
      const forged = unkeyed(5).map((e, i) => (i < 3 ? entries[i]! : e));
      expect(verify(forged).problems.map((p) => p.kind)).toContain('BROKEN_LINK');
      const relinked: AuditRecord[] = entries.slice(0, 3);
      for (let i = 4; i <= 5; i++) {
        const prevHash = relinked.at(-1)!.hash;
        const c = { ...content(i), target: 'forged' };
        relinked.push({ ...c, seq: i, prevHash, hash: hashEntry(prevHash, { ...c, seq: i }), chainVersion: 1, keyId: null });
      }
      expect(verify(relinked).problems.map((p) => [p.kind, p.seq])).toEqual([
        ['UNKEYED', 4],
        ['UNKEYED', 5],
        ['UNKEYED_HEAD', 5],
      ]);
      expect(verify(entries.slice(0, 2)).problems.map((p) => p.kind)).toEqual(['UNKEYED_HEAD']);
    });

    it('refuses entries sealed under another key (a forger with their own key, or the product’s key derivation without ours)', () => {
      const other = deriveAuditKeys(Buffer.alloc(32, 6));
      const entries = extend(extend([], 2), 2, { ...other, id: keys.id });
      expect(verify(entries).problems.map((p) => [p.kind, p.seq])).toEqual([
        ['EDITED', 3],
        ['EDITED', 4],
      ]);
      expect(verify(extend(extend([], 2), 1, other)).problems.map((p) => p.kind)).toEqual(['UNKNOWN_KEY']);
    });

    it('keeps entries of a rotated-out key verifiable through the rotation entry’s transcript, and detects a change to them', () => {
      const old = deriveAuditKeys(Buffer.alloc(32, 8));
      const before = extend(unkeyed(1), 3, old);
      const transcript = new ChainTranscript();
      before.forEach((e) => transcript.add(e));
      const rotation = sealEntry(before.at(-1)!, { ...content(5), action: KEY_ROTATED_ACTION, details: { transcript: transcript.value } }, keys);
      const entries = extend([...before, rotation], 2);
      expect(verify(entries)).toEqual({ valid: true, entries: 7, problems: [] });
      const edited = entries.map((e) => (e.seq === 3 ? { ...e, target: 'forged' } : e));
      expect(verify(edited).problems.map((p) => [p.kind, p.seq])).toEqual([
        ['EDITED', 5],
        ['UNKNOWN_KEY', 2],
      ]);
    });
  });
});
