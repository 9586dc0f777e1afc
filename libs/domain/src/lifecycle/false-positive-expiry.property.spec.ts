import fc from 'fast-check';
import { addDays } from '../model/date.util.js';
import { computePostureScore } from '../scoring/posture-score.js';
import { aCredential, aPostureInput } from '../testing/posture-input.builder.js';
import { applyStatusChange } from './apply-status-change.js';
import { FindingLifecycleError } from './finding-lifecycle.error.js';
import { aFinding, aFindingCandidate } from './lifecycle.fixture.js';
import { reconcileFindings } from './reconcile-findings.js';

const EPOCH = new Date('2025-01-01T00:00:00Z');
const at = (hours: number): Date => new Date(EPOCH.getTime() + hours * 3_600_000);
const analyst = { type: 'USER' as const, id: 'u1', name: 'kim@example.com' };

describe('false-positive expiry (property)', () => {
  it('a false positive stays one while still detected before its expiry, and reopens (not a recurrence) from the expiry on', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 24 * 365 }),
        fc.integer({ min: 1, max: 24 * 365 }),
        fc.integer({ min: 0, max: 24 * 800 }),
        fc.constantFrom('OPEN' as const, 'ACKNOWLEDGED' as const, 'RISK_ACCEPTED' as const),
        (markedAt, validFor, evaluatedAfterMark, from) => {
          const start = aFinding('k1', EPOCH, { status: from, riskAcceptedUntil: from === 'RISK_ACCEPTED' ? at(markedAt + 1) : null });
          const until = at(markedAt + validFor);
          const marked = applyStatusChange(start, { to: 'FALSE_POSITIVE', reason: 'test key', falsePositiveUntil: until }, analyst, at(markedAt)).finding;
          const asOf = at(markedAt + evaluatedAfterMark);
          const result = reconcileFindings([marked], [aFindingCandidate('k1', asOf)], asOf);
          const after = result.findings[0]!;
          if (asOf.getTime() >= until.getTime()) {
            expect(after).toMatchObject({ status: 'OPEN', falsePositiveUntil: null, falsePositiveReason: null, reopenCount: 0 });
            expect(result.changes).toEqual([{ fingerprint: marked.fingerprint, change: 'FALSE_POSITIVE_EXPIRED' }]);
            expect(result.history).toEqual([expect.objectContaining({ from: 'FALSE_POSITIVE', to: 'OPEN', actor: expect.objectContaining({ type: 'SYSTEM' }), at: asOf })]);
          } else {
            expect(after).toMatchObject({ status: 'FALSE_POSITIVE', falsePositiveUntil: until, falsePositiveReason: 'test key' });
            expect(result.history).toEqual([]);
          }
        },
      ),
    );
  });

  it('a false positive no longer detected is resolved by the system, expired or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 * 365 }), fc.integer({ min: 0, max: 24 * 800 }), (validFor, evaluatedAfter) => {
        const marked = applyStatusChange(aFinding('k1', EPOCH), { to: 'FALSE_POSITIVE', reason: 'r', falsePositiveUntil: at(validFor) }, analyst, EPOCH).finding;
        const result = reconcileFindings([marked], [], at(evaluatedAfter));
        expect(result.findings[0]).toMatchObject({ status: 'RESOLVED' });
      }),
    );
  });

  it('marking a false positive needs a reason and an expiry after now', () => {
    fc.assert(
      fc.property(fc.integer({ min: -24 * 30, max: 24 * 30 }), fc.constantFrom('', '  ', 'benign'), (expiresIn, reason) => {
        const change = () => applyStatusChange(aFinding('k1', EPOCH), { to: 'FALSE_POSITIVE', reason, falsePositiveUntil: at(expiresIn) }, analyst, EPOCH);
        if (reason.trim() !== '' && expiresIn > 0) expect(change().finding.status).toBe('FALSE_POSITIVE');
        else expect(change).toThrow(FindingLifecycleError);
      }),
    );
  });

  it('a false positive gives its credit back to the score; an accepted risk does not', () => {
    fc.assert(
      fc.property(fc.constantFrom('OPEN' as const, 'ACKNOWLEDGED' as const, 'RISK_ACCEPTED' as const, 'FALSE_POSITIVE' as const, 'RESOLVED' as const), (status) => {
        const input = aPostureInput({ credentials: [aCredential({ id: 'k1' })] });
        const asOf = addDays(EPOCH, 1);
        const critical = aFinding('k1', EPOCH, { severity: 'CRITICAL', status });
        const withFinding = computePostureScore(input, [critical], asOf).domains.find((d) => d.domain === 'KEY_MANAGEMENT')!;
        const without = computePostureScore(input, [], asOf).domains.find((d) => d.domain === 'KEY_MANAGEMENT')!;
        const counted = status !== 'RESOLVED' && status !== 'FALSE_POSITIVE';
        expect(withFinding.findingCounts.CRITICAL).toBe(counted ? 1 : 0);
        expect(without.score).not.toBeNull();
        expect(withFinding.score === without.score).toBe(!counted);
      }),
    );
  });
});
