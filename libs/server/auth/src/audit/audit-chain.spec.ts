import type { AuditRecord } from '../repositories/audit-log.repository.js';
import { canonicalJson, ChainVerifier, GENESIS_HASH, hashEntry, sealEntry } from './audit-chain.js';

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
  for (let i = 1; i <= length; i++) entries.push(sealEntry(entries.at(-1) ?? null, content(i)));
  return entries;
};

const verify = (entries: AuditRecord[], head = entries.at(-1) ? { seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash } : null) => {
  const verifier = new ChainVerifier();
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
    const forged = [entries[0]!, entries[1]!, sealEntry(entries[1]!, { ...content(3), target: 'forged' })];
    expect(verify(forged, { seq: 3, hash: entries[2]!.hash }).problems.map((p) => p.kind)).toEqual(['HEAD_MISMATCH']);
  });
});
