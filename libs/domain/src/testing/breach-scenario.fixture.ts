import type { ActivityRollup } from '../model/activity.model.js';
import { dayNumberOfIsoDay, isoDayOf } from '../model/date.util.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { aCredential, anAccount, anEntitlement, anIdentity, aPostureInput, aRollup, aSample, aTeam } from './posture-input.builder.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** One rollup per day from `from` to `to` inclusive, with a deterministic volume per day index. */
const daily = (from: string, to: string, make: (day: string, i: number) => Partial<ActivityRollup> & Pick<ActivityRollup, 'principal'>): ActivityRollup[] => {
  const rollups: ActivityRollup[] = [];
  for (let n = dayNumberOfIsoDay(from), i = 0; n <= dayNumberOfIsoDay(to); n++, i++) rollups.push(aRollup({ day: isoDayOf(n), ...make(isoDayOf(n), i) }));
  return rollups;
};

/**
 * The breach in PRODUCT.md, in miniature. Kim, an auth developer, left on 2025-06-01; HR knows, the IdP
 * still shows him active, his access key was never revoked, and from 2025-06-24 it pulls 3-5 GB a day
 * from China. Lee, a colleague, works normally from Korea (with an ordinary 2x busy day). Park left on
 * 2025-05-15 and was fully deprovisioned. The token-signing key is a decade old.
 */
export const breachScenario = (): PostureInput =>
  aPostureInput({
    organisation: { id: 'org-demo', slug: 'demo', name: 'Demo Commerce', approvedCountries: ['KR'], currency: 'KRW', fiscalYearStartMonth: 1 },
    teams: [aTeam({ id: 'auth', name: 'Authentication' })],
    identities: [
      anIdentity({ id: 'kim', displayName: 'Kim', email: 'kim@corp.example', teamId: 'auth', status: 'TERMINATED', terminationDate: day('2025-06-01') }),
      anIdentity({ id: 'lee', displayName: 'Lee', email: 'lee@corp.example', teamId: 'auth' }),
      anIdentity({ id: 'park', displayName: 'Park', email: 'park@corp.example', teamId: 'auth', status: 'TERMINATED', terminationDate: day('2025-05-15') }),
    ],
    accounts: [
      anAccount({ id: 'kim-okta', identityId: 'kim', system: 'okta', userName: 'kim@corp.example', identityProvider: true }),
      anAccount({ id: 'kim-aws', identityId: 'kim', system: 'aws', userName: 'kim' }),
      anAccount({ id: 'lee-okta', identityId: 'lee', system: 'okta', userName: 'lee@corp.example', identityProvider: true }),
      anAccount({ id: 'lee-aws', identityId: 'lee', system: 'aws', userName: 'lee' }),
      anAccount({ id: 'park-okta', identityId: 'park', system: 'okta', identityProvider: true, status: 'DEACTIVATED', deactivatedAt: day('2025-05-15') }),
      anAccount({ id: 'park-aws', identityId: 'park', system: 'aws', userName: 'park', status: 'DEACTIVATED', deactivatedAt: day('2025-05-15') }),
    ],
    entitlements: [
      anEntitlement({ id: 'kim-prod', accountId: 'kim-aws', name: 'prod-customer-data-read', production: true }),
      anEntitlement({ id: 'lee-prod', accountId: 'lee-aws', name: 'prod-customer-data-read', production: true }),
    ],
    credentials: [
      aCredential({ id: 'kim-key', externalId: 'AKIAKIM', name: 'kim access key', ownerIdentityId: 'kim', createdAt: day('2025-03-01'), source: 'aws-iam-credential-report' }),
      aCredential({ id: 'lee-key', externalId: 'AKIALEE', name: 'lee access key', ownerIdentityId: 'lee', createdAt: day('2025-03-01'), source: 'aws-iam-credential-report' }),
      aCredential({ id: 'park-key', externalId: 'AKIAPARK', ownerIdentityId: 'park', createdAt: day('2025-03-01'), status: 'REVOKED', deactivatedAt: day('2025-05-15') }),
      aCredential({ id: 'jwks-2015', kind: 'SIGNING_KEY', externalId: 'auth-2015', teamId: 'auth', createdAt: day('2015-06-01'), source: 'jwks' }),
    ],
    activity: {
      rollups: [
        ...daily('2025-04-01', '2025-09-30', (_, i) => ({
          principal: 'lee',
          credentialExternalId: 'AKIALEE',
          events: 300,
          bytes: (150 + ((i * 37) % 11) * 10) * 1e6 * (i % 45 === 44 ? 2 : 1),
          records: 2000,
        })),
        ...daily('2025-04-01', '2025-05-31', (_, i) => ({ principal: 'kim', credentialExternalId: 'AKIAKIM', events: 200, bytes: (100 + ((i * 13) % 7) * 10) * 1e6, records: 1500 })),
        ...daily('2025-04-01', '2025-05-14', () => ({ principal: 'park', credentialExternalId: 'AKIAPARK', events: 100, bytes: 5e7, records: 500 })),
        ...daily('2025-06-24', '2025-09-30', (_, i) => ({
          principal: 'kim',
          credentialExternalId: 'AKIAKIM',
          country: 'CN',
          events: 5000,
          bytes: (3 + (i % 3)) * 1e9,
          records: 250_000,
        })),
      ],
      samples: [
        aSample({ eventId: 'evt-1', occurredAt: new Date('2025-06-24T02:14:00Z'), principal: 'kim', credentialExternalId: 'AKIAKIM', country: 'CN', sourceIp: '203.0.113.7', action: 'GetObject', resource: 'arn:aws:s3:::customers/export-0001.csv', bytes: 52_000_000 }),
      ],
    },
  });
