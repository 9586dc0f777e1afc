import type { AccessEventObservation, Observation } from './core/observation.js';
import { parseCloudTrailRecord } from './cloudtrail/cloudtrail-record.parser.js';
import { parseEntraSignIn } from './entra/entra-signin.parser.js';
import { parseOcsfEvent } from './ocsf/ocsf-event.parser.js';
import { parseOktaEvent } from './okta-system-log/okta-event.parser.js';

/**
 * A refused attempt (a failed or denied sign-in or call) is not use of access. Each format says so in its own
 * status field; the connectors carry it as `success: false`, and the ingest leaves such events out of the
 * rollups (not activity, not volume) while keeping them as evidence. Records written from each format's
 * specification: Microsoft Graph v1.0 signIn, Okta System Log LogEvent, OCSF 1.x, CloudTrail record contents.
 */
const geo = () => null;

const entraSignIn = (errorCode: number, failureReason: string | null) => ({
  id: `si-${errorCode}`,
  createdDateTime: '2026-10-05T01:02:03Z',
  userDisplayName: 'Kim Min-jun',
  userPrincipalName: 'kim@acme.test',
  userId: '6f0c1f3e-0000-4000-8000-000000000001',
  appId: '00000003-0000-0ff1-ce00-000000000000',
  appDisplayName: 'Office 365 SharePoint Online',
  ipAddress: '1.202.1.1',
  clientAppUsed: 'Browser',
  isInteractive: true,
  conditionalAccessStatus: 'notApplied',
  status: { errorCode, failureReason, additionalDetails: null },
  location: { city: 'Beijing', state: 'Beijing', countryOrRegion: 'CN' },
});

const oktaEvent = (eventType: string, result: string | null, reason: string | null = null) => ({
  uuid: `okta-${eventType}-${result}`,
  published: '2026-10-05T01:02:03.000Z',
  eventType,
  version: '0',
  severity: result === 'SUCCESS' ? 'INFO' : 'WARN',
  displayMessage: 'User login to Okta',
  actor: { id: '00u1kim', type: 'User', alternateId: 'kim@acme.test', displayName: 'Kim Min-jun' },
  client: { ipAddress: '1.202.1.1', geographicalContext: { country: 'China', city: 'Beijing' } },
  ...(result === null ? {} : { outcome: { result, reason } }),
  target: [{ id: '0oa1crm', type: 'AppInstance', alternateId: 'CRM', displayName: 'CRM' }],
  transaction: { type: 'WEB', id: 'tx-1', detail: {} },
});

const ocsfAuthentication = (status: { status_id?: number; status?: string }) => ({
  class_uid: 3002,
  class_name: 'Authentication',
  category_uid: 3,
  activity_id: 1,
  type_uid: 300201,
  time: Date.parse('2026-10-05T01:02:03Z'),
  severity_id: 1,
  ...status,
  metadata: { uid: `auth-${JSON.stringify(status)}`, version: '1.3.0', product: { name: 'Acme IdP', vendor_name: 'Acme' } },
  user: { email_addr: 'kim@acme.test', name: 'kim' },
  src_endpoint: { ip: '1.202.1.1' },
});

const ocsfApiActivity = (statusId: number) => ({
  ...ocsfAuthentication({ status_id: statusId }),
  class_uid: 6003,
  class_name: 'API Activity',
  category_uid: 6,
  activity_id: 2,
  type_uid: 600302,
  metadata: { uid: `api-${statusId}`, version: '1.4.0', product: { name: 'Acme SaaS', vendor_name: 'Acme' } },
  user: undefined,
  actor: { user: { email_addr: 'kim@acme.test' } },
  api: { operation: 'files.download' },
  http_response: { code: statusId === 2 ? 403 : 200, length: statusId === 2 ? 0 : 1_000_000 },
});

const trailRecord = (extra: object) => ({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', principalId: 'AIDAKIM', arn: 'arn:aws:iam::111122223333:user/kim', accountId: '111122223333', userName: 'kim' },
  eventTime: '2026-10-05T01:02:03Z',
  awsRegion: 'ap-northeast-2',
  sourceIPAddress: '1.202.1.1',
  userAgent: 'Mozilla/5.0',
  eventID: `ct-${JSON.stringify(extra).length}`,
  recipientAccountId: '111122223333',
  ...extra,
});

const accessEvent = (observations: Observation[]): AccessEventObservation => {
  const event = observations.find((o): o is AccessEventObservation => o.kind === 'access-event');
  if (!event) throw new Error('no access event');
  return event;
};

describe('refused attempts, by each format’s own status', () => {
  it('Entra sign-in: status.errorCode 0 is the only success; 50126 (bad password), 50057 (account disabled), 50053 (locked), 50074 (MFA required, not completed) are refused', () => {
    expect(parseEntraSignIn(entraSignIn(0, null), { geo }).success).toBe(true);
    for (const [code, reason] of [
      [50126, 'Error validating credentials due to invalid username or password.'],
      [50057, 'User account is disabled.'],
      [50053, 'Account is locked.'],
      [50074, 'Strong Authentication is required.'],
    ] as const) {
      expect({ code, success: parseEntraSignIn(entraSignIn(code, reason), { geo }).success }).toEqual({ code, success: false });
    }
  });

  it('Okta System Log: outcome.result SUCCESS and ALLOW are uses; FAILURE, DENY, CHALLENGE (not completed), RATE_LIMIT and UNKNOWN are not; an event without an outcome happened', () => {
    expect(accessEvent(parseOktaEvent(oktaEvent('user.session.start', 'SUCCESS'), { geo })).success).toBe(true);
    expect(accessEvent(parseOktaEvent(oktaEvent('policy.evaluate_sign_on', 'ALLOW'), { geo })).success).toBe(true);
    expect(accessEvent(parseOktaEvent(oktaEvent('user.authentication.sso', null), { geo })).success).toBe(true);
    for (const [eventType, result, reason] of [
      ['user.session.start', 'FAILURE', 'INVALID_CREDENTIALS'],
      ['user.session.start', 'FAILURE', 'VERIFICATION_ERROR'],
      ['policy.evaluate_sign_on', 'DENY', 'Sign-on policy evaluation resulted in DENY'],
      ['user.authentication.auth_via_mfa', 'CHALLENGE', null],
      ['user.session.start', 'RATE_LIMIT', null],
      ['user.session.start', 'UNKNOWN', null],
    ] as const) {
      expect({ eventType, result, success: accessEvent(parseOktaEvent(oktaEvent(eventType, result, reason), { geo })).success }).toEqual({ eventType, result, success: false });
    }
  });

  it('OCSF: status_id 2 Failure is refused (Authentication and API Activity alike); 1 Success, 0 Unknown and 99 Other happened; without status_id the status caption decides', () => {
    expect(parseOcsfEvent(ocsfAuthentication({ status_id: 2, status: 'Failure' }), { geo }).success).toBe(false);
    expect(parseOcsfEvent(ocsfAuthentication({ status: 'Failure' }), { geo }).success).toBe(false);
    expect(parseOcsfEvent(ocsfApiActivity(2), { geo }).success).toBe(false);
    expect(parseOcsfEvent(ocsfAuthentication({ status_id: 1, status: 'Success' }), { geo }).success).toBe(true);
    expect(parseOcsfEvent(ocsfAuthentication({ status_id: 0, status: 'Unknown' }), { geo }).success).toBe(true);
    expect(parseOcsfEvent(ocsfAuthentication({ status_id: 99, status: 'Other' }), { geo }).success).toBe(true);
    expect(parseOcsfEvent(ocsfApiActivity(1), { geo }).success).toBe(true);
  });

  it('CloudTrail: a record with an errorCode (AccessDenied, Client.UnauthorizedOperation) or a ConsoleLogin answered Failure is refused', () => {
    const getObject = { eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventType: 'AwsApiCall', requestParameters: { bucketName: 'data-lake', key: 'x.parquet' } };
    expect(parseCloudTrailRecord(trailRecord({ ...getObject, additionalEventData: { bytesTransferredOut: 10 } }), { geo }).success).toBe(true);
    expect(parseCloudTrailRecord(trailRecord({ ...getObject, errorCode: 'AccessDenied', errorMessage: 'Access Denied' }), { geo }).success).toBe(false);
    expect(
      parseCloudTrailRecord(trailRecord({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventType: 'AwsApiCall', errorCode: 'Client.UnauthorizedOperation' }), { geo }).success,
    ).toBe(false);
    const consoleLogin = (answer: string) =>
      trailRecord({
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        eventType: 'AwsConsoleSignIn',
        responseElements: { ConsoleLogin: answer },
        additionalEventData: { MFAUsed: 'No', LoginTo: 'https://console.aws.amazon.com/' },
        ...(answer === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
      });
    expect(parseCloudTrailRecord(consoleLogin('Success'), { geo }).success).toBe(true);
    expect(parseCloudTrailRecord(consoleLogin('Failure'), { geo }).success).toBe(false);
  });
});
