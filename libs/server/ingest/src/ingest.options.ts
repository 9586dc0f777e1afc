import type { InputLimits } from '@postureboard/connectors';

/** How a process takes part in ingest. */
export interface IngestModuleOptions {
  /** Claim and execute queued runs in this process (the API's in-process worker); `postureboard worker` starts one on demand. */
  worker?: boolean;
  /** Parallel runs per worker process. */
  concurrency?: number;
  /** Limit for one attempt of a pulled run; file ingests run without one unless given. */
  pullTimeoutMs?: number;
  /** Retries of a failed pull, with exponential backoff from `retryDelaySeconds`. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Largest upload accepted by `POST /api/orgs/:org/ingest/:source`. */
  uploadLimitBytes?: number;
  /** How often idle workers look for queued runs. */
  pollingIntervalSeconds?: number;
  /**
   * On shutdown, how long runs in progress may go on before they are aborted (rolled back, and retried or
   * failed). Shorter than the container's stop grace period (compose: 60 s), which must also cover the abort.
   */
  shutdownGraceMs?: number;
  /** What one input may cost (README: Configuration); unset parts use the connectors' `DEFAULT_INPUT_LIMITS`. */
  inputLimits?: Partial<InputLimits>;
}

export type ResolvedIngestOptions = Required<IngestModuleOptions>;

export const INGEST_OPTIONS = Symbol('INGEST_OPTIONS');

export const DEFAULT_INGEST_OPTIONS: ResolvedIngestOptions = {
  worker: false,
  concurrency: 1,
  pullTimeoutMs: 30 * 60_000,
  retryLimit: 3,
  retryDelaySeconds: 30,
  uploadLimitBytes: 256 * 1024 * 1024,
  pollingIntervalSeconds: 2,
  shutdownGraceMs: 45_000,
  inputLimits: {},
};

/** Runs that started this long ago and whose process holds no lock any more are marked FAILED. */
export const ABANDONED_AFTER_MS = 60_000;
