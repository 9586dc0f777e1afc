import { preset } from './jest.preset.js';

/** Unit tests (`*.spec.ts`) and PostgreSQL integration tests (`*.integration-spec.ts`). */
export default {
  ...preset,
  testMatch: ['<rootDir>/{apps,libs}/**/*.{spec,integration-spec}.ts?(x)', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/docker/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
  testPathIgnorePatterns: [...preset.testPathIgnorePatterns, '<rootDir>/apps/web-e2e/'],
  globalSetup: '<rootDir>/jest.global-setup.mjs',
  setupFiles: ['<rootDir>/jest.setup-env.mjs'],
  globalTeardown: '<rootDir>/jest.global-teardown.mjs',
  maxWorkers: 2,
  testTimeout: 60000,
};
