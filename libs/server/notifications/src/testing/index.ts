export * from './http-receiver.js';
export * from './finding-fixture.js';
export * from './notifications-test-context.js';
