import { Role } from '../../data-access/graphql.generated.js';
import type { MessageKey } from '../../i18n/messages.js';

type RoleName = (typeof Role)[keyof typeof Role];

const WRITERS: readonly RoleName[] = [Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST];
const EVERYONE: readonly RoleName[] = Object.values(Role);

/**
 * Who may open each administration page and use each action, as the server declares it with @Roles
 * (the server refuses anyway; this only keeps the app from offering what it would refuse):
 * - members, setMember: MemberResolver, ADMIN
 * - notification channels, rules, delivery log: NotificationResolver, ADMIN
 * - apiTokens: every role (its own tokens; an ADMIN sees all); issueApiToken, revokeApiToken: WRITER_ROLES
 * - auditLog, verifyAuditChain: AuditLogResolver, ADMIN and AUDITOR
 * - POST /api/orgs/:org/ingest/:source: IngestUploadController, ADMIN, CISO and ANALYST
 */
export const ADMIN_ACCESS = {
  members: [Role.ADMIN],
  notifications: [Role.ADMIN],
  apiTokens: EVERYONE,
  manageApiTokens: WRITERS,
  auditLog: [Role.ADMIN, Role.AUDITOR],
  upload: [Role.ADMIN, Role.CISO, Role.ANALYST],
} as const satisfies Record<string, readonly RoleName[]>;

export type AdminCapability = keyof typeof ADMIN_ACCESS;

export const allows = (role: RoleName | null, capability: AdminCapability): boolean =>
  role !== null && (ADMIN_ACCESS[capability] as readonly RoleName[]).includes(role);

/** The administration pages, in the order the hub lists them. */
export const ADMIN_PAGES: readonly { path: string; capability: AdminCapability; title: MessageKey; summary: MessageKey }[] = [
  { path: '/admin/members', capability: 'members', title: 'members.title', summary: 'members.subtitle' },
  { path: '/admin/api-tokens', capability: 'apiTokens', title: 'tokens.title', summary: 'tokens.subtitle' },
  { path: '/admin/audit-log', capability: 'auditLog', title: 'audit.title', summary: 'audit.subtitle' },
  { path: '/admin/notifications', capability: 'notifications', title: 'notifications.title', summary: 'notifications.subtitle' },
  { path: '/connectors/upload', capability: 'upload', title: 'upload.title', summary: 'upload.subtitle' },
];

export type { RoleName };
