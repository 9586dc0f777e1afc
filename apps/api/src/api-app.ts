import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, applyHttpHardening } from '@postureboard/server-core';
import { AppModule } from './app.module.js';
import { serveWebApp } from './web/web-static.js';

export interface ApiAppOptions {
  logger: LogLevel[] | false;
  /** The built web app to serve beside the API; none: API only. */
  webRoot?: string;
}

/**
 * The API application as it runs: the module, security headers, the same-origin check and, when given, the web
 * app. `main.ts` and the API's own tests build it here, so a test exercises the server a user reaches.
 */
export async function createApiApp(config: AppConfig, options: ApiAppOptions): Promise<{ app: NestExpressApplication; servingWeb: boolean }> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: options.logger, bodyParser: true, abortOnError: false });
  app.disable('x-powered-by');
  applyHttpHardening(app, config);
  const servingWeb = options.webRoot !== undefined && serveWebApp(app, options.webRoot);
  return { app, servingWeb };
}
