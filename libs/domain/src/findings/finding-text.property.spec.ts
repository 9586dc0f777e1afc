import fc from 'fast-check';
import { CREDENTIAL_KINDS, FINDING_KINDS, type FindingKind } from '../model/enums.js';
import type { FindingFacts, FindingParamsByKind } from './finding-params.js';
import { renderFindingTitle, type Language } from './finding-text.js';

const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
// Arbitrary text, fenced by characters no template uses: taking a name out of a title then removes only the name
// (a one-letter name "s" once took every s out of "days", and the plural check saw "2 day").
const name = fc.string({ minLength: 1, maxLength: 20 }).map((text) => `⟦${text}⟧`);
const count = fc.nat({ max: 100_000 });
const credentialKind = fc.constantFrom(...CREDENTIAL_KINDS);
const country = fc.constantFrom('CN', 'VN', 'IN', 'US', 'KR', 'PH', 'RU', 'BR');

const PARAMS: { [K in FindingKind]: fc.Arbitrary<FindingParamsByKind[K]> } = {
  KEY_ROTATION_OVERDUE: fc.record({ credentialKind, name, dueOn: day }),
  KEY_UNUSED: fc.record({ credentialKind, name, neverUsed: fc.boolean(), since: day }),
  KEY_NO_OWNER: fc.record({ credentialKind, name }),
  CERTIFICATE_EXPIRING: fc.record({ credentialKind: fc.constantFrom('CERTIFICATE' as const, 'CA_CERTIFICATE' as const), name, expiresOn: day }),
  LEAVER_ACTIVE_ACCESS: fc.record({
    name,
    departedOn: fc.option(day, { nil: null }),
    activeAccounts: count,
    activeCredentials: count,
    daysUsedSince: count,
    usedSince: fc.boolean(),
  }),
  LEAVER_RESIDUAL_ACCOUNT: fc.record({ name, departedOn: fc.option(day, { nil: null }), accounts: fc.integer({ min: 1, max: 1000 }) }),
  ACCESS_REVIEW_OVERDUE: fc.record({ campaign: name, dueOn: day, completion: fc.double({ min: 0, max: 0.9999, noNaN: true }) }),
  ACCESS_REVIEW_RUBBER_STAMP: fc.record({ reviewer: name, campaign: name, approved: count, decisions: count, medianSeconds: fc.double({ min: 0, max: 600, noNaN: true }) }),
  OFFSHORE_ACCESS: fc.oneof(
    fc.record({ variant: fc.constant('activity' as const), name, countries: fc.uniqueArray(country, { minLength: 1, maxLength: 4 }) }),
    fc.record({ variant: fc.constant('work-country' as const), name, workCountry: country, productionEntitlements: fc.integer({ min: 1, max: 50 }) }),
  ),
  BULK_EXTRACTION: fc.record({
    name,
    measure: fc.constantFrom('bytes' as const, 'records' as const, 'requests' as const),
    value: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
    peakOn: day,
    baselineDays: fc.integer({ min: 1, max: 90 }),
    ratio: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
    baselineMedian: fc.option(fc.nat(), { nil: null }),
  }),
  DATA_SOURCE_STALE: fc.record({ name, lastDeliveredAt: fc.option(instant, { nil: null }), addedAt: instant, expectedEveryHours: fc.integer({ min: 1, max: 720 }) }),
};

const facts: fc.Arbitrary<FindingFacts> = fc.oneof(...FINDING_KINDS.map((kind) => (PARAMS[kind] as fc.Arbitrary<FindingFacts['params']>).map((params) => ({ kind, params }) as FindingFacts)));

/** Enum names a title must never show as they are (SIGNING_KEY, KEY_ROTATION_OVERDUE): they are words for code, not readers. */
const ENUM_NAME = /\b[A-Z]+(?:_[A-Z]+)+\b/;

/** Names are arbitrary text: the checks look at what the renderer wrote, with the names taken out (enum values stay). */
const NAME_FIELDS = new Set(['name', 'reviewer', 'campaign']);
const withoutNames = (text: string, { params }: FindingFacts): string =>
  Object.entries(params)
    .filter((entry): entry is [string, string] => NAME_FIELDS.has(entry[0]) && typeof entry[1] === 'string' && entry[1].length > 0)
    .map(([, value]) => value)
    .sort((a, b) => b.length - a.length)
    .reduce((rest, value) => rest.split(value).join('\u0000'), text);

describe('finding titles in both languages', () => {
  it.each<Language>(['en', 'ko'])('renders every kind with any parameters in %s without undefined, NaN, "(s)" or raw enum names', (lang) => {
    fc.assert(
      fc.property(facts, (f) => {
        const title = renderFindingTitle(f, lang);
        const written = withoutNames(title, f);
        expect(title.length).toBeGreaterThan(0);
        expect(written).not.toMatch(/undefined|NaN|null|\(s\)|\[object/);
        expect(written).not.toMatch(ENUM_NAME);
        if (lang === 'ko') expect(written).toMatch(/[\uAC00-\uD7A3]/);
      }),
      { numRuns: 400 },
    );
  });

  it('writes English counts with their plural form: "1 day" and "2 days", never "1 days"', () => {
    fc.assert(
      fc.property(PARAMS.LEAVER_ACTIVE_ACCESS, (params) => {
        const title = withoutNames(renderFindingTitle({ kind: 'LEAVER_ACTIVE_ACCESS', params }, 'en'), { kind: 'LEAVER_ACTIVE_ACCESS', params });
        expect(title).not.toMatch(/\b1 (accounts|credentials|days)\b/);
        expect(title).not.toMatch(/\b(?:[02-9]|\d{2,}|\d{1,3}(?:,\d{3})+) (active account|active credential|day)\b(?!s)/);
      }),
    );
  });
});
