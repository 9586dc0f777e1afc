import type { FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { csvRejection, readCsv } from '../core/readers/csv-reader.js';
import { REVIEW_DECISION_COLUMNS } from './review-decision.columns.js';
import { parseReviewDecisionRow } from './review-decision-row.parser.js';

/** `--source access-review-decisions`: keep/revoke decisions exported from a review run elsewhere. */
export const accessReviewDecisionsFileSource: FileSource = {
  type: 'access-review-decisions',
  displayName: 'Access-review decisions (CSV)',
  async *collectFile(path, context): AsyncGenerator<CollectedRecord> {
    for await (const row of readCsv(path, { requiredColumns: REVIEW_DECISION_COLUMNS, signal: context.signal, limits: context.limits })) {
      if (!row.ok) {
        yield csvRejection(path, row);
        continue;
      }
      const result = parseReviewDecisionRow(row.values);
      yield result.ok
        ? { accepted: true, observation: result.decision, location: { source: path, line: row.line } }
        : { accepted: false, location: { source: path, line: row.line, field: result.field }, reason: result.reason };
    }
  },
};
