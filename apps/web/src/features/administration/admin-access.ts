import type { Needed } from '../../app/access/access.context.js';
import { API_TOKENS_QUERY, AUDIT_LOG_QUERY, ISSUE_API_TOKEN, MEMBERS_QUERY } from '../access/access.documents.js';
import { NOTIFICATIONS_QUERY } from '../notifications/notifications.documents.js';
import { UPLOAD_RUNS_QUERY } from '../upload/upload.documents.js';
import type { MessageKey } from '../../i18n/messages.js';

export type { RoleName } from '../../app/access/access.context.js';

/**
 * What each administration page and action needs, by the operations it uses; who may use them is the
 * server's `organizationAccess` (from the @Roles declarations it enforces), not a list kept here.
 */
export const ADMIN_ACCESS = {
  members: [MEMBERS_QUERY],
  notifications: [NOTIFICATIONS_QUERY],
  apiTokens: [API_TOKENS_QUERY],
  manageApiTokens: [ISSUE_API_TOKEN],
  auditLog: [AUDIT_LOG_QUERY],
  upload: ['POST /api/orgs/:org/ingest/:source', UPLOAD_RUNS_QUERY],
} as const satisfies Record<string, readonly Needed[]>;

export type AdminCapability = keyof typeof ADMIN_ACCESS;

/** The administration pages, in the order the hub lists them. */
export const ADMIN_PAGES: readonly { path: string; capability: AdminCapability; needs: readonly Needed[]; title: MessageKey; summary: MessageKey }[] = (
  [
    { path: '/admin/members', capability: 'members', title: 'members.title', summary: 'members.subtitle' },
    { path: '/admin/api-tokens', capability: 'apiTokens', title: 'tokens.title', summary: 'tokens.subtitle' },
    { path: '/admin/audit-log', capability: 'auditLog', title: 'audit.title', summary: 'audit.subtitle' },
    { path: '/admin/notifications', capability: 'notifications', title: 'notifications.title', summary: 'notifications.subtitle' },
    { path: '/connectors/upload', capability: 'upload', title: 'upload.title', summary: 'upload.subtitle' },
  ] as const
).map((p) => ({ ...p, needs: ADMIN_ACCESS[p.capability] }));
