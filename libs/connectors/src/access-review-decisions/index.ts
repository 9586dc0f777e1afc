export { REVIEW_DECISION_COLUMNS, type ReviewDecisionColumn } from './review-decision.columns.js';
export { parseReviewDecisionRow, type ReviewDecisionRowResult } from './review-decision-row.parser.js';
export { accessReviewDecisionsFileSource } from './access-review-decisions.file-source.js';
