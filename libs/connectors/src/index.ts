export * from './core/observation.js';
export * from './core/connector.js';
export * from './registry.js';
