// Model: vocabulary, the input evaluation reads, findings.
export * from './model/enums.js';
export * from './model/organisation.model.js';
export * from './model/identity.model.js';
export * from './model/credential.model.js';
export * from './model/approval.model.js';
export * from './model/access-review.model.js';
export * from './model/data-source.model.js';
export * from './model/activity.model.js';
export * from './model/budget.model.js';
export * from './model/posture-input.model.js';
export * from './model/finding.model.js';
export * from './model/date.util.js';
export * from './model/severity.util.js';
export * from './model/as-of.util.js';

// Rotation policies and SLAs.
export * from './rotation/rotation-policy.js';
export * from './rotation/rotation-sla.js';
export * from './rotation/credential-criticality.js';
export * from './rotation/burndown-target.js';

// Finding rules.
export * from './findings/finding-rule.js';
export * from './findings/finding-settings.js';
export * from './findings/finding-candidate.factory.js';
export * from './findings/finding-params.js';
export * from './findings/finding-text.js';
export * from './findings/evidence-text.js';
export * from './findings/posture-index.js';
export * from './findings/departure.js';
export * from './findings/evaluate-findings.js';
export * from './findings/rules/key-rotation-overdue.rule.js';
export * from './findings/rules/key-unused.rule.js';
export * from './findings/rules/key-no-owner.rule.js';
export * from './findings/rules/certificate-expiring.rule.js';
export * from './findings/rules/leaver-active-access.rule.js';
export * from './findings/rules/leaver-residual-account.rule.js';
export * from './findings/leaver-access.js';
export * from './findings/rules/access-review-overdue.rule.js';
export * from './findings/rules/access-review-rubber-stamp.rule.js';
export * from './findings/rules/offshore-access.rule.js';
export * from './findings/rules/bulk-extraction.rule.js';
export * from './findings/rules/data-source-stale.rule.js';

// Access reviews: who may decide.
export * from './access-review/review-decision-refusal.js';

// Retention of activity.
export * from './retention/retention-plan.js';

// Lifecycle.
export * from './lifecycle/finding-lifecycle.error.js';
export * from './lifecycle/apply-status-change.js';
export * from './lifecycle/reconcile-findings.js';
export * from './lifecycle/finding-overdue.js';

// Scoring, budget beside it, replay.
export * from './scoring/score.model.js';
export * from './scoring/score-settings.js';
export * from './scoring/score-explanation.js';
export * from './findings/worst-findings.js';
export * from './findings/bytes-moved.js';
export * from './format/units.js';
export * from './model/data-source-category.js';
export * from './scoring/posture-score.js';
export * from './scoring/assess-posture.js';
export * from './budget/budget-ratios.js';
export * from './replay/replay.js';
export * from './detection/days-to-detect.js';

// Builders for tests and demo data.
export * from './testing/posture-input.builder.js';

// The product's words, shared by the web app and the report.
export * from './glossary/glossary.js';
