export * from './inventory.error.js';
export * from './inventory.module.js';
export * from './credential-inventory.service.js';
export * from './leaver.service.js';
export * from './cross-border.service.js';
