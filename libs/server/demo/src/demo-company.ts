/**
 * The demo company, modelled on the public facts in PRODUCT.md: a decade-old token-signing key, a departed
 * authentication developer whose key kept working and pulled data in bulk from abroad for months, offshore
 * development hubs with production access, and security spend at 4.6% of IT and 0.2% of revenue. Entra ID and
 * GitHub tell the same story: Entra disabled the leaver on his leave date, but his GitHub account and its classic
 * token, with no expiry, stayed, and the token clones the code from abroad every day; an app secret never expires.
 * Everything is fictional. Dates are days relative to the seed's `now`.
 */
export const DEMO_ORG = { slug: 'demo', name: 'Nuri Commerce', approvedCountries: ['KR', 'US'], currency: 'KRW' } as const;

export const DEMO_DOMAIN = 'nuri-commerce.example';
export const DEMO_AWS_ACCOUNT = '123456789012';

export interface DemoTeam {
  name: string;
  lead: string;
}

export const DEMO_TEAMS: DemoTeam[] = [
  { name: 'Identity Platform', lead: 'jiwoo.park' },
  { name: 'Payments', lead: 'hyejin.choi' },
  { name: 'Commerce Core', lead: 'daniel.lee' },
  { name: 'Data Platform', lead: 'sora.jung' },
  { name: 'Mobile', lead: 'taeyang.han' },
  { name: 'Offshore Delivery', lead: 'minh.nguyen' },
];

export type KeyAge = 'fresh' | 'due-soon' | 'overdue' | 'ancient' | 'none';

export interface DemoPerson {
  handle: string;
  name: string;
  team: string;
  type: 'employee' | 'contractor' | 'vendor';
  country: string;
  startDaysAgo: number;
  /** Terminated this many days ago (HR). */
  leftDaysAgo?: number;
  /** The IdP deactivated the account when they left (a clean leaver). */
  deprovisioned?: boolean;
  /** Access key age: fresh (≤ 30 days), due soon (80 days), overdue (150–400 days), ancient (3+ years). */
  key: KeyAge;
  /** Everyday access comes from these public addresses (their country is looked up offline). */
  ip: string;
  production?: boolean;
  privileged?: boolean;
  /** A recorded approval for production access from outside the approved countries. */
  offshoreApproval?: boolean;
}

const KR = '211.234.10.';
const VN = '14.160.32.';
const IN = '49.36.12.';
const US = '8.8.4.';

// The departed authentication developer at the heart of the story, and a colleague who left cleanly.
export const DEMO_LEAVER = 'minjun.kim';
export const DEMO_CLEAN_LEAVER = 'seoyeon.lee';
/** The leaver's extraction starts this many days ago, ten days after leaving, and runs until 3 days ago. */
export const EXTRACTION = { leftDaysAgo: 160, startDaysAgo: 150, endDaysAgo: 3, sourceIp: '223.5.5.', minGb: 2, maxGb: 7 } as const;

export const DEMO_PEOPLE: DemoPerson[] = [
  { handle: 'jiwoo.park', name: 'Park Ji-woo', team: 'Identity Platform', type: 'employee', country: 'KR', startDaysAgo: 2900, key: 'fresh', ip: `${KR}11`, production: true, privileged: true },
  { handle: DEMO_LEAVER, name: 'Kim Min-jun', team: 'Identity Platform', type: 'employee', country: 'KR', startDaysAgo: 3100, leftDaysAgo: EXTRACTION.leftDaysAgo, key: 'ancient', ip: `${KR}12`, production: true, privileged: true },
  { handle: DEMO_CLEAN_LEAVER, name: 'Lee Seo-yeon', team: 'Identity Platform', type: 'employee', country: 'KR', startDaysAgo: 1500, leftDaysAgo: 90, deprovisioned: true, key: 'overdue', ip: `${KR}13`, production: true },
  { handle: 'jaehyun.oh', name: 'Oh Jae-hyun', team: 'Identity Platform', type: 'employee', country: 'KR', startDaysAgo: 800, key: 'overdue', ip: `${KR}14`, production: true },
  { handle: 'yuna.song', name: 'Song Yu-na', team: 'Identity Platform', type: 'employee', country: 'KR', startDaysAgo: 600, key: 'due-soon', ip: `${KR}15` },
  { handle: 'hyejin.choi', name: 'Choi Hye-jin', team: 'Payments', type: 'employee', country: 'KR', startDaysAgo: 2500, key: 'fresh', ip: `${KR}21`, production: true, privileged: true },
  { handle: 'sungmin.yoon', name: 'Yoon Sung-min', team: 'Payments', type: 'employee', country: 'KR', startDaysAgo: 1800, key: 'fresh', ip: `${KR}22`, production: true },
  { handle: 'eunji.kang', name: 'Kang Eun-ji', team: 'Payments', type: 'employee', country: 'KR', startDaysAgo: 900, key: 'due-soon', ip: `${KR}23`, production: true },
  { handle: 'dohyun.lim', name: 'Lim Do-hyun', team: 'Payments', type: 'employee', country: 'KR', startDaysAgo: 700, key: 'fresh', ip: `${KR}24` },
  { handle: 'daniel.lee', name: 'Daniel Lee', team: 'Commerce Core', type: 'employee', country: 'US', startDaysAgo: 2000, key: 'overdue', ip: `${US}31`, production: true, privileged: true },
  { handle: 'hana.shin', name: 'Shin Ha-na', team: 'Commerce Core', type: 'employee', country: 'KR', startDaysAgo: 1200, key: 'ancient', ip: `${KR}32`, production: true },
  { handle: 'junho.bae', name: 'Bae Jun-ho', team: 'Commerce Core', type: 'employee', country: 'KR', startDaysAgo: 500, key: 'fresh', ip: `${KR}33` },
  { handle: 'minseo.kwon', name: 'Kwon Min-seo', team: 'Commerce Core', type: 'employee', country: 'KR', startDaysAgo: 300, key: 'due-soon', ip: `${KR}34` },
  { handle: 'sora.jung', name: 'Jung So-ra', team: 'Data Platform', type: 'employee', country: 'KR', startDaysAgo: 2200, key: 'overdue', ip: `${KR}41`, production: true, privileged: true },
  { handle: 'woojin.hwang', name: 'Hwang Woo-jin', team: 'Data Platform', type: 'employee', country: 'KR', startDaysAgo: 1100, key: 'fresh', ip: `${KR}42`, production: true },
  { handle: 'chaeyoung.moon', name: 'Moon Chae-young', team: 'Data Platform', type: 'employee', country: 'KR', startDaysAgo: 400, key: 'ancient', ip: `${KR}43` },
  { handle: 'taeyang.han', name: 'Han Tae-yang', team: 'Mobile', type: 'employee', country: 'KR', startDaysAgo: 1600, key: 'fresh', ip: `${KR}51` },
  { handle: 'jisoo.yang', name: 'Yang Ji-soo', team: 'Mobile', type: 'employee', country: 'KR', startDaysAgo: 350, key: 'none', ip: `${KR}52` },
  // Offshore development hubs: production access from Viet Nam and India, not all of it approved.
  { handle: 'minh.nguyen', name: 'Nguyen Van Minh', team: 'Offshore Delivery', type: 'vendor', country: 'VN', startDaysAgo: 1300, key: 'fresh', ip: `${VN}61`, production: true, offshoreApproval: true },
  { handle: 'lan.tran', name: 'Tran Thi Lan', team: 'Offshore Delivery', type: 'vendor', country: 'VN', startDaysAgo: 900, key: 'overdue', ip: `${VN}62`, production: true, offshoreApproval: true },
  { handle: 'quang.pham', name: 'Pham Quang', team: 'Offshore Delivery', type: 'vendor', country: 'VN', startDaysAgo: 700, key: 'overdue', ip: `${VN}63`, production: true },
  { handle: 'thu.le', name: 'Le Thi Thu', team: 'Offshore Delivery', type: 'vendor', country: 'VN', startDaysAgo: 420, key: 'due-soon', ip: `${VN}64`, production: true },
  { handle: 'arjun.rao', name: 'Arjun Rao', team: 'Offshore Delivery', type: 'contractor', country: 'IN', startDaysAgo: 600, key: 'fresh', ip: `${IN}71`, production: true, privileged: true },
  { handle: 'priya.iyer', name: 'Priya Iyer', team: 'Offshore Delivery', type: 'contractor', country: 'IN', startDaysAgo: 250, key: 'fresh', ip: `${IN}72` },
];

/** Service accounts: machine keys owned by a team, some never rotated. */
export const DEMO_SERVICE_USERS: { user: string; team: string; owner: string; key: KeyAge; unusedDays?: number }[] = [
  { user: 'svc-payments-settlement', team: 'Payments', owner: 'hyejin.choi', key: 'overdue' },
  { user: 'svc-order-export', team: 'Commerce Core', owner: 'daniel.lee', key: 'fresh' },
  { user: 'svc-warehouse-etl', team: 'Data Platform', owner: 'sora.jung', key: 'ancient' },
  { user: 'svc-legacy-batch', team: 'Data Platform', owner: 'sora.jung', key: 'overdue', unusedDays: 200 },
  { user: 'svc-push-gateway', team: 'Mobile', owner: 'taeyang.han', key: 'due-soon' },
];

/** The GitHub organisation: engineers use personal GitHub logins that say nothing of their work e-mail. */
export const DEMO_GITHUB_ORG = 'nuri-commerce';
export const DEMO_GITHUB_ORG_ID = 48213907;

/** The leaver's GitHub login, and the classic personal access token he made years ago and never gave back. */
export const LEAVER_GITHUB = {
  login: 'mjun',
  /** Classic PATs have no expiry unless one was chosen; his has none. */
  tokenId: 81234567,
  tokenNote: 'deploy scripts',
  /** Authorised for the organisation's SAML SSO this many days before `now`. */
  authorizedDaysAgo: 1180,
  repositories: ['auth-server', 'token-service', 'customer-api', 'payments-core', 'order-pipeline', 'data-warehouse-dbt'],
} as const;

/**
 * GitHub logins of the people who are members of the organisation. The colleague who left cleanly was removed;
 * the leaver is still a member. An administrator maps each login to its person with `alias add`.
 */
export const githubLoginOf = (handle: string): string | null =>
  handle === DEMO_LEAVER ? LEAVER_GITHUB.login : handle === DEMO_CLEAN_LEAVER ? null : `${handle.replace('.', '-')}-nuri`;

/** Entra app registrations and their client secrets, each owned by a current engineer. */
export interface DemoEntraApp {
  name: string;
  owner: string;
  secret: { label: string; startDaysAgo: number; /** Days the secret is valid, or null for "never" (Entra writes 2299-12-31). */ validDays: number | null };
}

export const DEMO_ENTRA_APPS: DemoEntraApp[] = [
  // Made three years ago with the portal's old "Never" expiry option, and never rotated since.
  { name: 'payments-prod-etl', owner: 'sungmin.yoon', secret: { label: 'etl-batch', startDaysAgo: 1095, validDays: null } },
  // The recommended practice: a six-month secret, rotated on schedule.
  { name: 'storefront-prod-api', owner: 'junho.bae', secret: { label: 'rotated-q4', startDaysAgo: 40, validDays: 180 } },
];

/** Entra's "never expires": the portal's old option stored this end date. */
export const ENTRA_NEVER_EXPIRES = '2299-12-31T00:00:00Z';

/** Budget for the current fiscal year, in KRW: 4.6% of IT spend and 0.2% of revenue. */
export const DEMO_BUDGET = { itSpend: 1_780_000_000_000, securitySpend: 81_880_000_000, revenue: 40_940_000_000_000 } as const;
/** The previous year spent a little less, so the history has a trend. */
export const DEMO_BUDGET_PREVIOUS = { itSpend: 1_650_000_000_000, securitySpend: 69_300_000_000, revenue: 38_100_000_000_000 } as const;

export const emailOf = (handle: string): string => `${handle}@${DEMO_DOMAIN}`;
