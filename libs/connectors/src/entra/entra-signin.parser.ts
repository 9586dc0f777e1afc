import { isIP } from 'node:net';
import type { AccessEventObservation } from '../core/observation.js';
import { RecordRejection, isJsonObject, numberAt, objectAt, requireDate, requireString, stringAt } from '../core/readers/json-value.util.js';
import { toCountryCode } from '../geoip/country-code.util.js';
import type { GeoIpResolver } from '../geoip/geoip.resolver.js';

export interface EntraSignInOptions {
  /** Applied when the sign-in's `location.countryOrRegion` is empty (Entra leaves it empty for some IPs). */
  geo: GeoIpResolver;
}

/** The issuer Entra names when it issued the token itself; any other (AD FS, a federated IdP) is kept in the action. */
const OWN_TOKEN_ISSUER = 'AzureAD';

/**
 * One Microsoft Graph `signIn` (`/auditLogs/signIns`, v1.0; the beta shape's extra fields are ignored) → an access
 * event: the user (or, for a service principal's sign-in, the application) from an IP and country, to an app.
 * `status.errorCode` 0 is the only success (Graph: "errorCode 0 represents a successful sign-in").
 */
export function parseEntraSignIn(value: unknown, options: EntraSignInOptions): AccessEventObservation {
  if (!isJsonObject(value) || value['createdDateTime'] === undefined || (value['userPrincipalName'] === undefined && value['appId'] === undefined)) {
    throw new RecordRejection('not a Microsoft Graph signIn: no "createdDateTime" with "userPrincipalName" or "appId"');
  }
  const eventId = requireString(value, 'id');
  const occurredAt = requireDate(value, 'createdDateTime');
  const principal =
    stringAt(value, 'userPrincipalName') ?? stringAt(value, 'userId') ?? stringAt(value, 'servicePrincipalName') ?? stringAt(value, 'servicePrincipalId') ?? stringAt(value, 'appId');
  if (principal === null) throw new RecordRejection('missing required field userPrincipalName', 'userPrincipalName');
  const status = objectAt(value, 'status');
  const errorCode = numberAt(status, 'errorCode');
  if (errorCode === null) throw new RecordRejection('missing required field status.errorCode', 'status.errorCode');
  const ipText = stringAt(value, 'ipAddress');
  // Exports are often redacted ("<Redacted VPN IP>"): not an address, but the sign-in still happened where Entra says.
  const sourceIp = ipText !== null && isIP(ipText) !== 0 ? ipText : null;
  const issuer = stringAt(value, 'tokenIssuerType');
  return {
    kind: 'access-event',
    eventId,
    occurredAt,
    principal,
    // A service principal's sign-in names the secret or certificate it used: the keyId of entra-app-credentials.
    credentialExternalId: stringAt(value, 'servicePrincipalCredentialKeyId'),
    sourceIp,
    country: toCountryCode(stringAt(objectAt(value, 'location'), 'countryOrRegion')) ?? options.geo(sourceIp),
    action: issuer === null || issuer === OWN_TOKEN_ISSUER ? 'signIn' : `signIn:${issuer}`,
    resource: stringAt(value, 'appDisplayName') ?? stringAt(value, 'appId') ?? stringAt(value, 'resourceDisplayName'),
    bytes: null,
    records: null,
    success: errorCode === 0,
  };
}
