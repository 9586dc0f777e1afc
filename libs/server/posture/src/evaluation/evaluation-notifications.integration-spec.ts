import {
  type OrganizationEntity,
  OrganizationRepository,
} from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { evaluationServiceOn } from '../testing/evaluation-service.factory.js';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 23));

describe('evaluation and the notification outbox', () => {
  let db: TestDatabase;
  let org: string;
  let organization: OrganizationEntity;
  const service = () => evaluationServiceOn(db.dataSource, 'https://pb.example.test');

  beforeAll(async () => {
    db = await createTestDatabase();
    [{ id: org }] = (await db.dataSource.query(`INSERT INTO organization (slug, name, approved_countries) VALUES ('acme', 'Acme', '{KR}') RETURNING id`)) as { id: string }[];
    [organization] = (await new OrganizationRepository(db.dataSource).findByIds([org])) as [OrganizationEntity];
    await db.dataSource.query(`INSERT INTO notification_channel (organization_id, type, name, config) VALUES ($1, 'webhook', 'siem', '{"url":"https://siem.example.test/hook"}')`, [org]);
    await db.dataSource.query(
      `INSERT INTO identity (organization_id, email, display_name, employment_type, status, source, termination_date)
       VALUES ($1, 'kim@acme.test', 'Kim', 'EMPLOYEE', 'TERMINATED', 'hr', '2026-11-01')`,
      [org],
    );
    await db.dataSource.query(
      `INSERT INTO credential (organization_id, source, external_id, kind, name, status, created_at, first_seen_at, owner_identity_id)
       SELECT $1, 'iam', 'AKIAKIM', 'ACCESS_KEY', 'kim key', 'ACTIVE', '2026-01-01', '2026-01-01', id FROM identity WHERE organization_id = $1`,
      [org],
    );
  });
  afterAll(() => db.drop());

  const messages = async () =>
    (await db.dataSource.query(
      `SELECT m.type, m.data, d.channel_name, d.status FROM notification_message m JOIN notification_delivery d ON d.message_id = m.id WHERE m.organization_id = $1`,
      [org],
    )) as { type: string; data: { findingId: string; url: string; severity: string }; channel_name: string; status: string }[];

  it('records a message when a finding becomes CRITICAL, with a delivery to the webhook, once across evaluations', async () => {
    const evaluation = service();
    // Departed with an active key: HIGH, no message.
    const before = (await evaluation.evaluateAndStore(organization, at(2)))!;
    expect(before.findings.filter((f) => f.kind === 'LEAVER_ACTIVE_ACCESS').map((f) => f.severity)).toEqual(['HIGH']);
    expect(await messages()).toEqual([]);

    // The key is used after the departure: CRITICAL.
    await db.dataSource.query(
      `INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
       VALUES ($1, '2026-11-03', 'kim@acme.test', 'AKIAKIM', 'KR', 4, 400, 0, '2026-11-03', '2026-11-03')`,
      [org],
    );
    const after = (await evaluation.evaluateAndStore(organization, at(4)))!;
    const leaver = after.findings.find((f) => f.kind === 'LEAVER_ACTIVE_ACCESS')!;
    expect(leaver.severity).toBe('CRITICAL');
    const recorded = await messages();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ type: 'finding.escalated', channel_name: 'siem', status: 'pending', data: { findingId: leaver.id, severity: 'CRITICAL' } });
    expect(recorded[0]!.data.url).toBe(`https://pb.example.test/findings/${leaver.id}?org=acme`);

    await evaluation.evaluateAndStore(organization, at(5));
    await service().evaluateAndStore(organization, at(6));
    expect(await messages()).toHaveLength(1);
  });
});
