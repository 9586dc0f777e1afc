import { createEmptyTestDatabase } from '@postureboard/server-database/testing';
import { runCli as cli } from './run-cli.test-util.js';

describe('postureboard CLI on PostgreSQL', () => {
  let drop: () => Promise<void>;
  const savedUrl = process.env['DATABASE_URL'];

  beforeAll(async () => {
    const db = await createEmptyTestDatabase();
    drop = db.drop;
    process.env['DATABASE_URL'] = db.url;
  });

  afterAll(async () => {
    if (savedUrl === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = savedUrl;
    await drop();
  });

  it('migrates, then says the schema is current on a second run', async () => {
    expect(JSON.parse(await cli('migrate', '--json')).applied.length).toBeGreaterThan(0);
    expect(JSON.parse(await cli('migrate', '--json'))).toEqual({ applied: [] });
  });

  it('creates an organization and lists it as JSON', async () => {
    await cli('org', 'create', '--slug', 'acme', '--name', 'Acme', '--approved-countries', 'kr,US', '--currency', 'krw');
    expect(JSON.parse(await cli('org', 'list', '--json'))).toEqual([{ slug: 'acme', name: 'Acme', approvedCountries: ['KR', 'US'], currency: 'KRW' }]);
  });

  it('refuses a duplicate slug with a clear error', async () => {
    await expect(cli('org', 'create', '--slug', 'acme', '--name', 'Again')).rejects.toThrow('An organization with slug "acme" already exists');
  });

  it('rejects a bad country code without creating anything', async () => {
    await expect(cli('org', 'create', '--slug', 'beta', '--name', 'Beta', '--approved-countries', 'KOR')).rejects.toThrow(/KOR/);
    expect(JSON.parse(await cli('org', 'list', '--json')).map((o: { slug: string }) => o.slug)).toEqual(['acme']);
  });

  it('prints posture for a new organization as "not measured", never 0 or 100', async () => {
    const posture = JSON.parse(await cli('posture', '--org', 'acme', '--json'));
    expect(posture.overallScore).toBeNull();
    expect(posture.domains.map((d: { measured: boolean; score: number | null }) => [d.measured, d.score])).toEqual([
      [false, null],
      [false, null],
      [false, null],
      [false, null],
    ]);
  });
});
