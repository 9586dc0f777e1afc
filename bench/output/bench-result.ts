/** The shape of `bench/results/*.json`: a machine description and one object per measure. */
export interface Target {
  /** What the issue asks, in words. */
  goal: string;
  /** Null when the measure could not be taken. */
  met: boolean | null;
  /** Why it is missed (the bottleneck seen), or why it could not be measured. */
  note?: string;
}

export interface Measure {
  /** Our figures: medians of 3 plus the runs behind them. */
  ours: Record<string, unknown>;
  /** The baseline measured in the same run, on the same data. */
  baseline: Record<string, unknown> | null;
  /** Ours ÷ baseline for the headline figure; null where no baseline exists. */
  ratio: number | null;
  /** Which figure the ratio divides, e.g. `eventsPerSecond`. */
  ratioOf: string | null;
  targets: Target[];
  error?: string;
}

export interface MachineDescription {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  database: string;
  platform: string;
  loadAverageAtStart: number[];
}

export interface BenchResult {
  bench: 'postureboard';
  scale: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  machine: MachineDescription;
  organisation: Record<string, unknown>;
  ingest: Measure;
  parse: Measure;
  evaluation: Measure;
  overviewQuery: Measure;
  /** From an ingest's commit to the overview answering the posture evaluated after it (`seconds`). */
  ingestToVisible: Measure & { seconds?: number | null };
  report: Measure;
  webInitialJs: Measure;
  /** From the commit of an ingest creating a CRITICAL finding to the webhook receiving the alert (`seconds`, median). */
  alertLatency: Measure & { seconds?: number | null };
}

export const MEASURES = ['ingest', 'parse', 'evaluation', 'overviewQuery', 'ingestToVisible', 'report', 'webInitialJs', 'alertLatency'] as const;
export type MeasureName = (typeof MEASURES)[number];

/** A measure that failed: recorded with its error so the rest of the run still reports. */
export const failedMeasure = (error: unknown, goals: string[]): Measure => ({
  ours: {},
  baseline: null,
  ratio: null,
  ratioOf: null,
  targets: goals.map((goal) => ({ goal, met: null, note: 'not measured: the measure failed' })),
  error: error instanceof Error ? error.message : String(error),
});
