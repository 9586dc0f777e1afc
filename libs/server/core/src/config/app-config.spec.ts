import { ConfigError, ingestInputLimits, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.POSTUREBOARD_DATA_DIR).toBe('./.postureboard');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.POSTUREBOARD_SEED_DEMO).toBe(true);
  });

  it('rejects a non-numeric PORT naming the variable and what it expects', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT: expected a port number/);
  });

  it('rejects an out-of-range PORT', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: expected a port between 1 and 65535/);
  });

  it('rejects a DATABASE_URL that is not a PostgreSQL URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: expected a postgres:\/\//);
  });

  it('lists every bad variable at once and never echoes a secret value', () => {
    const secret = 'not-base64-32-bytes-secret-value';
    try {
      loadConfig({ PORT: '0', POSTUREBOARD_SECRET_KEY: secret, POSTUREBOARD_SEED_DEMO: 'maybe' });
      throw new Error('expected ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems, message } = error as ConfigError;
      expect(problems).toHaveLength(3);
      expect(message).toMatch(/POSTUREBOARD_SECRET_KEY: expected 32 bytes/);
      expect(message).toMatch(/POSTUREBOARD_SEED_DEMO: expected true or false/);
      expect(message).not.toContain(secret);
    }
  });

  it('keeps two years of activity by default and refuses a retention shorter than the evaluation window', () => {
    expect(loadConfig({}).POSTUREBOARD_RETENTION_DAYS).toBe(730);
    expect(loadConfig({ POSTUREBOARD_RETENTION_DAYS: '400' }).POSTUREBOARD_RETENTION_DAYS).toBe(400);
    expect(() => loadConfig({ POSTUREBOARD_RETENTION_DAYS: '399' })).toThrow('POSTUREBOARD_RETENTION_DAYS: expected at least 400 days: the evaluation reads 400 days of activity');
    expect(() => loadConfig({ POSTUREBOARD_RETENTION_DAYS: '1.5' })).toThrow(/POSTUREBOARD_RETENTION_DAYS: expected a whole number of days/);
  });

  it('accepts a valid 32-byte base64 secret key', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ POSTUREBOARD_SECRET_KEY: key }).POSTUREBOARD_SECRET_KEY).toBe(key);
  });

  it('bounds decompression by default and validates the operator\'s bounds', () => {
    expect(ingestInputLimits(loadConfig({}))).toEqual({ maxInflatedBytes: 1 << 30, maxInflateRatio: 100 });
    expect(ingestInputLimits(loadConfig({ POSTUREBOARD_INGEST_MAX_INFLATED_BYTES: '2097152', POSTUREBOARD_INGEST_MAX_INFLATE_RATIO: '250' }))).toEqual({
      maxInflatedBytes: 2 << 20,
      maxInflateRatio: 250,
    });
    expect(() => loadConfig({ POSTUREBOARD_INGEST_MAX_INFLATED_BYTES: '1000' })).toThrow(/POSTUREBOARD_INGEST_MAX_INFLATED_BYTES: expected at least 1048576/);
    expect(() => loadConfig({ POSTUREBOARD_INGEST_MAX_INFLATE_RATIO: 'lots' })).toThrow(/POSTUREBOARD_INGEST_MAX_INFLATE_RATIO: expected a number/);
  });

  it('validates the outbound allow-list as addresses and CIDR ranges', () => {
    expect(loadConfig({ POSTUREBOARD_OUTBOUND_ALLOW: '10.20.0.0/16, 127.0.0.1,::1' }).POSTUREBOARD_OUTBOUND_ALLOW).toBe('10.20.0.0/16, 127.0.0.1,::1');
    expect(() => loadConfig({ POSTUREBOARD_OUTBOUND_ALLOW: 'vault.internal' })).toThrow(/POSTUREBOARD_OUTBOUND_ALLOW: expected comma-separated IP addresses or CIDR ranges/);
    expect(() => loadConfig({ POSTUREBOARD_OUTBOUND_ALLOW: '10.0.0.0/40' })).toThrow(/POSTUREBOARD_OUTBOUND_ALLOW/);
  });

  it('takes the GraphQL cost budget per caller and minute, refusing what is not a whole number of at least 1000', () => {
    expect(loadConfig({}).POSTUREBOARD_GRAPHQL_COST_PER_MINUTE).toBe(300_000);
    expect(loadConfig({ POSTUREBOARD_GRAPHQL_COST_PER_MINUTE: '5000000' }).POSTUREBOARD_GRAPHQL_COST_PER_MINUTE).toBe(5_000_000);
    expect(() => loadConfig({ POSTUREBOARD_GRAPHQL_COST_PER_MINUTE: '10' })).toThrow(/POSTUREBOARD_GRAPHQL_COST_PER_MINUTE: expected at least 1000/);
    expect(loadConfig({}).POSTUREBOARD_READ_CACHE_SECONDS).toBe(60);
    expect(loadConfig({ POSTUREBOARD_READ_CACHE_SECONDS: '0' }).POSTUREBOARD_READ_CACHE_SECONDS).toBe(0);
    expect(() => loadConfig({ POSTUREBOARD_READ_CACHE_SECONDS: '-1' })).toThrow(/POSTUREBOARD_READ_CACHE_SECONDS: expected 0 or more/);
  });

  it('takes the notification retention in whole days, 90 by default', () => {
    expect(loadConfig({}).POSTUREBOARD_NOTIFICATION_RETENTION_DAYS).toBe(90);
    expect(loadConfig({ POSTUREBOARD_NOTIFICATION_RETENTION_DAYS: '30' }).POSTUREBOARD_NOTIFICATION_RETENTION_DAYS).toBe(30);
    expect(() => loadConfig({ POSTUREBOARD_NOTIFICATION_RETENTION_DAYS: '0' })).toThrow(/POSTUREBOARD_NOTIFICATION_RETENTION_DAYS: expected at least 1 day/);
  });

  it('takes the validity of signed report links in days, 7 by default, at most 90', () => {
    expect(loadConfig({}).POSTUREBOARD_REPORT_LINK_DAYS).toBe(7);
    expect(loadConfig({ POSTUREBOARD_REPORT_LINK_DAYS: '14' }).POSTUREBOARD_REPORT_LINK_DAYS).toBe(14);
    expect(() => loadConfig({ POSTUREBOARD_REPORT_LINK_DAYS: '365' })).toThrow(/POSTUREBOARD_REPORT_LINK_DAYS: expected between 1 and 90 days/);
  });
});
