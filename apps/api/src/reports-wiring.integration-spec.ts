import 'reflect-metadata';
import { OrganizationRepository } from '@postureboard/server-database';
import { EvaluationService } from '@postureboard/server-posture';
import { ReportsService } from '@postureboard/server-reports';
import { type BootedApi, bootApi } from './testing/boot-api.js';

/**
 * The reports service as the API wires it (not built by hand): a scheduled report is recorded for delivery in the
 * outbox. Its collaborators are optional, and an optional
 * parameter whose type the compiler could not name was silently left out: scheduled reports were never delivered.
 */
describe('the API wires the reports service to the outbox and the audit trail', () => {
  let api: BootedApi;

  beforeAll(async () => {
    api = await bootApi({ env: { POSTUREBOARD_IN_PROCESS_WORKER: 'false' } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('records a scheduled report for delivery in the outbox', async () => {
    const organization = (await api.app.get(OrganizationRepository).insert({ slug: 'alpha', name: 'Alpha', approvedCountries: [], currency: 'USD' }))!;
    const weekStart = new Date();
    await api.app.get(EvaluationService).evaluateAndStore(organization as never, new Date(weekStart.getTime() + 1));
    const reports = api.app.get(ReportsService);
    await reports.setSchedule('alpha', { enabled: true, languages: ['en'] });
    const generated = await reports.generateScheduled(weekStart);
    expect(generated).toHaveLength(1);
    const messages = (await api.db.dataSource.query(`SELECT type FROM notification_message WHERE organization_id = $1`, [organization.id])) as { type: string }[];
    expect(messages.map((m) => m.type)).toContain('report.delivered');
  });
});
