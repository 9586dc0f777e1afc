import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { AuditTrail, cliActor } from '@postureboard/server-auth';
import { APP_CONFIG, type AppConfig, SECRET_KEY_FILE, SecretBox } from '@postureboard/server-core';
import { DataSourceService } from '@postureboard/server-ingest';
import { NotificationChannelService } from '@postureboard/server-notifications';
import { output, resolve } from '../cli-context.js';

const parseKey = (value: string): Buffer => {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new InvalidArgumentError('expected 32 bytes encoded in base64 (openssl rand -base64 32)');
  return key;
};

export function registerSecrets(program: Command): void {
  const secrets = program.command('secrets').description('manage the master key that encrypts connector secrets at rest');
  secrets
    .command('rotate-key')
    .description('re-encrypt every stored connector and notification-channel secret under a new master key')
    .option('--new-key <base64>', 'the new key (required when POSTUREBOARD_SECRET_KEY is set; generated otherwise)', parseKey)
    .option('--json', 'print the result as JSON')
    .action(async (options: { newKey?: Buffer; json?: boolean }) => {
      const config = await resolve<AppConfig>(APP_CONFIG);
      const fromEnvironment = Boolean(config.POSTUREBOARD_SECRET_KEY);
      if (fromEnvironment && !options.newKey) {
        throw new InvalidArgumentError('POSTUREBOARD_SECRET_KEY is set: pass the new key with --new-key, then set the variable to it');
      }
      const newKey = options.newKey ?? randomBytes(32);
      const current = SecretBox.fromConfig(config);
      const keyFile = join(config.POSTUREBOARD_DATA_DIR, SECRET_KEY_FILE);
      const pending = `${keyFile}.next`;
      // The new key is on disk before the data changes, so a crash in between never loses it.
      if (!fromEnvironment) writeFileSync(pending, `${newKey.toString('base64')}\n`, { mode: 0o600 });
      let count: number;
      let channels: number;
      const next = new SecretBox(newKey);
      try {
        const dataSources = await resolve(DataSourceService);
        count = await dataSources.resealAll(next, current);
        const notificationChannels = await resolve(NotificationChannelService);
        try {
          channels = await notificationChannels.resealAll(next, current);
        } catch (error) {
          // Two transactions: put the data sources back under the key that stays in place.
          await dataSources.resealAll(current, next);
          throw error;
        }
        try {
          // Sealed under the new key, vouching for every audit entry sealed under the old one (see AuditTrail).
          await (await resolve(AuditTrail)).recordKeyRotation(newKey, cliActor());
        } catch (error) {
          await notificationChannels.resealAll(current, next);
          await dataSources.resealAll(current, next);
          throw error;
        }
      } catch (error) {
        if (!fromEnvironment) rmSync(pending, { force: true });
        throw error;
      }
      if (!fromEnvironment) renameSync(pending, keyFile);
      const then = fromEnvironment
        ? 'Set POSTUREBOARD_SECRET_KEY to the new key and restart every API and worker process (audit entries they write under the old key before then cannot be verified: rotate with them stopped).'
        : `The new key is in ${keyFile}. Restart every API and worker process.`;
      output(Boolean(options.json), { reencrypted: count, notificationChannels: channels, keyFile: fromEnvironment ? null : keyFile }, () =>
        `Re-encrypted the secrets of ${count} data source(s) and ${channels} notification channel(s) under the new key. ${then}`,
      );
    });
}
