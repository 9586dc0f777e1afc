// The shared Jest preset is a workspace file, not a project: the boundary rule does not apply to it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { preset } from '../../jest.preset.js';

/**
 * Browser tests against the real server: global setup builds once (npm run build), starts the API on a
 * free port over a fresh database and waits for /readyz; each test file drives Debian's chromium.
 */
export default {
  ...preset,
  testMatch: ['<rootDir>/apps/web-e2e/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/apps/web-e2e/src/support/global-setup.mjs',
  globalTeardown: '<rootDir>/apps/web-e2e/src/support/global-teardown.mjs',
  maxWorkers: 1,
  testTimeout: 90000,
};
