import { redactSecrets, type SourceLocation } from '@postureboard/connectors';

/**
 * Bounds of every stored error text: a reason quoting a whole CSV "header" once stored two million
 * characters, and a run's errors are read by every role that sees runs.
 */
export const MAX_REASON_CHARS = 1000;
const MAX_SOURCE_CHARS = 500;
const MAX_FIELD_CHARS = 200;

/** A text as it may be stored: the run's secrets redacted in every encoding, then cut to `max` characters. */
export function storedText(text: string, secrets: readonly string[], max = MAX_REASON_CHARS): string {
  const clean = secrets.length > 0 ? redactSecrets(text, secrets) : text;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

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

  constructor(
    readonly cap = 1000,
    /** Secret configuration values of the run (a pull's token): never stored, whatever their encoding. */
    private readonly secrets: readonly string[] = [],
  ) {}

  add(location: SourceLocation, reason: string): void {
    this.total += 1;
    if (this.kept.length >= this.cap) return;
    this.kept.push({
      source: storedText(location.source, this.secrets, MAX_SOURCE_CHARS),
      line: location.line ?? null,
      record: location.record ?? null,
      field: location.field === undefined ? null : storedText(location.field, this.secrets, MAX_FIELD_CHARS),
      reason: storedText(reason, this.secrets),
    });
  }

  /** A fatal failure's message as it may be stored (the same redaction and bound as every reason). */
  clean(message: string): string {
    return storedText(message, this.secrets);
  }

  get errors(): readonly CollectedIngestError[] {
    return this.kept;
  }

  get first(): CollectedIngestError | undefined {
    return this.kept[0];
  }
}
