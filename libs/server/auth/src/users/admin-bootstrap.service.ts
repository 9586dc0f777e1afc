import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@postureboard/server-core';
import { AUTH_CLOCK, type Clock } from '../auth.clock.js';
import { SYSTEM_ACTOR } from '../audit/audit-actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { UserRepository } from '../repositories/user.repository.js';
import { normaliseEmail } from './email.js';
import { generatePassword } from './user.service.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@postureboard.local';

/** Where the one-time password is printed: stdout, unless a test listens. */
export const ADMIN_PASSWORD_PRINTER = Symbol('ADMIN_PASSWORD_PRINTER');

export type BootstrapOutcome = 'created' | 'created-with-generated-password' | 'updated' | 'unchanged';

/**
 * The first administrator. With POSTUREBOARD_ADMIN_EMAIL and POSTUREBOARD_ADMIN_PASSWORD set, that
 * account always exists with that password (so browser tests and fresh deployments can sign in). Else,
 * on an empty user table only, `admin@postureboard.local` gets a random password printed once.
 * The admin is a platform admin: ADMIN of every organization, including the demo and later ones.
 */
@Injectable()
export class AdminBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
    @Inject(ADMIN_PASSWORD_PRINTER) private readonly print: (line: string) => void,
  ) {}

  async run(): Promise<BootstrapOutcome> {
    const email = normaliseEmail(this.config.POSTUREBOARD_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL);
    const configuredPassword = this.config.POSTUREBOARD_ADMIN_EMAIL ? this.config.POSTUREBOARD_ADMIN_PASSWORD : undefined;
    if (configuredPassword) return this.ensureConfiguredAdmin(email, configuredPassword);
    if ((await this.users.count()) > 0) return 'unchanged';
    const password = this.config.POSTUREBOARD_ADMIN_PASSWORD ?? generatePassword();
    // Two replicas starting on an empty database both get here; the unique e-mail lets only one insert.
    const created = await this.users.insert({ email, passwordHash: await this.hasher.hash(password), platformAdmin: true, createdAt: this.clock() });
    if (!created) return 'unchanged';
    await this.audit.append({ actor: SYSTEM_ACTOR, action: 'user.created', target: email, details: { platformAdmin: true } });
    if (this.config.POSTUREBOARD_ADMIN_PASSWORD) return 'created';
    this.print(`Created the administrator ${email} with the password ${password}`);
    this.print('It is shown only this once: sign in and keep it safe (or set POSTUREBOARD_ADMIN_EMAIL / POSTUREBOARD_ADMIN_PASSWORD).');
    return 'created-with-generated-password';
  }

  private async ensureConfiguredAdmin(email: string, password: string): Promise<BootstrapOutcome> {
    const existing = await this.users.findByEmail(email);
    if (!existing) {
      const created = await this.users.insert({ email, passwordHash: await this.hasher.hash(password), platformAdmin: true, createdAt: this.clock() });
      if (created) await this.audit.append({ actor: SYSTEM_ACTOR, action: 'user.created', target: email, details: { platformAdmin: true } });
      return created ? 'created' : 'unchanged';
    }
    if (existing.status !== 'ACTIVE') {
      // A deliberate deactivation outranks configuration: never silently bring an account back.
      this.logger.warn(`${email} (POSTUREBOARD_ADMIN_EMAIL) is deactivated; it stays deactivated`);
      return 'unchanged';
    }
    const passwordMatches = await this.hasher.verify(existing.passwordHash, password);
    if (passwordMatches && existing.platformAdmin) return 'unchanged';
    if (!passwordMatches) await this.users.setPassword(existing.id, await this.hasher.hash(password), this.clock());
    if (!existing.platformAdmin) await this.users.setPlatformAdmin(existing.id, true);
    await this.audit.append({ actor: SYSTEM_ACTOR, action: 'user.admin-configured', target: email, details: { passwordReset: !passwordMatches } });
    return 'updated';
  }
}
