export * from './settings.error.js';
export * from './settings.module.js';
export * from './team.service.js';
export * from './team.loader.js';
export * from './rotation-policy.service.js';
