import { OrganizationRepository, RotationPolicyRepository, TeamRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { OrganizationService } from '@postureboard/server-organization';
import { RotationPolicyService } from './rotation-policy.service.js';
import { SettingsError, SettingsErrorCode } from './settings.error.js';
import { TeamService } from './team.service.js';

describe('settings on PostgreSQL', () => {
  let db: TestDatabase;
  let teams: TeamService;
  let policies: RotationPolicyService;

  beforeAll(async () => {
    db = await createTestDatabase();
    const organizations = new OrganizationService(new OrganizationRepository(db.dataSource));
    teams = new TeamService(organizations, new TeamRepository(db.dataSource));
    policies = new RotationPolicyService(organizations, new RotationPolicyRepository(db.dataSource), teams);
    await organizations.create({ slug: 'acme', name: 'Acme' });
    await organizations.create({ slug: 'other', name: 'Other' });
  });

  afterAll(() => db.drop());

  const code = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof SettingsError ? e.code : e));

  it('creates teams with a tidy name and a lower-cased lead, and refuses a duplicate in any case', async () => {
    expect(await teams.create('acme', { name: '  Payments   Platform ', leadEmail: 'Lead@Acme.Test' })).toMatchObject({
      name: 'Payments Platform',
      leadEmail: 'lead@acme.test',
    });
    expect(await code(teams.create('acme', { name: 'payments platform' }))).toBe(SettingsErrorCode.TEAM_NAME_TAKEN);
    expect(await code(teams.create('acme', { name: ' ' }))).toBe(SettingsErrorCode.INVALID_INPUT);
    expect(await code(teams.create('acme', { name: 'Identity', leadEmail: 'not-an-email' }))).toBe(SettingsErrorCode.INVALID_INPUT);
    // Another organization may use the same name.
    await teams.create('other', { name: 'Payments Platform' });
    expect((await teams.list('acme')).map((t) => t.name)).toEqual(['Payments Platform']);
  });

  it('shows the default matrix with the standard behind each default', async () => {
    const matrix = await policies.matrix('acme');
    // 9 kinds × 5 environments
    expect(matrix).toHaveLength(9 * 5);
    expect(matrix.find((p) => p.kind === 'ENCRYPTION_KEY' && p.environment === 'PRODUCTION')).toMatchObject({ maxAgeDays: 730 });
    expect(matrix.find((p) => p.kind === 'CA_CERTIFICATE' && p.environment === 'PRODUCTION')).toMatchObject({ maxAgeDays: 1825, warningDays: 180 });
    expect(matrix.find((p) => p.kind === 'CERTIFICATE' && p.environment === 'PRODUCTION')).toMatchObject({ maxAgeDays: 398 });
    expect(matrix.every((p) => p.isDefault && p.id === null && p.teamId === null)).toBe(true);
    expect(matrix.find((p) => p.kind === 'ACCESS_KEY' && p.environment === 'PRODUCTION')).toMatchObject({ maxAgeDays: 90, warningDays: 14, graceDays: 0 });
    expect(matrix.find((p) => p.kind === 'ACCESS_KEY' && p.environment === 'PRODUCTION')?.source).toContain('CIS AWS Foundations');
    expect(matrix.find((p) => p.kind === 'SIGNING_KEY' && p.environment === 'PRODUCTION')?.source).toContain('NIST SP 800-57');
  });

  it('overrides a cell for the organization and another for one team', async () => {
    const [team] = await teams.list('acme');
    const org = await policies.set('acme', { kind: 'SIGNING_KEY', environment: 'PRODUCTION', maxAgeDays: 180, warningDays: 30, graceDays: 0 });
    expect(org).toMatchObject({ isDefault: false, teamId: null, maxAgeDays: 180, source: 'Organization override' });
    // Setting it again replaces the values in place.
    const again = await policies.set('acme', { kind: 'SIGNING_KEY', environment: 'PRODUCTION', maxAgeDays: 200, warningDays: 30, graceDays: 0 });
    expect(again.id).toBe(org.id);
    await policies.set('acme', { kind: 'ACCESS_KEY', environment: 'PRODUCTION', maxAgeDays: 30, warningDays: 7, graceDays: 0, teamId: team!.id });
    const matrix = await policies.matrix('acme');
    expect(matrix).toHaveLength(9 * 5 + 1); // the team row covers only the cell it overrides
    expect(matrix.find((p) => p.kind === 'SIGNING_KEY' && p.environment === 'PRODUCTION' && p.teamId === null)).toMatchObject({ id: org.id, maxAgeDays: 200, isDefault: false });
    expect(matrix.filter((p) => p.teamId === team!.id).map((p) => [p.kind, p.environment, p.maxAgeDays, p.source])).toEqual([
      ['ACCESS_KEY', 'PRODUCTION', 30, 'Team override'],
    ]);
    // The other organization still has the defaults.
    expect((await policies.matrix('other')).every((p) => p.isDefault)).toBe(true);
  });

  it('refuses impossible windows and a team of another organization', async () => {
    const base = { kind: 'ACCESS_KEY' as const, environment: 'TEST' as const, maxAgeDays: 90, warningDays: 14, graceDays: 0 };
    expect(await code(policies.set('acme', { ...base, maxAgeDays: 0 }))).toBe(SettingsErrorCode.INVALID_INPUT);
    expect(await code(policies.set('acme', { ...base, warningDays: 90 }))).toBe(SettingsErrorCode.INVALID_INPUT);
    expect(await code(policies.set('acme', { ...base, graceDays: -1 }))).toBe(SettingsErrorCode.INVALID_INPUT);
    const [foreign] = await teams.list('other');
    expect(await code(policies.set('acme', { ...base, teamId: foreign!.id }))).toBe(SettingsErrorCode.TEAM_NOT_FOUND);
    expect(await code(policies.set('acme', { ...base, teamId: 'payments' }))).toBe(SettingsErrorCode.TEAM_NOT_FOUND);
  });
});
