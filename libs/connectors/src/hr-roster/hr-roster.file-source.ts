import type { FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { csvRejection, readCsv } from '../core/readers/csv-reader.js';
import { HR_ROSTER_COLUMNS } from './hr-roster.columns.js';
import { parseHrRosterRow } from './hr-roster-row.parser.js';

/** `--source hr-roster`: who works here, in what role, from where, and who has left. */
export const hrRosterFileSource: FileSource = {
  type: 'hr-roster',
  displayName: 'HR roster (CSV)',
  async *collectFile(path, context): AsyncGenerator<CollectedRecord> {
    // Ids only, to catch a person listed twice: the second row would silently overwrite the first.
    const seen = new Map<string, number>();
    for await (const row of readCsv(path, { requiredColumns: HR_ROSTER_COLUMNS, signal: context.signal, limits: context.limits })) {
      if (!row.ok) {
        yield csvRejection(path, row);
        continue;
      }
      const result = parseHrRosterRow(row.values);
      if (!result.ok) {
        yield { accepted: false, location: { source: path, line: row.line, field: result.field }, reason: result.reason };
        continue;
      }
      const id = result.identity.externalId;
      const firstLine = seen.get(id);
      if (firstLine !== undefined) {
        yield { accepted: false, location: { source: path, line: row.line, field: 'employee_id' }, reason: `employee_id ${id} already appears on line ${firstLine}` };
        continue;
      }
      seen.set(id, row.line);
      yield { accepted: true, observation: result.identity, location: { source: path, line: row.line } };
    }
  },
};
