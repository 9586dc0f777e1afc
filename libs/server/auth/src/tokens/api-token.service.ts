import { Inject, Injectable } from '@nestjs/common';
import { OrganizationRepository } from '@postureboard/server-database';
import { AUTH_CLOCK, type Clock } from '../auth.clock.js';
import { AuthError, AuthErrorCode, forbidden } from '../auth.error.js';
import type { AuditActor } from '../audit/audit-actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import type { ApiTokenCaller } from '../authorization/caller.js';
import { type ApiTokenRecord, ApiTokenRepository } from '../repositories/api-token.repository.js';
import { MembershipRepository } from '../repositories/membership.repository.js';
import { UserRepository } from '../repositories/user.repository.js';
import { canDelegate, Role } from '../roles/role.js';
import { validEmail } from '../users/email.js';
import { parseDuration } from './duration.js';
import { API_TOKEN_PREFIX, displayPrefix, hashOpaqueToken, newOpaqueToken } from './opaque-token.js';

/** Long-lived tokens are how keys outlive their owners: a year is the most a token may run. */
export const MAX_API_TOKEN_LIFETIME_MS = 365 * 86_400_000;

export interface IssueApiToken {
  email: string;
  organizationSlug: string;
  /** Defaults to the holder's role in the organization; may never exceed it. */
  role?: Role;
  /** `30d`, `12h`, ... (mandatory: there are no eternal tokens). */
  expiresIn: string;
  name?: string;
  actor: AuditActor;
}

export interface IssuedApiToken {
  /** Shown once; only its SHA-256 digest is stored. */
  token: string;
  record: ApiTokenRecord;
}

/** How often a token's `last_used_at` is written (the repository's own condition uses the same minute). */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiTokenService {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly organizations: OrganizationRepository,
    private readonly audit: AuditTrail,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  async issue(input: IssueApiToken): Promise<IssuedApiToken> {
    const email = validEmail(input.email);
    const user = await this.users.findByEmail(email);
    if (!user || user.status !== 'ACTIVE') throw new AuthError(AuthErrorCode.NOT_FOUND, `No active user ${email}`);
    const organization = await this.organizations.findBySlug(input.organizationSlug);
    if (!organization) throw new AuthError(AuthErrorCode.NOT_FOUND, `No organization with slug "${input.organizationSlug}"`);
    const membership = await this.memberships.find(user.id, organization.id);
    const held = membership?.role ?? (user.platformAdmin ? Role.ADMIN : null);
    if (!held) throw forbidden(`${email} is not a member of ${organization.slug}`);
    const role = input.role ?? held;
    if (!canDelegate(held, role)) throw forbidden(`A ${held} cannot issue a ${role} token`);
    const lifetime = parseDuration(input.expiresIn);
    if (lifetime > MAX_API_TOKEN_LIFETIME_MS) throw new AuthError(AuthErrorCode.INVALID_INPUT, 'An API token may live at most 365 days');

    const now = this.clock();
    const token = newOpaqueToken(API_TOKEN_PREFIX);
    const record = await this.tokens.insert({
      userId: user.id,
      organizationId: organization.id,
      role,
      name: (input.name?.trim() || `token for ${email}`).slice(0, 100),
      tokenHash: hashOpaqueToken(token),
      tokenPrefix: displayPrefix(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetime),
    });
    await this.audit.append({
      actor: input.actor,
      action: 'api-token.issued',
      organizationId: organization.id,
      target: record.id,
      details: { holder: email, role, expiresAt: record.expiresAt.toISOString() },
    });
    return { token, record };
  }

  /** Returns the revoked token; NOT_FOUND when there is no unrevoked token with that id (in that organization, when given). */
  async revoke(input: { id: string; actor: AuditActor; organizationId?: string; onlyHeldBy?: string }): Promise<ApiTokenRecord> {
    const record = UUID.test(input.id) ? await this.tokens.findById(input.id) : null;
    const inScope =
      record && (!input.organizationId || record.organizationId === input.organizationId) && (!input.onlyHeldBy || record.userId === input.onlyHeldBy);
    if (!record || !inScope || record.revokedAt) throw new AuthError(AuthErrorCode.NOT_FOUND, `No active API token ${input.id}`);
    const now = this.clock();
    await this.tokens.revoke(record.id, now, 'revoked');
    await this.audit.append({ actor: input.actor, action: 'api-token.revoked', organizationId: record.organizationId, target: record.id, details: { holder: record.userEmail } });
    return { ...record, revokedAt: now };
  }

  list(organizationId: string, heldBy: string | null): Promise<ApiTokenRecord[]> {
    return this.tokens.listForOrganization(organizationId, heldBy);
  }

  /** When this process last recorded each token's use: `last_used_at` is kept to the minute, not per request. */
  private readonly touched = new Map<string, number>();

  /**
   * Records the token's use at most once a minute per process: a dashboard polling with a token would
   * otherwise send an UPDATE (that changes nothing) with every request.
   */
  private async touch(tokenId: string, now: Date): Promise<void> {
    const last = this.touched.get(tokenId);
    if (last !== undefined && now.getTime() >= last && now.getTime() - last < TOUCH_INTERVAL_MS) return;
    await this.tokens.touch(tokenId, now);
    if (this.touched.size >= 10_000) this.touched.clear();
    this.touched.set(tokenId, now.getTime());
  }

  /**
   * The caller behind a presented token, or null. The holder must still be active and still hold a role
   * that covers the token's: demoting or removing a member silently disarms their tokens.
   */
  async authenticate(token: string): Promise<ApiTokenCaller | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const now = this.clock();
    const found = await this.tokens.findActiveByHash(hashOpaqueToken(token), now);
    if (!found) return null;
    const held = found.memberRole ?? (found.platformAdmin ? Role.ADMIN : null);
    if (!held || !canDelegate(held, found.role)) return null;
    await this.touch(found.id, now);
    return {
      kind: 'api-token',
      tokenId: found.id,
      userId: found.userId,
      email: found.userEmail,
      platformAdmin: found.platformAdmin,
      organizationId: found.organizationId,
      organizationSlug: found.organizationSlug,
      role: found.role,
      teamIds: found.memberTeamIds ?? [],
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
