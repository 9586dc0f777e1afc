export * from './budget.error.js';
export * from './budget.module.js';
export * from './budget.service.js';
