import { BenchRandom } from './bench-random.js';
import type { Scale } from './bench-scale.js';

/** The synthetic company: people (HR), their identity-provider state, IAM users with keys, and who acts in CloudTrail. */
export const BENCH_ORG = { slug: 'bench', name: 'Bench Corp', approvedCountries: ['KR', 'US'], currency: 'USD' } as const;
export const BENCH_DOMAIN = 'bench-corp.example';
export const BENCH_AWS_ACCOUNT = '210987654321';
const DAY_MS = 86_400_000;

export interface BenchPerson {
  email: string;
  name: string;
  type: 'employee' | 'contractor' | 'vendor';
  country: string;
  team: number;
  startDaysAgo: number;
  /** Terminated this many days before the end of the data; null while employed. */
  leftDaysAgo: number | null;
  /** The identity provider deactivated them when they left. */
  deprovisioned: boolean;
}

export interface BenchIamUser {
  name: string;
  person: number | null;
  /** Age in days of access key 1, and of key 2 when the user has one. */
  keyAges: [number, number | null];
  ip: string;
  /** Keeps using its key after its owner left; the first few also pull data in bulk from abroad. */
  rogue: boolean;
  /** Identity JSON prefix of a CloudTrail record, built once per user. */
  identityJson: string;
  accessKeyId: string;
  principalId: string;
}

export interface BenchOrg {
  scale: Scale;
  /** Midnight UTC of the day the run started: the data ends three days before it. */
  end: Date;
  teams: string[];
  people: BenchPerson[];
  iamUsers: BenchIamUser[];
  /** First IAM users are people, the rest services. */
  personIamUsers: number;
}

const COUNTRIES: readonly [string, number][] = [
  ['KR', 0.7],
  ['US', 0.15],
  ['VN', 0.08],
  ['IN', 0.07],
];
/** Address blocks the shipped geolocation database places in each country. */
const IP_PREFIX: Readonly<Record<string, string>> = { KR: '211.234', US: '8.8', VN: '14.160', IN: '49.36', CN: '223.5' };

const pickCountry = (random: BenchRandom): string => {
  let r = random.next();
  for (const [country, share] of COUNTRIES) {
    if (r < share) return country;
    r -= share;
  }
  return 'KR';
};

export const ipIn = (country: string, n: number): string => `${IP_PREFIX[country] ?? '10.0'}.${(n >> 8) & 255}.${(n & 255) || 1}`;
const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0').slice(-width);

/** Midnight UTC of `date`. */
export const midnight = (date: Date): Date => new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);

export function buildBenchOrg(scale: Scale, end: Date, seed = 20251118): BenchOrg {
  const random = new BenchRandom(seed);
  const teamCount = Math.max(8, Math.round(scale.identities / 250));
  const teams = Array.from({ length: teamCount }, (_, i) => `Team ${String(i + 1).padStart(4, '0')}`);
  const people: BenchPerson[] = [];
  for (let i = 0; i < scale.identities; i++) {
    const r = random.next();
    const leftDaysAgo = random.next() < 0.08 ? random.int(5, 360) : null;
    people.push({
      email: `user${String(i).padStart(6, '0')}@${BENCH_DOMAIN}`,
      name: `Person ${i}`,
      type: r < 0.8 ? 'employee' : r < 0.95 ? 'contractor' : 'vendor',
      country: pickCountry(random),
      team: i % teamCount,
      startDaysAgo: random.int(400, 3000),
      leftDaysAgo,
      deprovisioned: leftDaysAgo !== null && random.next() < 0.7,
    });
  }
  // 80% of credentials belong to IAM users holding one key, a quarter of whom hold a second: 0.8 × 1.25 = 1.
  const iamUserCount = Math.round(scale.credentials * 0.8);
  const personIamUsers = Math.min(people.length, Math.round(iamUserCount * 0.75));
  const keyAge = (): number => {
    const r = random.next();
    return r < 0.5 ? random.int(1, 79) : r < 0.6 ? random.int(80, 90) : r < 0.9 ? random.int(91, 400) : random.int(1000, 3000);
  };
  const iamUsers: BenchIamUser[] = [];
  let rogues = 0;
  const rogueLimit = Math.max(2, Math.round(personIamUsers * 0.002));
  for (let i = 0; i < iamUserCount; i++) {
    const person = i < personIamUsers ? i : null;
    const p = person === null ? null : people[person]!;
    const env = ['prod', 'staging', 'dev'][i % 3]!;
    const name = p ? p.email : `svc-${env}-${String(i - personIamUsers).padStart(6, '0')}`;
    const rogue = p !== null && p.leftDaysAgo !== null && p.leftDaysAgo > 30 && rogues < rogueLimit;
    if (rogue) rogues += 1;
    const accessKeyId = `AKIA${hex(i, 8)}${hex(seed, 8)}`;
    const principalId = `AIDA${hex(i * 2654435761, 8)}${hex(i, 9)}`;
    iamUsers.push({
      name,
      person,
      keyAges: [keyAge(), random.next() < 0.25 ? keyAge() : null],
      ip: p ? ipIn(p.country, i) : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) || 1}`,
      rogue,
      accessKeyId,
      principalId,
      identityJson: `{"type":"IAMUser","principalId":"${principalId}","arn":"arn:aws:iam::${BENCH_AWS_ACCOUNT}:user/${name}","accountId":"${BENCH_AWS_ACCOUNT}","accessKeyId":"${accessKeyId}","userName":"${name}"}`,
    });
  }
  return { scale, end: midnight(end), teams, people, iamUsers, personIamUsers };
}

/**
 * Days of data: the year (0..364) and four new days after it (365..368: three for the incremental evaluation, one
 * for ingest → visible); the year ends four days before `end`, the last new day at `end`.
 */
export const YEAR_DAYS = 365;
export const NEW_DAYS = 4;
export const dayStart = (org: BenchOrg, day: number): Date => new Date(org.end.getTime() - (YEAR_DAYS + NEW_DAYS - day) * DAY_MS);
export const daysAgo = (org: BenchOrg, n: number): Date => new Date(org.end.getTime() - n * DAY_MS);
