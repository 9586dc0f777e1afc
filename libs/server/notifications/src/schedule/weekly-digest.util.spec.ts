import { weeklyDigest, type DigestFinding } from './weekly-digest.util.js';

const asOf = new Date('2026-03-02T00:00:00Z');
const day = (d: number) => new Date(asOf.getTime() + d * 86_400_000);
const finding = (id: string, overrides: Partial<DigestFinding>): DigestFinding => ({
  id,
  kind: 'KEY_NO_OWNER',
  title: `finding ${id}`,
  params: null,
  severity: 'HIGH',
  status: 'OPEN',
  firstDetectedAt: day(-30),
  resolvedAt: null,
  dueAt: day(10),
  ...overrides,
});

describe('weeklyDigest', () => {
  it('counts the week’s new and resolved findings and SLA breaches, and lists the worst open ones first', () => {
    const digest = weeklyDigest(
      {
        asOf,
        score: 71.4,
        previousScore: 75.5,
        findings: [
          finding('new-critical', { severity: 'CRITICAL', firstDetectedAt: day(-1), dueAt: day(1) }),
          finding('old-overdue', { dueAt: day(-3) }),
          finding('resolved', { status: 'RESOLVED', resolvedAt: day(-2) }),
          finding('resolved-long-ago', { status: 'RESOLVED', resolvedAt: day(-20) }),
          finding('accepted-overdue', { status: 'RISK_ACCEPTED', dueAt: day(-5) }),
          finding('exactly-a-week-ago', { firstDetectedAt: day(-7), severity: 'LOW' }),
        ],
      },
    );
    // 71.4 − 75.5 = −4.1
    expect(digest).toMatchObject({ asOf: '2026-03-02T00:00:00.000Z', score: 71.4, scoreChange: -4.1, newFindings: 1, resolvedFindings: 1, slaBreaches: 1 });
    expect(digest.topRisks.map((r) => r.title)).toEqual(['finding new-critical', 'finding old-overdue', 'finding exactly-a-week-ago']);
    expect(digest.topRisks[0]!.findingId).toBe('new-critical');
  });

  it('has no change without the snapshot of the week before', () => {
    expect(weeklyDigest({ asOf, score: 80, previousScore: null, findings: [] })).toMatchObject({ score: 80, scoreChange: null, topRisks: [] });
  });
});
