import fc from 'fast-check';
import { addDays } from '../model/date.util.js';
import { ACCOUNT_STATUSES, IDENTITY_STATUSES } from '../model/enums.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { departureOf } from '../findings/departure.js';
import { evaluateFindings } from '../findings/evaluate-findings.js';
import { PostureIndex } from '../findings/posture-index.js';
import { OFFSHORE_WORK_COUNTRY } from '../findings/rules/offshore-access.rule.js';
import { isAccountActiveAt } from '../model/as-of.util.js';
import type { FindingCandidate } from '../model/finding.model.js';
import { anAccount, anEntitlement, anIdentity, aPostureInput } from '../testing/posture-input.builder.js';
import { computePostureScore } from './posture-score.js';
import { DEFAULT_SCORE_SETTINGS } from './score-settings.js';
import type { PostureScore } from './score.model.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const dayOffset = fc.option(fc.integer({ min: -800, max: 60 }), { nil: null });

const accountArb = fc.record({
  status: fc.constantFrom(...ACCOUNT_STATUSES),
  identityProvider: fc.boolean(),
  deactivatedDaysAgo: dayOffset,
  createdDaysAgo: dayOffset,
  production: fc.boolean(),
});
const identityArb = fc.record({
  status: fc.constantFrom(...IDENTITY_STATUSES),
  terminatedDaysAgo: dayOffset,
  startedDaysAgo: dayOffset,
  workCountry: fc.constantFrom('KR', 'VN', null),
  accounts: fc.array(accountArb, { maxLength: 3 }),
});

const inputArb = fc.array(identityArb, { minLength: 1, maxLength: 25 }).map((identities): PostureInput => {
  const at = (daysAgo: number | null): Date | null => (daysAgo === null ? null : addDays(asOf, -daysAgo));
  const accounts = identities.flatMap((identity, i) =>
    identity.accounts.map((account, j) => ({
      account: anAccount({
        id: `a${i}-${j}`,
        identityId: `p${i}`,
        status: account.status,
        identityProvider: account.identityProvider,
        deactivatedAt: at(account.deactivatedDaysAgo),
        createdAt: at(account.createdDaysAgo),
      }),
      production: account.production,
    })),
  );
  return aPostureInput({
    organisation: { ...aPostureInput().organisation, approvedCountries: ['KR'] },
    identities: identities.map((identity, i) =>
      anIdentity({
        id: `p${i}`,
        status: identity.status,
        terminationDate: at(identity.terminatedDaysAgo),
        startDate: at(identity.startedDaysAgo),
        workCountry: identity.workCountry,
      }),
    ),
    accounts: accounts.map(({ account }) => account),
    entitlements: accounts.map(({ account, production }) => anEntitlement({ id: `e-${account.id}`, accountId: account.id, production })),
  });
});

const metricOf = (score: PostureScore, domain: string, name: string) => {
  const metric = score.domains.find((d) => d.domain === domain)?.metrics.find((m) => m.name === name);
  if (!metric) throw new Error(`no metric ${domain}/${name}`);
  return { measured: metric.measured, numerator: metric.numerator, denominator: metric.denominator };
};

/** A proportional metric of unit items, as the definition states it: items counted, credited ones those without a finding. */
const countOf = (items: readonly { credited: boolean }[]) =>
  items.length === 0
    ? { measured: false, numerator: 0, denominator: 0 }
    : { measured: true, numerator: items.filter((item) => item.credited).length, denominator: items.length };

const findingFor = (candidates: readonly FindingCandidate[], kind: string, subjectId: string, qualifier?: string): boolean =>
  candidates.some((c) => c.kind === kind && c.subject.id === subjectId && (qualifier === undefined || c.qualifier === qualifier));

describe('identity metrics: the scored items are those of the definitions', () => {
  it('counts as leavers every identity with a leaver finding or departed within the lookback, and as production holders the current ones holding a production entitlement', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const candidates = evaluateFindings(input, asOf);
        const score = computePostureScore(input, candidates, asOf);
        // The definitions, identity by identity, with nothing skipped up front.
        const index = new PostureIndex(input);
        const since = addDays(asOf, -DEFAULT_SCORE_SETTINGS.leaverLookbackDays);
        const leavers = input.identities.flatMap((identity) => {
          const finding = findingFor(candidates, 'LEAVER_ACTIVE_ACCESS', identity.id);
          const departure = departureOf(identity, index, asOf);
          const counted = finding || (departure !== null && (departure.departedAt === null || departure.departedAt >= since));
          return counted ? [{ credited: !finding }] : [];
        });
        const holders = input.identities.flatMap((identity) => {
          const production = index.entitlementsOfIdentity(identity.id, (account) => isAccountActiveAt(account, asOf)).some(({ entitlement }) => entitlement.production);
          if (!production || departureOf(identity, index, asOf) !== null) return [];
          return [{ credited: !findingFor(candidates, 'OFFSHORE_ACCESS', identity.id, OFFSHORE_WORK_COUNTRY) }];
        });
        expect(metricOf(score, 'ACCESS_GOVERNANCE', 'leavers')).toEqual(countOf(leavers));
        expect(metricOf(score, 'CROSS_BORDER_ACCESS', 'offshore-approval')).toEqual(countOf(holders));
      }),
      { numRuns: 300 },
    );
  });
});
