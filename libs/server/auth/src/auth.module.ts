import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AUTH_CLOCK, systemClock } from './auth.clock.js';
import { AUTH_OPTIONS, type AuthModuleOptions, type ResolvedAuthOptions } from './auth.options.js';
import { AuthErrorFilter } from './auth-error.filter.js';
import { AuthStartup } from './auth-startup.service.js';
import { AuditInterceptor } from './audit/audit.interceptor.js';
import { AuditTrail } from './audit/audit-trail.service.js';
import { Authenticator } from './authentication/authenticator.service.js';
import { AuthorizationGuard } from './authorization/authorization.guard.js';
import { CallerAccess } from './authorization/caller-access.service.js';
import { GraphqlHardeningPlugin } from './graphql/graphql-hardening.plugin.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcService } from './oidc/oidc.service.js';
import { PasswordHasher } from './passwords/password-hasher.js';
import { ApiTokenRepository } from './repositories/api-token.repository.js';
import { AuditLogRepository } from './repositories/audit-log.repository.js';
import { CredentialInventoryRepository } from './repositories/credential-inventory.repository.js';
import { MembershipRepository } from './repositories/membership.repository.js';
import { SessionRepository } from './repositories/session.repository.js';
import { SigningKeyRepository } from './repositories/signing-key.repository.js';
import { UserRepository } from './repositories/user.repository.js';
import { ApiTokenResolver } from './resolvers/api-token.resolver.js';
import { AuditLogResolver } from './resolvers/audit-log.resolver.js';
import { MeResolver } from './resolvers/me.resolver.js';
import { MemberResolver } from './resolvers/member.resolver.js';
import { OperationCatalog, OrganizationAccessResolver } from './resolvers/organization-access.resolver.js';
import { AuthController } from './sessions/auth.controller.js';
import { SessionService } from './sessions/session.service.js';
import { SigningKeyService } from './signing-keys/signing-key.service.js';
import { ApiTokenService } from './tokens/api-token.service.js';
import { ADMIN_PASSWORD_PRINTER, AdminBootstrap } from './users/admin-bootstrap.service.js';
import { UserService } from './users/user.service.js';

const repositories = [
  UserRepository,
  MembershipRepository,
  SessionRepository,
  ApiTokenRepository,
  SigningKeyRepository,
  CredentialInventoryRepository,
  AuditLogRepository,
];

const services = [PasswordHasher, AuditTrail, SigningKeyService, SessionService, ApiTokenService, UserService, Authenticator, CallerAccess, AdminBootstrap, OidcService];

/**
 * Identity and access for Postureboard itself. Importing it anywhere installs, for the whole app, the
 * authorization guard (every GraphQL root field and HTTP route), the audit interceptor (every
 * mutation), the AuthError mapping and the GraphQL hardening plugin.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    const resolved: ResolvedAuthOptions = {
      runStartupTasks: options.runStartupTasks ?? false,
      signingKeyRotationDays: options.signingKeyRotationDays ?? 30,
    };
    const providers: Provider[] = [
      { provide: AUTH_OPTIONS, useValue: resolved },
      { provide: AUTH_CLOCK, useValue: options.clock ?? systemClock },
      { provide: ADMIN_PASSWORD_PRINTER, useValue: (line: string) => console.log(line) },
      ...repositories,
      ...services,
      MeResolver,
      AuditLogResolver,
      ApiTokenResolver,
      MemberResolver,
      OperationCatalog,
      OrganizationAccessResolver,
      GraphqlHardeningPlugin,
      { provide: APP_GUARD, useClass: AuthorizationGuard },
      { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      { provide: APP_FILTER, useClass: AuthErrorFilter },
      ...(resolved.runStartupTasks ? [AuthStartup] : []),
    ];
    return {
      module: AuthModule,
      global: true,
      controllers: [AuthController, OidcController],
      providers,
      exports: [AuditTrail, UserService, ApiTokenService, SigningKeyService, SessionService, AdminBootstrap, Authenticator, CallerAccess],
    };
  }
}
