import type { z } from 'zod';
import type { CollectedRecord } from './observation.js';
import type { InputLimits } from './readers/input-limits.js';

/** Result of a connectivity check: a message a platform admin can act on. */
export interface ConnectionTestResult {
  ok: boolean;
  message: string;
}

export interface CollectContext {
  /** Aborted when the run times out or is cancelled; connectors pass it to every request. */
  signal: AbortSignal;
  /** `asOf` of the run; connectors never read the clock for data decisions. */
  now: Date;
  /** When this data source last pulled successfully (a scheduled pull's previous run): incremental pulls read on from there. */
  lastSuccessfulRunAt?: Date | null;
  /** Bounds on what one input may cost (the server's configuration); unset parts use `DEFAULT_INPUT_LIMITS`. */
  limits?: Partial<InputLimits>;
}

/**
 * A source adapter. It knows one real API or export format and nothing of storage:
 * `collect()` streams normalised observations (never the whole source in memory).
 */
export interface Connector<Config> {
  type: string;
  displayName: string;
  /** Validates configuration; fields listed in `secretFields` are encrypted at rest and never returned. */
  configSchema: z.ZodType<Config>;
  secretFields: readonly (keyof Config & string)[];
  test(config: Config, context: CollectContext): Promise<ConnectionTestResult>;
  collect(config: Config, context: CollectContext): AsyncIterable<CollectedRecord>;
}

/** File ingest: a connector that reads a file or directory path. */
export interface FileSource {
  /** The `--source` name of `postureboard ingest`. */
  type: string;
  displayName: string;
  collectFile(path: string, context: CollectContext): AsyncIterable<CollectedRecord>;
}
