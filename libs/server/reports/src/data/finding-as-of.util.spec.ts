import type { StoredFinding, StoredStatusChange } from '@postureboard/server-database';
import { findingAsOf } from './finding-as-of.util.js';

const at = (day: string) => new Date(`${day}T00:00:00Z`);
const stored = { id: 'f-1', firstDetectedAt: at('2026-01-01'), dueAt: at('2026-03-01'), status: 'RESOLVED' } as StoredFinding;
const change = (day: string, from: StoredStatusChange['from'], to: StoredStatusChange['to']): StoredStatusChange => ({
  findingId: 'f-1',
  from,
  to,
  actor: 'system',
  actorType: 'SYSTEM',
  reason: null,
  riskAcceptedUntil: null,
  falsePositiveUntil: null,
  at: at(day),
});

describe('findingAsOf', () => {
  const history = [change('2026-01-01', null, 'OPEN'), change('2026-02-01', 'OPEN', 'ACKNOWLEDGED'), change('2026-04-01', 'ACKNOWLEDGED', 'RESOLVED')];

  it('gives the status the history shows on the date, not today’s', () => {
    expect(findingAsOf(stored, history, at('2026-02-15'))).toEqual({ id: 'f-1', status: 'ACKNOWLEDGED', firstDetectedAt: at('2026-01-01'), dueAt: at('2026-03-01') });
    expect(findingAsOf(stored, history, at('2026-01-15')).status).toBe('OPEN');
  });

  it('knows nothing of the status, age or due date before the finding was tracked, nor without a stored finding', () => {
    expect(findingAsOf(stored, history, at('2025-12-01'))).toEqual({ id: 'f-1', status: null, firstDetectedAt: null, dueAt: null });
    expect(findingAsOf(undefined, [], at('2026-02-15'))).toEqual({ id: null, status: null, firstDetectedAt: null, dueAt: null });
  });

  it('drops today’s due date when the SLA clock restarted after the date (a reopening)', () => {
    const reopened = [...history, change('2026-05-01', 'RESOLVED', 'OPEN')];
    expect(findingAsOf({ ...stored, dueAt: at('2026-06-01') }, reopened, at('2026-02-15'))).toMatchObject({ status: 'ACKNOWLEDGED', dueAt: null });
    expect(findingAsOf({ ...stored, dueAt: at('2026-06-01') }, reopened, at('2026-05-15'))).toMatchObject({ status: 'OPEN', dueAt: at('2026-06-01') });
  });
});
