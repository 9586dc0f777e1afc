import type { CollectedRecord, Observation, SourceLocation } from '../observation.js';
import type { JsonRecord } from './json-records.reader.js';
import { RecordRejection, messageOf } from './json-value.util.js';

/** Maps one parsed record to its observations, or throws a `RecordRejection` saying why it cannot. */
export type RecordMapper = (value: unknown, location: SourceLocation) => readonly Observation[];

/**
 * Turns one record into collected records: its observations (sharing its location) or one rejection.
 * A mapper's unexpected failure rejects only that record: one odd record must not cost the run.
 */
export function mapRecord(value: unknown, location: SourceLocation, map: RecordMapper): CollectedRecord[] {
  try {
    const observations = map(value, location);
    if (observations.length === 0) return [{ accepted: false, location, reason: 'the record yields no observation' }];
    return observations.map((observation) => ({ accepted: true, observation, location }));
  } catch (error) {
    if (error instanceof RecordRejection) {
      return [{ accepted: false, location: error.field ? { ...location, field: error.field } : location, reason: error.reason }];
    }
    return [{ accepted: false, location, reason: `could not read the record: ${messageOf(error)}` }];
  }
}

/** Maps a stream of JSON records; unreadable ones become rejections with their location. */
export async function* collectJsonRecords(
  records: AsyncIterable<JsonRecord> | Iterable<JsonRecord>,
  map: RecordMapper,
): AsyncGenerator<CollectedRecord> {
  for await (const record of records) {
    if (!record.ok) {
      yield { accepted: false, location: record.location, reason: record.reason };
      continue;
    }
    yield* mapRecord(record.value, record.location, map);
  }
}
