import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { sameOriginMiddleware } from './same-origin.middleware.js';
import { securityHeadersMiddleware } from './security-headers.middleware.js';

/**
 * Registers the security headers and the same-origin check on the HTTP server, before anything else that
 * answers (the web build's static files and pages included): call it right after creating the app.
 */
export function applyHttpHardening(app: INestApplication, config: AppConfig): void {
  app.use(securityHeadersMiddleware(config.NODE_ENV === 'production'));
  app.use(sameOriginMiddleware(config.POSTUREBOARD_PUBLIC_URL));
}
