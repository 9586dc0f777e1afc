import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FOLDER = dirname(fileURLToPath(import.meta.url));
const RECORD = 'libs/server/database/src/migrations/migration-checksums.json';
const MIGRATION_FILE = /^\d{13}-[a-z0-9-]+\.ts$/;

/** Line endings are normalised: a checkout with CRLF is the same migration. */
const checksumOf = (name: string): string => createHash('sha256').update(readFileSync(join(FOLDER, name), 'utf8').replace(/\r\n/g, '\n')).digest('hex');

const recorded = JSON.parse(readFileSync(join(FOLDER, 'migration-checksums.json'), 'utf8')) as Record<string, string>;
const present = readdirSync(FOLDER).filter((name) => MIGRATION_FILE.test(name)).sort();

/**
 * Migrations are append-only: a database that ran a migration never runs it again, so an edit to a landed
 * one silently splits deployments into two schemas. The checksums of landed migrations are recorded in the
 * repository; this fails when one changes, disappears, or a new one is added without its checksum.
 */
describe('migrations are append-only', () => {
  it.each(Object.keys(recorded))('%s is unchanged since it landed', (name) => {
    if (!present.includes(name)) {
      throw new Error(`${name} was removed or renamed after it landed; migrations are append-only: restore it and add a new migration instead.`);
    }
    const now = checksumOf(name);
    if (now !== recorded[name]) {
      throw new Error(
        `${name} changed after it landed (recorded sha256 ${recorded[name]}, now ${now}). Migrations are append-only: ` +
          `revert the edit (git checkout -- libs/server/database/src/migrations/${name}) and put the change in a new migration.`,
      );
    }
  });

  it('has a recorded checksum for every migration, and every migration is registered', () => {
    const unrecorded = present.filter((name) => !(name in recorded));
    if (unrecorded.length > 0) {
      const lines = unrecorded.map((name) => `  "${name}": "${checksumOf(name)}"`).join(',\n');
      throw new Error(
        `New migration${unrecorded.length > 1 ? 's' : ''} without a recorded checksum. Once the migration is final, add ` +
          `to ${RECORD} (keep the file sorted by name):\n${lines}\nFrom then on the file must never change.`,
      );
    }
    const index = readFileSync(join(FOLDER, 'index.ts'), 'utf8');
    expect(present.filter((name) => !index.includes(`./${name.replace(/\.ts$/, '.js')}`))).toEqual([]);
  });
});
