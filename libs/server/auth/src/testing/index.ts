export * from './auth-test-context.js';
export * from './schema-probe.js';
