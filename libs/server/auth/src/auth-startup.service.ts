import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AuditTrail } from './audit/audit-trail.service.js';
import { SigningKeyService } from './signing-keys/signing-key.service.js';
import { AdminBootstrap } from './users/admin-bootstrap.service.js';

/** How often each API replica checks whether the signing key is due (and refreshes the inventory). */
const ROTATION_CHECK_MS = 60 * 60_000;

/** API start-up: the keyed audit chain's cut-over, the first admin, a current signing key, and the rotation schedule. */
@Injectable()
export class AuthStartup implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Auth');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly adminBootstrap: AdminBootstrap,
    private readonly signingKeys: SigningKeyService,
    private readonly audit: AuditTrail,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.audit.sealUnkeyedHead();
    await this.adminBootstrap.run();
    await this.signingKeys.ensureCurrentKey();
    this.timer = setInterval(() => {
      this.signingKeys.ensureCurrentKey().catch((error: unknown) => this.logger.error(`Signing-key rotation failed: ${(error as Error).message}`));
    }, ROTATION_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
