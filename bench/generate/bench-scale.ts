/** The two sizes of synthetic organisation the benchmark generates. */
export type ScaleName = 'small' | 'large';

export interface Scale {
  name: ScaleName;
  identities: number;
  credentials: number;
  /** Access events over the year (the three extra days for incremental re-evaluation come on top). */
  events: number;
  /** CloudTrail records per delivered file (AWS delivers a file every few minutes per region). */
  recordsPerFile: number;
  /** Seconds each autocannon run lasts. */
  loadSeconds: number;
}

export const SCALES: Readonly<Record<ScaleName, Scale>> = {
  small: { name: 'small', identities: 2_000, credentials: 1_000, events: 200_000, recordsPerFile: 2_000, loadSeconds: 30 },
  large: { name: 'large', identities: 200_000, credentials: 100_000, events: 10_000_000, recordsPerFile: 2_000, loadSeconds: 30 },
};

export const isScaleName = (value: string): value is ScaleName => value === 'small' || value === 'large';
