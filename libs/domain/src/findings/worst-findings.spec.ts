import type { Severity } from '../model/enums.js';
import { worstFindings } from './worst-findings.js';

const finding = (id: string, severity: Severity, detected: string) => ({ id, severity, firstDetectedAt: new Date(`${detected}T00:00:00Z`) });

describe('worstFindings', () => {
  it('keeps the most severe first, then the longest open, as a full sort would', () => {
    const findings = [
      finding('low-old', 'LOW', '2020-01-01'),
      finding('high-new', 'HIGH', '2025-06-01'),
      finding('critical-new', 'CRITICAL', '2025-10-01'),
      finding('high-old', 'HIGH', '2024-01-01'),
      finding('critical-old', 'CRITICAL', '2023-01-01'),
      finding('medium', 'MEDIUM', '2021-01-01'),
    ];
    expect(worstFindings(findings, 3).map((f) => f.id)).toEqual(['critical-old', 'critical-new', 'high-old']);
    expect(worstFindings(findings, 10).map((f) => f.id)).toEqual(['critical-old', 'critical-new', 'high-old', 'high-new', 'medium', 'low-old']);
    expect(worstFindings(findings, 0)).toEqual([]);
  });

  it('agrees with sorting everything on a large shuffled list, ties kept in their order', () => {
    const severities: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
    // 5,000 findings over 4 severities and 50 days: many exact ties.
    const findings = Array.from({ length: 5000 }, (_, i) => ({ id: `f${i}`, severity: severities[(i * 7) % 4]!, firstDetectedAt: new Date(Date.UTC(2025, 0, 1 + ((i * 13) % 50))).toISOString() }));
    const rank = (s: Severity) => severities.indexOf(s);
    const sorted = [...findings].sort((a, b) => rank(a.severity) - rank(b.severity) || Date.parse(a.firstDetectedAt) - Date.parse(b.firstDetectedAt));
    expect(worstFindings(findings, 25)).toEqual(sorted.slice(0, 25));
  });

  it('ranks a finding whose start is unknown after the known ones of its severity, before any less severe', () => {
    const findings = [
      { id: 'high-unknown', severity: 'HIGH' as Severity, firstDetectedAt: null },
      finding('medium-old', 'MEDIUM', '2020-01-01'),
      finding('high-new', 'HIGH', '2025-06-01'),
      { id: 'high-unknown-2', severity: 'HIGH' as Severity, firstDetectedAt: null },
    ];
    expect(worstFindings(findings, 4).map((f) => f.id)).toEqual(['high-new', 'high-unknown', 'high-unknown-2', 'medium-old']);
  });
});
