import { environmentFromNames } from './environment-from-name.util.js';

describe('environmentFromNames', () => {
  it.each([
    [['deploy-prod'], 'PRODUCTION'],
    [['payments_production_key'], 'PRODUCTION'],
    [['stagingDb'], 'STAGING'],
    [['secret/dev/app'], 'DEVELOPMENT'],
    [['prod-test-copy'], 'PRODUCTION'],
    [['product-catalog', 'devices'], 'UNKNOWN'],
    [[null, 'Environment qa'], 'TEST'],
    [['dev', 'prod'], 'DEVELOPMENT'],
  ] as const)('reads %p as %s', (names, environment) => {
    expect(environmentFromNames(...names)).toBe(environment);
  });
});
