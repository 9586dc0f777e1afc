import { createNotificationsTestContext, criticalFinding } from '@postureboard/server-notifications/testing';
import { ALERT_LATENCY_GOAL, measureAlertLatency } from './alert-latency.measure.js';

describe('measureAlertLatency', () => {
  it('times each committed CRITICAL finding to its signed webhook message with the default delivery settings, as a median of trials', async () => {
    // The defaults: no option given (relay every 2 s, pg-boss polling every 2 s).
    const a = await createNotificationsTestContext();
    const lines: string[] = [];
    try {
      const committed: Date[] = [];
      const result = await measureAlertLatency(
        a.app,
        a.organization,
        async () => {
          await a.db.dataSource.transaction((manager) => a.outbox.recordFindingChanges(manager, a.organization.id, { opened: [criticalFinding()], escalated: [] }));
          committed.push(new Date());
          return { committedAt: committed.at(-1)! };
        },
        (line) => lines.push(line),
        { trials: 3, timeoutSeconds: 60 },
      );
      expect(committed).toHaveLength(3);
      const trials = result.ours['trials'] as number[];
      expect(trials).toHaveLength(3);
      // Each alert took some time, and less than the target: relaying and polling are seconds apart.
      for (const seconds of trials) expect(seconds).toBeGreaterThan(0);
      expect(result.seconds).toBe([...trials].sort((x, y) => x - y)[1]);
      expect(result.targets).toEqual([{ goal: ALERT_LATENCY_GOAL, met: true }]);
      expect(lines).toHaveLength(3);
      // Every message was delivered to the measure's receiver, which then went away with its channel.
      expect(await a.query(`SELECT status FROM notification_delivery`)).toEqual([{ status: 'sent' }, { status: 'sent' }, { status: 'sent' }]);
      expect(await a.channels.list(a.organization.slug)).toEqual([]);
    } finally {
      await a.close();
    }
  }, 180_000);

  it('records a trial whose alert never arrives as missing, and the target as missed', async () => {
    const a = await createNotificationsTestContext();
    try {
      // Nothing CRITICAL is committed: no alert can come.
      const result = await measureAlertLatency(a.app, a.organization, async () => ({ committedAt: new Date() }), () => undefined, { trials: 1, timeoutSeconds: 3 });
      expect(result.ours['trials']).toEqual([null]);
      expect(result.seconds).toBeNull();
      expect(result.targets[0]).toMatchObject({ met: false, note: '1 of 1 alerts did not arrive within 3 s' });
    } finally {
      await a.close();
    }
  }, 60_000);
});
