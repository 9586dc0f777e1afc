export * from './test-database.js';
export * from './compiled-server.js';
