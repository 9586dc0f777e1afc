import type { SourceLocation } from '@postureboard/connectors';

export interface CollectedIngestError {
  source: string;
  line: number | null;
  record: number | null;
  field: string | null;
  reason: string;
}

/** Stores at most `cap` errors per run (a broken million-line file must not write a million rows) and counts all. */
export class IngestErrorCollector {
  private readonly kept: CollectedIngestError[] = [];
  total = 0;

  constructor(readonly cap = 1000) {}

  add(location: SourceLocation, reason: string): void {
    this.total += 1;
    if (this.kept.length >= this.cap) return;
    this.kept.push({
      source: location.source,
      line: location.line ?? null,
      record: location.record ?? null,
      field: location.field ?? null,
      reason,
    });
  }

  get errors(): readonly CollectedIngestError[] {
    return this.kept;
  }

  get first(): CollectedIngestError | undefined {
    return this.kept[0];
  }
}
