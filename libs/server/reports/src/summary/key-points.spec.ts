import type { BoardReportData } from '../model/board-report-data.js';
import { demoBoardReportData } from '../testing/demo-board-report-data.js';
import { deriveKeyPoints } from './key-points.js';

describe('deriveKeyPoints', () => {
  let demo: BoardReportData;
  beforeAll(async () => {
    demo = await demoBoardReportData('en');
  });

  it('puts leavers using access, bulk extraction and overdue keys first for the demo organisation', () => {
    expect(deriveKeyPoints(demo).map((p) => p.kind)).toEqual(['LEAVER_ACCESS', 'BULK_EXTRACTION', 'ROTATION_OVERDUE']);
  });

  it('carries the facts from the data into the point', () => {
    const [leavers] = deriveKeyPoints(demo);
    expect(leavers).toEqual({
      kind: 'LEAVER_ACCESS',
      leavers: 4,
      usedAfterTermination: 2,
      bytesAfterTermination: 3_310_000_000_000 + 120_000_000 + 0 + 0,
      worstName: 'Jae-won Kim',
      worstDays: 156,
    });
  });

  it('does not raise alarms a healthy organisation does not have', () => {
    const healthy: BoardReportData = {
      ...demo,
      leavers: [],
      crossBorder: { ...demo.crossBorder, byCountry: demo.crossBorder.byCountry.filter((c) => c.approved), offshoreIdentities: [], bulkExtractions: [], bulkExtractionTotals: { count: 0, totalBytes: 0 } },
      rotationSla: demo.rotationSla.map((t) => ({ ...t, overdue: 0, maxDaysOverdue: 0 })),
      topRisks: [],
      posture: { ...demo.posture, overall: { score: 85, band: 'STRONG', change: 1, explanation: null }, domains: demo.posture.domains.map((d) => ({ ...d, band: 'STRONG', score: 85, explanation: null })) },
      budget: { ...demo.budget!, securityToItRatio: 0.12 },
      dataCompleteness: { sources: [], notMeasured: [] },
    };
    const kinds = deriveKeyPoints(healthy).map((p) => p.kind);
    expect(kinds).toEqual(['NO_LEAVER_ACCESS', 'ROTATION_WITHIN_POLICY']);
  });

  it('names a critical finding on its own only when no other point already covers its kind', () => {
    const withReviewCritical: BoardReportData = {
      ...demo,
      topRisks: [{ ...demo.topRisks[0]!, kind: 'ACCESS_REVIEW_OVERDUE', title: 'Review of production access is 90 days late' }, ...demo.topRisks],
    };
    expect(deriveKeyPoints(demo).some((p) => p.kind === 'CRITICAL_FINDINGS')).toBe(false);
    expect(deriveKeyPoints(withReviewCritical, 9)).toContainEqual(
      expect.objectContaining({ kind: 'CRITICAL_FINDINGS', title: 'Review of production access is 90 days late' }),
    );
  });

  it('reports blind spots when a domain is not measured or a source is stale', async () => {
    const data = await demoBoardReportData('en', { detectionNotMeasured: true });
    expect(deriveKeyPoints(data, 9)).toContainEqual({ kind: 'BLIND_SPOTS', notMeasured: ['DETECTION'], staleSources: ['Okta System Log', 'Access reviews'] });
  });
});
