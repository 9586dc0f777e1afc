import type { FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { csvRejection, readCsv } from '../core/readers/csv-reader.js';
import { HR_ROSTER_COLUMNS } from './hr-roster.columns.js';
import { parseHrRosterRow } from './hr-roster-row.parser.js';
import { mergeEmploymentHistory, type EmploymentRow } from './employment-history.js';

/**
 * `--source hr-roster`: who works here, in what role, from where, and who has left. Several rows of one employee
 * id are that person's employment history (mergeEmploymentHistory): they are read whole, then one identity per
 * person is yielded, in the order people first appear. Rows are small; a roster of 200k people fits in memory.
 */
export const hrRosterFileSource: FileSource = {
  type: 'hr-roster',
  displayName: 'HR roster (CSV)',
  async *collectFile(path, context): AsyncGenerator<CollectedRecord> {
    const histories = new Map<string, EmploymentRow[]>();
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
      const history = histories.get(id) ?? [];
      // Periods are told apart by their start: a row without one, or starting the same day as another, is the
      // person listed twice, and would silently overwrite (or be taken for) the other period.
      const start = result.identity.startDate?.getTime() ?? null;
      const twin = history.find((period) => start === null || (period.identity.startDate?.getTime() ?? null) === start || period.identity.startDate === null);
      if (twin) {
        yield {
          accepted: false,
          location: { source: path, line: row.line, field: start === null ? 'start_date' : 'employee_id' },
          reason: `employee_id ${id} already appears on line ${twin.line}: each row of an employment history needs its own start_date`,
        };
        continue;
      }
      history.push({ identity: result.identity, line: row.line });
      histories.set(id, history);
    }
    for (const history of histories.values()) {
      const { identity, line } = mergeEmploymentHistory(history);
      yield { accepted: true, observation: identity, location: { source: path, line } };
    }
  },
};
