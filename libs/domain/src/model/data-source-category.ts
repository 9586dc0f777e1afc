import type { DataSourceCategory } from './enums.js';

/**
 * What each source type feeds: the DETECTION score checks every category is covered and fresh. One map for
 * the connectors' registry, the data-source pages and the posture's input (`postureboard` is the product's own
 * signing keys).
 */
const CATEGORY_BY_SOURCE_TYPE: Readonly<Record<string, DataSourceCategory>> = {
  'iam-credential-report': 'CREDENTIALS',
  'aws-kms': 'CREDENTIALS',
  jwks: 'CREDENTIALS',
  x509: 'CREDENTIALS',
  vault: 'CREDENTIALS',
  'hr-roster': 'IDENTITY',
  'scim-users': 'IDENTITY',
  okta: 'IDENTITY',
  'okta-system-log': 'ACCESS_EVENTS',
  cloudtrail: 'ACCESS_EVENTS',
  ocsf: 'ACCESS_EVENTS',
  'access-review-decisions': 'ACCESS_REVIEWS',
  'entra-signins': 'ACCESS_EVENTS',
  'entra-users': 'IDENTITY',
  'entra-app-credentials': 'CREDENTIALS',
  'github-audit-log': 'ACCESS_EVENTS',
  'github-credentials': 'CREDENTIALS',
  'github-members': 'IDENTITY',
  'google-users': 'IDENTITY',
  'google-activity': 'ACCESS_EVENTS',
  'access-rollups': 'ACCESS_EVENTS',
  postureboard: 'CREDENTIALS',
};

export const dataSourceCategoryOf = (type: string): DataSourceCategory | undefined => CATEGORY_BY_SOURCE_TYPE[type];
