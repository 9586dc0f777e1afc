import type { DataSourceCategory } from './enums.js';

/** A configured connector or file source, as far as freshness and coverage are concerned. */
export interface DataSource {
  id: string;
  name: string;
  /** The source type, e.g. `cloudtrail`, `hr-roster`, `okta-system-log`. */
  type: string;
  category: DataSourceCategory;
  enabled: boolean;
  createdAt: Date;
  lastSuccessfulRunAt: Date | null;
  /** How often it is expected to deliver; older than this is stale. */
  expectedFreshnessHours: number;
}
