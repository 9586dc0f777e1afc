import fc from 'fast-check';
import { evaluateFindings } from '../findings/evaluate-findings.js';
import { aCredential, anAccount, aPostureInput } from '../testing/posture-input.builder.js';
import { credentialStatusAt, isAccountActiveAt, isAccountResidualAt, isCredentialActiveAt } from './as-of.util.js';
import { addDays } from './date.util.js';
import type { Credential } from './credential.model.js';

const EPOCH = new Date('2020-01-01T00:00:00Z');
const dayArb = fc.integer({ min: 0, max: 2000 });
const optionalDay = fc.option(dayArb, { nil: null });
const at = (day: number): Date => addDays(EPOCH, day);

/** Any interval a source can describe: a start (or none), an end (or none), a stored status and deactivation. */
const credentialArb = fc
  .record({
    created: optionalDay,
    firstSeen: dayArb,
    expires: optionalDay,
    status: fc.constantFrom('ACTIVE' as const, 'INACTIVE' as const, 'REVOKED' as const),
    deactivated: optionalDay,
  })
  .map(
    ({ created, firstSeen, expires, status, deactivated }): Credential =>
      aCredential({
        id: 'c',
        createdAt: created === null ? null : at(created),
        firstSeenAt: at(firstSeen),
        expiresAt: expires === null ? null : at(expires),
        status,
        deactivatedAt: status === 'ACTIVE' || deactivated === null ? null : at(deactivated),
      }),
  );

describe('validity intervals (property-based)', () => {
  it('a credential is active exactly inside [valid from, valid to) and before its deactivation', () => {
    fc.assert(
      fc.property(credentialArb, dayArb, (credential, day) => {
        const asOf = at(day);
        const from = credential.createdAt ?? credential.firstSeenAt;
        const inside = from <= asOf && (credential.expiresAt === null || asOf < credential.expiresAt);
        const notDeactivated = credential.status === 'ACTIVE' || (credential.deactivatedAt !== null && asOf < credential.deactivatedAt);
        expect(isCredentialActiveAt(credential, asOf)).toBe(inside && notDeactivated);
      }),
    );
  });

  it('the derived status is ACTIVE exactly when the credential is active, and EXPIRED exactly from its end date', () => {
    fc.assert(
      fc.property(credentialArb, dayArb, (credential, day) => {
        const asOf = at(day);
        const status = credentialStatusAt(credential, asOf);
        expect(status === 'ACTIVE').toBe(isCredentialActiveAt(credential, asOf));
        expect(status === 'EXPIRED').toBe(credential.expiresAt !== null && credential.expiresAt <= asOf);
      }),
    );
  });

  it('once a credential stops being active it never becomes active again later (no resurrection on replay)', () => {
    fc.assert(
      fc.property(credentialArb, dayArb, dayArb, (credential, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const from = credential.createdAt ?? credential.firstSeenAt;
        // Only after it began: before its start a credential is not yet active, which is not "stopped".
        fc.pre(from <= at(early));
        if (!isCredentialActiveAt(credential, at(early))) expect(isCredentialActiveAt(credential, at(late))).toBe(false);
      }),
    );
  });

  it('an account is access or a residual or gone, never two of them', () => {
    fc.assert(
      fc.property(fc.constantFrom('ACTIVE' as const, 'SUSPENDED' as const, 'DEACTIVATED' as const), optionalDay, dayArb, (status, deactivated, day) => {
        const account = anAccount({ id: 'a', status, deactivatedAt: status === 'ACTIVE' || deactivated === null ? null : at(deactivated) });
        const asOf = at(day);
        expect(isAccountActiveAt(account, asOf) && isAccountResidualAt(account, asOf)).toBe(false);
        if (status === 'DEACTIVATED') expect(isAccountResidualAt(account, asOf)).toBe(false);
      }),
    );
  });

  it('replaying any past day of an ended certificate sees it overdue exactly while it was valid and past its policy', () => {
    // A leaf certificate valid 2020-01-01 → 2022-01-01 (731 days), policy 398 days + 0 grace: overdue from day 399.
    const certificate = aCredential({ id: 'cert', kind: 'CERTIFICATE', createdAt: at(0), lastRotatedAt: at(0), expiresAt: at(731), useObserved: false });
    const input = aPostureInput({ credentials: [certificate] });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (day) => {
        const overdue = evaluateFindings(input, at(day)).some((finding) => finding.kind === 'KEY_ROTATION_OVERDUE');
        expect(overdue).toBe(day >= 399 && day < 731);
      }),
    );
  });
});
