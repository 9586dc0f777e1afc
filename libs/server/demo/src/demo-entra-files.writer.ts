import {
  DEMO_DOMAIN,
  DEMO_ENTRA_APPS,
  DEMO_LEAVER,
  DEMO_PEOPLE,
  ENTRA_NEVER_EXPIRES,
  EXTRACTION,
  emailOf,
  type DemoEntraApp,
  type DemoPerson,
} from './demo-company.js';
import { DAY, dayAt, iso } from './demo-dates.util.js';
import { DemoRandom, stableId } from './demo-random.js';

/*
 * Microsoft Entra ID as Microsoft Graph answers it, saved page by page (`{ "@odata.context", "value": [...] }`):
 * `/users`, `/applications?$expand=owners` and `/auditLogs/signIns` (the beta shape, the only one that carries
 * service principals' sign-ins and the secret they used). Entra holds the same people as HR; its lifecycle
 * workflow disabled both leavers on their leave date, while Okta, AWS and GitHub kept the first one's access.
 */

const TENANT_ID = stableId('entra-tenant:nuri-commerce');
const GRAPH = 'https://graph.microsoft.com';

/** Days of user sign-ins in the export: Entra keeps 30 days, and the pull reads a little more than that. */
export const ENTRA_USER_SIGNIN_DAYS = 35;
/** The days (before `now`) the leaver tried his disabled Entra account from abroad, oldest first. */
const LEAVER_REFUSED_SIGNIN_DAYS_AGO = [30, 17, 9];

const entraUserId = (handle: string): string => stableId(`entra-user:${handle}`);
const appObjectId = (app: DemoEntraApp): string => stableId(`entra-app:${app.name}`);
const appId = (app: DemoEntraApp): string => stableId(`entra-app-id:${app.name}`);
const servicePrincipalId = (app: DemoEntraApp): string => stableId(`entra-sp:${app.name}`);
/** The secret's keyId: what a service principal's sign-in names as `servicePrincipalCredentialKeyId`. */
export const entraSecretKeyId = (app: DemoEntraApp): string => stableId(`entra-secret:${app.name}:${app.secret.label}`);

const page = (entity: string, value: object[]): string => JSON.stringify({ '@odata.context': `${GRAPH}/beta/$metadata#${entity}`, value }, null, 1);

export function entraUsers(now: Date): string {
  return page(
    'users',
    DEMO_PEOPLE.map((p, i) => {
      const left = p.leftDaysAgo !== undefined;
      const lastSignIn = left ? dayAt(now, p.leftDaysAgo! + 1, 8) : dayAt(now, 1, 1);
      // The leaver's refused attempts (below) are his latest sign-in attempts, not successes.
      const lastAttempt = p.handle === DEMO_LEAVER ? dayAt(now, LEAVER_REFUSED_SIGNIN_DAYS_AGO.at(-1)!, 15, 20) : lastSignIn;
      return {
        id: entraUserId(p.handle),
        userPrincipalName: emailOf(p.handle),
        mail: emailOf(p.handle),
        displayName: p.name,
        accountEnabled: !left,
        employeeId: `E${String(1001 + i)}`,
        employeeType: p.type === 'employee' ? 'Employee' : p.type === 'vendor' ? 'Vendor' : 'Contractor',
        employeeHireDate: iso(dayAt(now, p.startDaysAgo, 0)),
        // Written by HR's lifecycle workflow; the day matches the HR roster's termination date.
        employeeLeaveDateTime: left ? iso(dayAt(now, p.leftDaysAgo!, 0)) : null,
        department: p.team,
        usageLocation: p.country,
        userType: 'Member',
        onPremisesSyncEnabled: false,
        createdDateTime: iso(dayAt(now, p.startDaysAgo + 7, 2)),
        signInActivity: {
          lastSignInDateTime: iso(lastAttempt),
          lastNonInteractiveSignInDateTime: iso(lastSignIn),
          lastSuccessfulSignInDateTime: iso(lastSignIn),
        },
      };
    }),
  );
}

export function entraAppCredentials(now: Date): string {
  const owner = (handle: string) => {
    const person = DEMO_PEOPLE.find((p) => p.handle === handle)!;
    return { '@odata.type': '#microsoft.graph.user', id: entraUserId(handle), displayName: person.name, userPrincipalName: emailOf(handle), mail: emailOf(handle) };
  };
  return page(
    'applications(owners())',
    DEMO_ENTRA_APPS.map((app) => {
      const start = dayAt(now, app.secret.startDaysAgo, 3, 12);
      const end = app.secret.validDays === null ? ENTRA_NEVER_EXPIRES : iso(new Date(start.getTime() + app.secret.validDays * DAY));
      return {
        id: appObjectId(app),
        appId: appId(app),
        displayName: app.name,
        createdDateTime: iso(dayAt(now, Math.max(app.secret.startDaysAgo, 400) + 30, 3)),
        signInAudience: 'AzureADMyOrg',
        publisherDomain: DEMO_DOMAIN,
        keyCredentials: [],
        passwordCredentials: [
          // Graph never returns the secret itself (`secretText` is null); `hint` is its first three characters.
          { customKeyIdentifier: null, displayName: app.secret.label, endDateTime: end, hint: stableId(app.name).slice(0, 3), keyId: entraSecretKeyId(app), secretText: null, startDateTime: iso(start) },
        ],
        owners: [owner(app.owner)],
      };
    }),
  );
}

const CITY: Record<string, { city: string; state: string; latitude: number; longitude: number }> = {
  KR: { city: 'Seoul', state: 'Seoul', latitude: 37.5665, longitude: 126.978 },
  US: { city: 'San Jose', state: 'California', latitude: 37.3382, longitude: -121.8863 },
  VN: { city: 'Hanoi', state: 'Ha Noi', latitude: 21.0278, longitude: 105.8342 },
  IN: { city: 'Bengaluru', state: 'Karnataka', latitude: 12.9716, longitude: 77.5946 },
  CN: { city: 'Hangzhou', state: 'Zhejiang', latitude: 30.2741, longitude: 120.1551 },
};

/** Well-known first-party application ids (public): what the staff sign in to. */
const FIRST_PARTY_APPS = [
  { appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', appDisplayName: 'Microsoft Teams', resourceDisplayName: 'Microsoft Teams Services' },
  { appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', appDisplayName: 'Azure Portal', resourceDisplayName: 'Windows Azure Service Management API' },
  { appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', appDisplayName: 'Microsoft Office', resourceDisplayName: 'Office 365 Exchange Online' },
];

/** 50057: "User account is disabled." Entra refuses the sign-in; the refusal is still logged. */
const ACCOUNT_DISABLED = { errorCode: 50057, failureReason: 'The user account is disabled.', additionalDetails: null };
const SUCCESS = { errorCode: 0, failureReason: 'Other.', additionalDetails: null };

export function entraSignIns(now: Date): string {
  const random = new DemoRandom('entra-signins');
  const signIns: ({ createdDateTime: string } & Record<string, unknown>)[] = [];
  const location = (country: string) => {
    const place = CITY[country]!;
    return { city: place.city, state: place.state, countryOrRegion: country, geoCoordinates: { altitude: null, latitude: place.latitude, longitude: place.longitude } };
  };
  const userSignIn = (p: DemoPerson, at: Date, ip: string, country: string, status: object) => {
    const app = FIRST_PARTY_APPS[random.int(0, FIRST_PARTY_APPS.length - 1)]!;
    const id = stableId(`entra-signin:${p.handle}:${at.toISOString()}`);
    signIns.push({
      id,
      createdDateTime: iso(at),
      userDisplayName: p.name,
      userPrincipalName: emailOf(p.handle),
      userId: entraUserId(p.handle),
      appId: app.appId,
      appDisplayName: app.appDisplayName,
      ipAddress: ip,
      clientAppUsed: 'Browser',
      correlationId: stableId(`entra-correlation:${id}`),
      conditionalAccessStatus: 'notApplied',
      isInteractive: true,
      tokenIssuerName: '',
      tokenIssuerType: 'AzureAD',
      resourceDisplayName: app.resourceDisplayName,
      homeTenantId: TENANT_ID,
      resourceTenantId: TENANT_ID,
      signInEventTypes: ['interactiveUser'],
      servicePrincipalId: '',
      servicePrincipalName: null,
      servicePrincipalCredentialKeyId: null,
      userType: 'member',
      status,
      deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'Windows 10', browser: 'Edge 131.0.0', isCompliant: false, isManaged: false, trustType: '' },
      location: location(country),
    });
  };

  for (let d = ENTRA_USER_SIGNIN_DAYS; d >= 1; d--) {
    for (const p of DEMO_PEOPLE) {
      // Everyday sign-ins where each person works: the offshore hubs sign in from Viet Nam and India.
      if (p.leftDaysAgo !== undefined && d <= p.leftDaysAgo) continue;
      if (random.next() < 0.3) continue;
      userSignIn(p, new Date(dayAt(now, d, 0).getTime() + random.int(0, 9 * 60) * 60_000), p.ip, p.country, SUCCESS);
    }
  }
  // The leaver tries his Entra account from abroad, the network his AWS key pulls data from: Entra refuses.
  const leaver = DEMO_PEOPLE.find((p) => p.handle === DEMO_LEAVER)!;
  for (const d of LEAVER_REFUSED_SIGNIN_DAYS_AGO) {
    userSignIn(leaver, dayAt(now, d, 15, 20), `${EXTRACTION.sourceIp}${random.int(2, 250)}`, 'CN', ACCOUNT_DISABLED);
  }

  // The apps' nightly jobs sign in with their secrets from Azure's Korea Central region. Unlike the users' five
  // weeks, these cover the year (as a daily pull accumulates them): a secret in daily use is then never called unused.
  for (const app of DEMO_ENTRA_APPS) {
    for (let d = Math.min(app.secret.startDaysAgo, 364); d >= 1; d--) {
      const at = dayAt(now, d, 17, random.int(0, 59));
      const id = stableId(`entra-sp-signin:${app.name}:${at.toISOString()}`);
      signIns.push({
        id,
        createdDateTime: iso(at),
        userDisplayName: '',
        userPrincipalName: '',
        userId: '',
        appId: appId(app),
        appDisplayName: app.name,
        ipAddress: `20.41.66.${random.int(2, 250)}`,
        clientAppUsed: '',
        correlationId: stableId(`entra-correlation:${id}`),
        conditionalAccessStatus: 'notApplied',
        isInteractive: false,
        tokenIssuerType: 'AzureAD',
        resourceDisplayName: 'Microsoft Graph',
        resourceId: '00000003-0000-0000-c000-000000000000',
        homeTenantId: TENANT_ID,
        resourceTenantId: TENANT_ID,
        signInEventTypes: ['servicePrincipal'],
        servicePrincipalId: servicePrincipalId(app),
        servicePrincipalName: app.name,
        servicePrincipalCredentialKeyId: entraSecretKeyId(app),
        clientCredentialType: 'clientSecret',
        status: SUCCESS,
        location: location('KR'),
      });
    }
  }
  // Newest first, as Graph pages them.
  signIns.sort((a, b) => (a.createdDateTime < b.createdDateTime ? 1 : a.createdDateTime > b.createdDateTime ? -1 : 0));
  return page('auditLogs/signIns', signIns);
}
