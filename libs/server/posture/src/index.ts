import './common/graphql-enums.js';

export * from './common/posture.error.js';
export * from './evaluation/evaluation.service.js';
export * from './evaluation/evaluation.worker.js';
export * from './posture/posture-view.builder.js';
export * from './findings/finding.mapper.js';
export * from './findings/findings.service.js';
export * from './posture/posture.service.js';
export * from './posture/posture.view.js';
export * from './posture.module.js';
export * from './inventory/index.js';
export * from './settings/index.js';
export * from './budget/index.js';
export * from './access-reviews/access-review.service.js';
