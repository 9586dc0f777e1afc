import type { FindingActor } from '../model/finding.model.js';
import { applyStatusChange } from './apply-status-change.js';
import { FindingLifecycleError, FindingLifecycleErrorCode } from './finding-lifecycle.error.js';
import { aFinding } from './lifecycle.fixture.js';

const asOf = new Date('2025-07-07T10:00:00Z');
const ciso: FindingActor = { type: 'USER', id: 'u-1', name: 'CISO' };
const open = aFinding('k1', new Date('2025-07-01T00:00:00Z'));

const codeOf = (action: () => unknown): FindingLifecycleErrorCode | undefined => {
  try {
    action();
  } catch (error) {
    if (error instanceof FindingLifecycleError) return error.code;
    throw error;
  }
  return undefined;
};

describe('applyStatusChange', () => {
  it('acknowledges an open finding and returns who did it, when, from and to', () => {
    const { finding, history } = applyStatusChange(open, { to: 'ACKNOWLEDGED', reason: ' looking into it ' }, ciso, asOf);
    expect(finding.status).toBe('ACKNOWLEDGED');
    expect(history).toEqual({ fingerprint: open.fingerprint, from: 'OPEN', to: 'ACKNOWLEDGED', actor: ciso, at: asOf, reason: 'looking into it', riskAcceptedUntil: null, falsePositiveUntil: null });
    expect(open.status).toBe('OPEN');
  });

  it('accepts a risk only with a reason and a future expiry', () => {
    const acknowledged = { ...open, status: 'ACKNOWLEDGED' as const };
    const until = new Date('2025-10-01T00:00:00Z');
    expect(codeOf(() => applyStatusChange(acknowledged, { to: 'RISK_ACCEPTED', riskAcceptedUntil: until }, ciso, asOf))).toBe(FindingLifecycleErrorCode.REASON_REQUIRED);
    expect(codeOf(() => applyStatusChange(acknowledged, { to: 'RISK_ACCEPTED', reason: '   ', riskAcceptedUntil: until }, ciso, asOf))).toBe(FindingLifecycleErrorCode.REASON_REQUIRED);
    expect(codeOf(() => applyStatusChange(acknowledged, { to: 'RISK_ACCEPTED', reason: 'vendor fix in Q3' }, ciso, asOf))).toBe(FindingLifecycleErrorCode.EXPIRY_REQUIRED);
    expect(codeOf(() => applyStatusChange(acknowledged, { to: 'RISK_ACCEPTED', reason: 'vendor fix in Q3', riskAcceptedUntil: asOf }, ciso, asOf))).toBe(
      FindingLifecycleErrorCode.EXPIRY_NOT_IN_FUTURE,
    );
    const { finding, history } = applyStatusChange(acknowledged, { to: 'RISK_ACCEPTED', reason: 'vendor fix in Q3', riskAcceptedUntil: until }, ciso, asOf);
    expect(finding).toMatchObject({ status: 'RISK_ACCEPTED', riskAcceptedUntil: until, riskAcceptanceReason: 'vendor fix in Q3' });
    expect(history).toMatchObject({ from: 'ACKNOWLEDGED', to: 'RISK_ACCEPTED', riskAcceptedUntil: until });
  });

  it('resolves with a timestamp, and a reopen clears it', () => {
    const { finding: resolved } = applyStatusChange(open, { to: 'RESOLVED' }, ciso, asOf);
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedAt: asOf });
    expect(applyStatusChange(resolved, { to: 'OPEN', reason: 'not actually fixed' }, ciso, asOf).finding).toMatchObject({ status: 'OPEN', resolvedAt: null });
  });

  it('refuses transitions outside the lifecycle with INVALID_TRANSITION', () => {
    const resolved = { ...open, status: 'RESOLVED' as const };
    expect(codeOf(() => applyStatusChange(resolved, { to: 'ACKNOWLEDGED' }, ciso, asOf))).toBe(FindingLifecycleErrorCode.INVALID_TRANSITION);
    expect(codeOf(() => applyStatusChange(open, { to: 'OPEN' }, ciso, asOf))).toBe(FindingLifecycleErrorCode.INVALID_TRANSITION);
    expect(codeOf(() => applyStatusChange({ ...open, status: 'ACKNOWLEDGED' }, { to: 'OPEN' }, ciso, asOf))).toBe(FindingLifecycleErrorCode.INVALID_TRANSITION);
  });
});
