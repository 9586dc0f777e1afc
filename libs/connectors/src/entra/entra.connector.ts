import { z } from 'zod';
import type { CollectContext, Connector } from '../core/connector.js';
import type { CollectedRecord, Observation } from '../core/observation.js';
import { collectListings } from '../core/readers/json-collect.util.js';
import { connectionCheck } from '../core/readers/json-http.client.js';
import { pullWindowStart } from '../core/util/pull-window.util.js';
import { countryForIp } from '../geoip/geoip.resolver.js';
import { hasNoCredentials, parseEntraAppCredentials } from './entra-app-credential.parser.js';
import { type EntraConnection, entraAccessToken, entraConnectionSchema, graphPages } from './entra-graph.client.js';
import { parseEntraSignIn } from './entra-signin.parser.js';
import { parseEntraUser } from './entra-user.parser.js';

/** Entra keeps sign-ins 30 days (with a P1/P2 licence; 7 without). */
const SIGN_IN_RETENTION_DAYS = 30;

/** Signs in once, then walks the listings' pages and maps each record, skipping those `skip` says hold nothing to track. */
async function* collectGraphListings(
  config: EntraConnection,
  context: CollectContext,
  listings: readonly string[],
  map: (value: unknown) => readonly Observation[],
  skip?: (value: unknown) => boolean,
): AsyncGenerator<CollectedRecord> {
  const token = await entraAccessToken(config, context);
  yield* collectListings(listings, (listing) => graphPages(config, context, token, listing), map, skip);
}

const testToken = (config: EntraConnection, context: CollectContext, what: string) =>
  connectionCheck(async () => {
    await entraAccessToken(config, context);
    return `signed in to tenant ${config.tenantId} as ${config.clientId}; ${what}`;
  });

export const entraSignInsConfigSchema = entraConnectionSchema.extend({
  /**
   * How far back the first pull reads (`$filter=createdDateTime ge …`); later pulls read on from an hour before the
   * last successful one. The overlap is harmless: a sign-in read twice is stored once.
   */
  lookbackDays: z.number().int().min(1).max(30).default(2),
  pageSize: z.number().int().min(1).max(1000).default(1000),
  /**
   * Also the service principals' sign-ins: the apps signing in with their own secret or certificate (client
   * credentials), which v1.0 never lists. Read from Graph's beta endpoint (see SERVICE_PRINCIPAL_SIGN_INS).
   */
  servicePrincipalSignIns: z.boolean().default(true),
});
export type EntraSignInsConfig = z.infer<typeof entraSignInsConfigSchema>;

/**
 * Service principal sign-ins. v1.0 `/auditLogs/signIns` returns interactive user sign-ins only, and its signIn
 * resource has no `signInEventTypes`; Microsoft documents the other kinds only on `/beta`, by
 * `$filter=signInEventTypes/any(t: t eq 'servicePrincipal')` (values interactiveUser, nonInteractiveUser,
 * servicePrincipal, managedIdentity). Beta may change: the record is read with the v1.0 parser, which needs only
 * fields both versions share (`servicePrincipalName`/`servicePrincipalId`/`appId`, `ipAddress`, `location`,
 * `status`) plus beta's `servicePrincipalCredentialKeyId`, the keyId of the secret or certificate used.
 */
const SERVICE_PRINCIPAL_SIGN_INS = "signInEventTypes/any(t: t eq 'servicePrincipal')";

const signInListing = (version: 'v1.0' | 'beta', filter: string, pageSize: number): string =>
  `/${version}/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$top=${pageSize}`;

/** `/auditLogs/signIns` (AuditLog.Read.All), newest window only: users' sign-ins, then service principals'. */
export const entraSignInsConnector: Connector<EntraSignInsConfig> = {
  type: 'entra-signins',
  displayName: 'Microsoft Entra ID sign-in logs (Graph API)',
  configSchema: entraSignInsConfigSchema,
  secretFields: ['clientSecret'],
  test: (config, context) =>
    testToken(config, context, `sign-ins are read from /auditLogs/signIns${config.servicePrincipalSignIns ? " (service principals' from /beta)" : ''}`),
  collect(config, context) {
    const since = pullWindowStart(context, config.lookbackDays, SIGN_IN_RETENTION_DAYS).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const window = `createdDateTime ge ${since}`;
    const listings = [
      signInListing('v1.0', window, config.pageSize),
      ...(config.servicePrincipalSignIns ? [signInListing('beta', `${window} and ${SERVICE_PRINCIPAL_SIGN_INS}`, config.pageSize)] : []),
    ];
    return collectGraphListings(config, context, listings, (value) => [parseEntraSignIn(value, { geo: countryForIp })]);
  },
};

const USER_FIELDS = [
  'id',
  'userPrincipalName',
  'mail',
  'displayName',
  'accountEnabled',
  'employeeId',
  'employeeType',
  'employeeHireDate',
  'employeeLeaveDateTime',
  'onPremisesSyncEnabled',
  'userType',
  'usageLocation',
  'country',
  'department',
];

export const entraUsersConfigSchema = entraConnectionSchema.extend({
  /** Adds `signInActivity` (needs AuditLog.Read.All and an Entra ID P1 licence): the account's last sign-in. */
  includeSignInActivity: z.boolean().default(true),
  pageSize: z.number().int().min(1).max(999).default(999),
});
export type EntraUsersConfig = z.infer<typeof entraUsersConfigSchema>;

/** `/users` (User.Read.All; User-LifeCycleInfo.Read.All for the leave date) → people and Entra accounts. */
export const entraUsersConnector: Connector<EntraUsersConfig> = {
  type: 'entra-users',
  displayName: 'Microsoft Entra ID users (Graph API)',
  configSchema: entraUsersConfigSchema,
  secretFields: ['clientSecret'],
  test: (config, context) => testToken(config, context, 'users are read from /users'),
  collect(config, context) {
    const select = [...USER_FIELDS, ...(config.includeSignInActivity ? ['signInActivity'] : [])].join(',');
    const listing = `/v1.0/users?$select=${select}&$expand=${encodeURIComponent('manager($select=mail,userPrincipalName)')}&$top=${config.pageSize}`;
    return collectGraphListings(config, context, [listing], (value) => parseEntraUser(value, { now: context.now }));
  },
};

export const entraAppCredentialsConfigSchema = entraConnectionSchema.extend({
  /** Also the service principals' own secrets and certificates (SAML signing, multi-tenant apps' keys). */
  includeServicePrincipals: z.boolean().default(true),
  pageSize: z.number().int().min(1).max(999).default(100),
});
export type EntraAppCredentialsConfig = z.infer<typeof entraAppCredentialsConfigSchema>;

const APP_QUERY = (pageSize: number, extraFields = '') =>
  `?$select=id,appId,displayName,createdDateTime,passwordCredentials,keyCredentials${extraFields}&$expand=${encodeURIComponent('owners($select=id,mail,userPrincipalName)')}&$top=${pageSize}`;

/** `/applications` and `/servicePrincipals` (Application.Read.All) → client secrets and certificates with owners. */
export const entraAppCredentialsConnector: Connector<EntraAppCredentialsConfig> = {
  type: 'entra-app-credentials',
  displayName: 'Microsoft Entra ID app secrets and certificates (Graph API)',
  configSchema: entraAppCredentialsConfigSchema,
  secretFields: ['clientSecret'],
  test: (config, context) => testToken(config, context, 'app credentials are read from /applications'),
  collect(config, context) {
    const listings = [`/v1.0/applications${APP_QUERY(config.pageSize)}`, ...(config.includeServicePrincipals ? [`/v1.0/servicePrincipals${APP_QUERY(config.pageSize, ',servicePrincipalType')}`] : [])];
    return collectGraphListings(config, context, listings, (value) => parseEntraAppCredentials(value), hasNoCredentials);
  },
};
