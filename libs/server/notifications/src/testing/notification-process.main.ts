/**
 * A separate OS process running one notification worker, wired like the CLI's, from the environment (and
 * NOTIFY_OPTIONS, JSON): for tests that kill a worker for real.
 */
import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, loadConfig } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import { NotificationsModule } from '../notifications.module.js';

@Module({})
class ProcessModule {
  static forRoot(): DynamicModule {
    const options = JSON.parse(process.env['NOTIFY_OPTIONS'] ?? '{}') as Record<string, number>;
    return {
      module: ProcessModule,
      imports: [CoreModule.forRoot(loadConfig()), DatabaseModule.forRoot({ migrate: false, poolSize: 4 }), NotificationsModule.forRoot({ ...options, worker: true })],
    };
  }
}

await NestFactory.createApplicationContext(ProcessModule.forRoot(), { logger: ['error'] });
console.log('ready');
// Runs until killed: the test sends SIGKILL, which no handler sees.
await new Promise(() => undefined);
