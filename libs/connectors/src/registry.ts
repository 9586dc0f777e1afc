import type { z } from 'zod';
import { accessRollupsFileSource } from './access-rollups/index.js';
import { accessReviewDecisionsFileSource } from './access-review-decisions/index.js';
import { awsKmsConnector } from './aws-kms/index.js';
import { cloudTrailFileSource, cloudTrailS3Connector } from './cloudtrail/index.js';
import type { CollectContext, ConnectionTestResult, Connector, FileSource } from './core/connector.js';
import type { CollectedRecord } from './core/observation.js';
import {
  entraAppCredentialsConnector,
  entraAppCredentialsFileSource,
  entraSignInsConnector,
  entraSignInsFileSource,
  entraUsersConnector,
  entraUsersFileSource,
} from './entra/index.js';
import {
  gitHubAuditLogConnector,
  gitHubAuditLogFileSource,
  gitHubCredentialsConnector,
  gitHubCredentialsFileSource,
  gitHubMembersConnector,
  gitHubMembersFileSource,
} from './github/index.js';
import { googleActivityConnector, googleActivityFileSource, googleUsersConnector, googleUsersFileSource } from './google-workspace/index.js';
import { hrRosterFileSource } from './hr-roster/index.js';
import { iamCredentialReportConnector, iamCredentialReportFileSource } from './iam-credential-report/index.js';
import { jwksConnector, jwksFileSource } from './jwks/index.js';
import { oktaConnector } from './okta/index.js';
import { ocsfFileSource } from './ocsf/index.js';
import { oktaSystemLogFileSource } from './okta-system-log/index.js';
import { scimUsersConnector, scimUsersFileSource } from './scim-users/index.js';
import { vaultConnector } from './vault/index.js';
import { x509EndpointsConnector, x509FileSource } from './x509/index.js';

/**
 * A connector with its configuration type erased, so connectors of every type can sit in one list.
 * `test` and `collect` validate the configuration with the connector's own schema before use.
 */
export interface RegisteredConnector {
  type: string;
  displayName: string;
  configSchema: z.ZodType<unknown>;
  /** Fields encrypted at rest and never returned. */
  secretFields: readonly string[];
  test(config: unknown, context: CollectContext): Promise<ConnectionTestResult>;
  collect(config: unknown, context: CollectContext): AsyncIterable<CollectedRecord>;
}

function register<Config>(connector: Connector<Config>): RegisteredConnector {
  return {
    type: connector.type,
    displayName: connector.displayName,
    configSchema: connector.configSchema,
    secretFields: connector.secretFields,
    test: (config, context) => connector.test(connector.configSchema.parse(config), context),
    collect: (config, context) => connector.collect(connector.configSchema.parse(config), context),
  };
}

/** Every `--source` of `postureboard ingest` (and of the upload endpoint). */
export const FILE_SOURCES: readonly FileSource[] = [
  iamCredentialReportFileSource,
  jwksFileSource,
  x509FileSource,
  hrRosterFileSource,
  scimUsersFileSource,
  oktaSystemLogFileSource,
  cloudTrailFileSource,
  ocsfFileSource,
  accessReviewDecisionsFileSource,
  entraSignInsFileSource,
  entraUsersFileSource,
  entraAppCredentialsFileSource,
  gitHubAuditLogFileSource,
  gitHubCredentialsFileSource,
  gitHubMembersFileSource,
  googleUsersFileSource,
  googleActivityFileSource,
  accessRollupsFileSource,
];

/** Every connector that pulls from a live API on a schedule. */
export const CONNECTORS: readonly RegisteredConnector[] = [
  register(iamCredentialReportConnector),
  register(awsKmsConnector),
  register(jwksConnector),
  register(x509EndpointsConnector),
  register(vaultConnector),
  register(scimUsersConnector),
  register(oktaConnector),
  register(cloudTrailS3Connector),
  register(entraSignInsConnector),
  register(entraUsersConnector),
  register(entraAppCredentialsConnector),
  register(gitHubAuditLogConnector),
  register(gitHubCredentialsConnector),
  register(gitHubMembersConnector),
  register(googleUsersConnector),
  register(googleActivityConnector),
];


export const fileSourceFor = (type: string): FileSource | undefined => FILE_SOURCES.find((s) => s.type === type);

export const connectorFor = (type: string): RegisteredConnector | undefined => CONNECTORS.find((c) => c.type === type);

