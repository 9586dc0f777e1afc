export * from './auth-test-context.js';
export * from './schema-probe.js';
// For tests that observe how often the guard reads memberships.
export { MembershipRepository } from '../repositories/membership.repository.js';
export * from './graphql-test-module.js';
