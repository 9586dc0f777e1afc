import { DataSource } from 'typeorm';
import type { AppConfig } from '@postureboard/server-core';
import { startEmbeddedDatabase } from '../embedded/embedded-postgres.js';
import { entities } from '../entities/index.js';
import { migrations } from '../migrations/index.js';

/** One factory for every process (API, CLI, workers, tests): same entities, same migrations, never synchronize. */
export function createDataSource(url: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: false,
    // JIT off: PostgreSQL compiles a query when its estimated cost passes jit_above_cost, and the leaver
    // evidence query (many cheap index probes, a large estimate) spent 554 of its 793 ms compiling (PostgreSQL
    // 15, measured on the small benchmark). Our statements are index probes and set-based writes, not long
    // analytic scans where compiling pays back.
    extra: { max: options.poolSize ?? 10, application_name: 'postureboard', options: '-c jit=off' },
  });
}

export interface OpenDatabase {
  dataSource: DataSource;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or to the embedded PostgreSQL in POSTUREBOARD_DATA_DIR when it is unset. */
export async function openDatabase(
  config: Pick<AppConfig, 'DATABASE_URL' | 'POSTUREBOARD_DATA_DIR'>,
  options: { poolSize?: number } = {},
): Promise<OpenDatabase> {
  const embedded = config.DATABASE_URL ? null : await startEmbeddedDatabase(config.POSTUREBOARD_DATA_DIR);
  const url = config.DATABASE_URL ?? embedded!.url;
  const dataSource = createDataSource(url, options);
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw new Error(`Cannot connect to the database${embedded ? ' (embedded)' : ' at DATABASE_URL'}: ${(error as Error).message}`);
  }
  return {
    dataSource,
    url,
    embedded: embedded !== null,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** Applies pending migrations; returns the names applied (empty when the schema is current). */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'all' });
  return applied.map((m) => m.name);
}

export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
