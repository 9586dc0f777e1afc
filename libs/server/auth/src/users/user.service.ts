import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { OrganizationRepository } from '@postureboard/server-database';
import { AUTH_CLOCK, type Clock } from '../auth.clock.js';
import { AuthError, AuthErrorCode } from '../auth.error.js';
import type { AuditActor } from '../audit/audit-actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import type { Caller } from '../authorization/caller.js';
import { PasswordHasher, validatePassword } from '../passwords/password-hasher.js';
import { MembershipRepository } from '../repositories/membership.repository.js';
import { type NotificationPreferences, type RevokedOnDeactivation, type UserRecord, UserRepository } from '../repositories/user.repository.js';
import { isRole, Role } from '../roles/role.js';
import { validEmail } from './email.js';

export interface CreateUser {
  email: string;
  organizationSlug: string;
  role: string;
  /** Team names or ids an ENGINEERING_LEAD leads. */
  teams?: readonly string[];
  /** When absent a random one is generated and returned once. */
  password?: string;
  actor: AuditActor;
}

export interface CreatedUser {
  user: UserRecord;
  /** Set when the user is new and no password was given. */
  generatedPassword: string | null;
  /** False when the e-mail already existed and only the membership changed. */
  created: boolean;
}

/** An organization the caller can see, and what they are there. */
export interface VisibleOrganization {
  id: string;
  slug: string;
  name: string;
  role: Role;
  teamIds: readonly string[];
}

export const generatePassword = (): string => randomBytes(18).toString('base64url');

@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly organizations: OrganizationRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditTrail,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates the user (or finds them) and sets their role in the organization. */
  async create(input: CreateUser): Promise<CreatedUser> {
    const email = validEmail(input.email);
    if (!isRole(input.role)) throw new AuthError(AuthErrorCode.INVALID_INPUT, `Role must be one of ${Object.values(Role).join(', ')}`);
    const role = input.role;
    const organization = await this.organizations.findBySlug(input.organizationSlug);
    if (!organization) throw new AuthError(AuthErrorCode.NOT_FOUND, `No organization with slug "${input.organizationSlug}"`);
    const teams = input.teams ?? [];
    if (teams.length > 0 && role !== Role.ENGINEERING_LEAD) throw new AuthError(AuthErrorCode.INVALID_INPUT, 'Only an ENGINEERING_LEAD leads teams');
    const { ids: teamIds, missing } = await this.memberships.resolveTeams(organization.id, teams);
    if (missing.length) throw new AuthError(AuthErrorCode.NOT_FOUND, `No team ${missing.map((t) => `"${t}"`).join(', ')} in ${organization.slug}`);
    if (input.password !== undefined) validatePassword(input.password);

    let user = await this.users.findByEmail(email);
    let generatedPassword: string | null = null;
    const created = !user;
    if (!user) {
      generatedPassword = input.password === undefined ? generatePassword() : null;
      const passwordHash = await this.hasher.hash(input.password ?? generatedPassword!);
      user = await this.users.insert({ email, passwordHash, platformAdmin: false, createdAt: this.clock() });
      if (!user) throw new AuthError(AuthErrorCode.CONFLICT, `${email} was created at the same time by someone else; try again`);
      await this.audit.append({ actor: input.actor, action: 'user.created', target: email });
    } else if (input.password !== undefined) {
      const ended = await this.users.setPassword(user.id, await this.hasher.hash(input.password), this.clock());
      await this.audit.append({ actor: input.actor, action: 'user.password-set', target: email, details: { sessionsEnded: ended.sessions } });
    }
    await this.memberships.upsert({ userId: user.id, organizationId: organization.id, role, teamIds });
    await this.audit.append({ actor: input.actor, action: 'membership.set', organizationId: organization.id, target: email, details: { role, teamIds } });
    return { user, generatedPassword, created };
  }

  /** Deactivates the user and revokes every session, refresh token and API token they hold, at once. */
  async deactivate(input: { email: string; actor: AuditActor }): Promise<RevokedOnDeactivation> {
    const email = validEmail(input.email);
    const user = await this.users.findByEmail(email);
    if (!user) throw new AuthError(AuthErrorCode.NOT_FOUND, `No user ${email}`);
    const revoked = await this.users.deactivate(user.id, this.clock());
    if (!revoked) throw new AuthError(AuthErrorCode.CONFLICT, `${email} is already deactivated`);
    await this.audit.append({ actor: input.actor, action: 'user.deactivated', target: email, details: { ...revoked } });
    return revoked;
  }

  async notificationPreferences(userId: string): Promise<NotificationPreferences> {
    const found = await this.users.notificationPreferences(userId);
    if (!found) throw new AuthError(AuthErrorCode.NOT_FOUND, 'No such user');
    return found;
  }

  /**
   * Sets a user's own notification preferences: the language of e-mail addressed to them (`en`, `ko`, or `null` for
   * each channel's) and whether they receive the weekly digest. By user id (GraphQL: the caller) or e-mail (CLI).
   */
  async setNotificationPreferences(input: {
    user: { id: string } | { email: string };
    language?: string | null;
    digestOptOut?: boolean;
    actor: AuditActor;
  }): Promise<NotificationPreferences & { email: string }> {
    if (input.language != null && input.language !== 'en' && input.language !== 'ko') {
      throw new AuthError(AuthErrorCode.INVALID_INPUT, `Language must be en or ko (or none for each channel's), not "${input.language}"`);
    }
    const user = 'id' in input.user ? await this.users.findById(input.user.id) : await this.users.findByEmail(validEmail(input.user.email));
    if (!user) throw new AuthError(AuthErrorCode.NOT_FOUND, `No user ${'email' in input.user ? input.user.email : ''}`.trim());
    const saved = await this.users.setNotificationPreferences(user.id, { language: input.language as 'en' | 'ko' | null | undefined, digestOptOut: input.digestOptOut });
    if (!saved) throw new AuthError(AuthErrorCode.NOT_FOUND, `No user ${user.email}`);
    await this.audit.append({ actor: input.actor, action: 'user.notification-preferences-set', target: user.email, details: { ...saved } });
    return { ...saved, email: user.email };
  }

  findById(id: string): Promise<UserRecord | null> {
    return this.users.findById(id);
  }

  /**
   * The organizations a caller may see: an API token sees its own; the platform admin sees every one
   * (as ADMIN unless a membership says otherwise); everyone else their memberships.
   */
  async visibleOrganizations(caller: Caller): Promise<VisibleOrganization[]> {
    const memberships = await this.memberships.listForUser(caller.userId);
    const byOrganization = new Map<string, VisibleOrganization>(
      memberships.map((m) => [m.organizationId, { id: m.organizationId, slug: m.organizationSlug, name: m.organizationName, role: m.role, teamIds: m.teamIds }]),
    );
    if (caller.kind === 'api-token') {
      const own = byOrganization.get(caller.organizationId);
      const organization = own ?? (await this.organizations.findByIds([caller.organizationId]))[0];
      return organization ? [{ id: organization.id, slug: organization.slug, name: organization.name, role: caller.role, teamIds: own?.teamIds ?? [] }] : [];
    }
    if (caller.platformAdmin) {
      for (const o of await this.organizations.findAll()) {
        if (!byOrganization.has(o.id)) byOrganization.set(o.id, { id: o.id, slug: o.slug, name: o.name, role: Role.ADMIN, teamIds: [] });
      }
    }
    return [...byOrganization.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  }
}
