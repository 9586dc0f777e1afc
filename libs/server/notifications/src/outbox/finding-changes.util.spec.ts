import fc from 'fast-check';
import type { FindingStatus, Severity } from '@postureboard/domain';
import { criticalFinding } from '../testing/finding-fixture.js';
import { findingChanges } from './finding-changes.util.js';

const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const STATUSES: FindingStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RISK_ACCEPTED', 'RESOLVED'];

describe('findingChanges', () => {
  it('opens a first-stored CRITICAL finding and escalates one that was HIGH, ignoring the rest', () => {
    const fresh = criticalFinding({ fingerprint: 'new' });
    const was = criticalFinding({ fingerprint: 'up', severity: 'HIGH' });
    const high = criticalFinding({ fingerprint: 'high', severity: 'HIGH' });
    const ids = new Map([
      ['new', 'id-new'],
      ['up', was.id],
      ['high', high.id],
    ]);
    const changes = findingChanges([was], [fresh, { ...was, severity: 'CRITICAL' }, high], { ids });
    expect(changes.opened.map((f) => f.id)).toEqual(['id-new']);
    expect(changes.escalated.map((f) => f.id)).toEqual([was.id]);
  });

  it('treats a resolved CRITICAL finding that comes back as opened, and stays quiet for an accepted risk', () => {
    const resolved = criticalFinding({ fingerprint: 'r', status: 'RESOLVED' });
    const accepted = criticalFinding({ fingerprint: 'a', status: 'RISK_ACCEPTED' });
    const ids = new Map([
      ['r', resolved.id],
      ['a', accepted.id],
    ]);
    const changes = findingChanges([resolved, { ...accepted, severity: 'HIGH' }], [{ ...resolved, status: 'OPEN', reopenCount: 1 }, accepted], { ids });
    expect(changes.opened.map((f) => f.id)).toEqual([resolved.id]);
    expect(changes.escalated).toEqual([]);
  });

  it('lists findings that resolve, whatever their severity, and not those resolved before', () => {
    const open = criticalFinding({ fingerprint: 'o', severity: 'LOW' });
    const old = criticalFinding({ fingerprint: 'x', status: 'RESOLVED' });
    const ids = new Map([
      ['o', open.id],
      ['x', old.id],
    ]);
    const changes = findingChanges([open, old], [{ ...open, status: 'RESOLVED' }, old], { ids });
    expect(changes.resolved!.map((f) => f.id)).toEqual([open.id]);
  });

  it('never reports a finding twice, reports only live CRITICAL ones, and reports nothing when nothing changed', () => {
    const finding = fc.record({ severity: fc.constantFrom(...SEVERITIES), status: fc.constantFrom(...STATUSES), written: fc.boolean(), existed: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.tuple(finding, finding), { maxLength: 20 }), (pairs) => {
        const before = pairs.flatMap(([b], i) => (b.existed ? [criticalFinding({ fingerprint: `f${i}`, severity: b.severity, status: b.status })] : []));
        const after = pairs.map(([, a], i) => criticalFinding({ fingerprint: `f${i}`, severity: a.severity, status: a.status }));
        const ids = new Map<string, string>(pairs.flatMap(([, a], i): [string, string][] => (a.written ? [[`f${i}`, `id${i}`]] : [])));
        const changes = findingChanges(before, after, { ids });
        const { opened, escalated } = changes;
        const all = [...opened, ...escalated];
        expect(new Set(all.map((f) => f.fingerprint)).size).toBe(all.length);
        for (const f of changes.resolved ?? []) expect(f.status).toBe('RESOLVED');
        for (const f of all) {
          expect(f.severity).toBe('CRITICAL');
          expect(['OPEN', 'ACKNOWLEDGED']).toContain(f.status);
          expect(ids.get(f.fingerprint)).toBe(f.id);
        }
        // Stored state already holding the change: the same evaluation again reports nothing.
        const stored = after.map((f) => ({ ...f, id: ids.get(f.fingerprint) ?? f.id }));
        expect(findingChanges(stored, after, { ids })).toEqual({ opened: [], escalated: [], resolved: [] });
      }),
    );
  });
});
