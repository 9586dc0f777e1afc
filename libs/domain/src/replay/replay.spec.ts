import { breachScenario } from '../testing/breach-scenario.fixture.js';
import { evaluateFindings } from '../findings/evaluate-findings.js';
import { medianDaysToDetect, replay, type ReplayDetection } from './replay.js';

const scenario = breachScenario();
const PEOPLE_KINDS = ['LEAVER_ACTIVE_ACCESS', 'OFFSHORE_ACCESS', 'BULK_EXTRACTION'];
const about = (detections: ReplayDetection[], ids: string[]) =>
  detections.filter((detection) => PEOPLE_KINDS.includes(detection.kind) && ids.some((id) => detection.subject.id === id || detection.subject.externalId === id));

describe('replay: the breach scenario', () => {
  const detections = replay(scenario, new Date('2025-06-01T00:00:00Z'), new Date('2025-07-31T00:00:00Z'));

  it('detects the bulk extraction through the leaver’s key within two days of its start (2025-06-24)', () => {
    const bulk = detections.filter((detection) => detection.kind === 'BULK_EXTRACTION');
    expect(bulk.map((detection) => [detection.subject.type, detection.subject.id, detection.firstDetectedOn, detection.severity])).toEqual([
      // no baseline in the 28 days before (only 5 active days, 05-27..05-31) and Kim had left → fires on the first
      // day; Kim's own series and his key's are one incident, one finding on Kim
      ['IDENTITY', 'kim', '2025-06-24', 'CRITICAL'],
    ]);
  });

  it('flags Kim as a leaver from his termination day and his offshore access from its first day', () => {
    const kim = about(detections, ['kim', 'kim-key']).map((detection) => [detection.kind, detection.firstDetectedOn]);
    expect(kim).toEqual(
      expect.arrayContaining([
        ['LEAVER_ACTIVE_ACCESS', '2025-06-01'],
        ['OFFSHORE_ACCESS', '2025-06-24'],
      ]),
    );
  });

  it('raises nothing about the colleague working normally from Korea or the leaver who was deprovisioned', () => {
    expect(about(detections, ['lee', 'lee-key', 'park', 'park-key'])).toEqual([]);
  });

  it('gives each incident the day its condition began and the days it took to detect', () => {
    const kim = about(detections, ['kim']).map((detection) => [detection.kind, detection.activityStartedOn, detection.firstDetectedOn, detection.daysToDetect]);
    expect(kim).toEqual(
      expect.arrayContaining([
        // the bulk extraction and the offshore access began on 06-24 and fired that day
        ['BULK_EXTRACTION', '2025-06-24', '2025-06-24', 0],
        ['OFFSHORE_ACCESS', '2025-06-24', '2025-06-24', 0],
        // Kim left on 06-01 with his access in place: detected that day
        ['LEAVER_ACTIVE_ACCESS', '2025-06-01', '2025-06-01', 0],
      ]),
    );
    // A rule with no start day (a rotation overdue) reports none.
    expect(detections.find((detection) => detection.kind === 'KEY_ROTATION_OVERDUE')).toMatchObject({ activityStartedOn: null, daysToDetect: null });
  });

  it('counts the days to detect from the activity’s start when the window opens after it', () => {
    // Replaying from 06-27: the offshore access and the extraction that began on 06-24 fire on 06-27, 3 days late.
    const late = replay(scenario, new Date('2025-06-27T00:00:00Z'), new Date('2025-06-30T00:00:00Z'));
    const kim = about(late, ['kim']).filter((detection) => detection.kind !== 'LEAVER_ACTIVE_ACCESS');
    expect(kim.map((detection) => [detection.kind, detection.activityStartedOn, detection.firstDetectedOn, detection.daysToDetect])).toEqual([
      ['BULK_EXTRACTION', '2025-06-24', '2025-06-27', 3],
      ['OFFSHORE_ACCESS', '2025-06-24', '2025-06-27', 3],
    ]);
    // the leaver (left 06-01) is 26 days late; the median over the three is 3
    expect(about(late, ['kim']).find((detection) => detection.kind === 'LEAVER_ACTIVE_ACCESS')?.daysToDetect).toBe(26);
    expect(medianDaysToDetect(about(late, ['kim']), new Date('2025-06-27T00:00:00Z'), new Date('2025-06-30T00:00:00Z'))).toBe(3);
  });

  it('reports conditions already true at the start of the window on its first day', () => {
    expect(detections.find((detection) => detection.kind === 'KEY_ROTATION_OVERDUE')).toMatchObject({ subject: { id: 'jwks-2015' }, firstDetectedOn: '2025-06-01', severity: 'CRITICAL' });
  });

  it('rejects a window that ends before it starts', () => {
    expect(() => replay(scenario, new Date('2025-07-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('findings at one date: the breach scenario', () => {
  it('produces LEAVER_ACTIVE_ACCESS, OFFSHORE_ACCESS and BULK_EXTRACTION for Kim, all CRITICAL, and none for Lee or Park', () => {
    const findings = evaluateFindings(scenario, new Date('2025-07-01T00:00:00Z'));
    const people = findings.filter((finding) => PEOPLE_KINDS.includes(finding.kind));
    expect(people.map((finding) => [finding.kind, finding.subject.id, finding.severity])).toEqual([
      ['BULK_EXTRACTION', 'kim', 'CRITICAL'],
      ['LEAVER_ACTIVE_ACCESS', 'kim', 'CRITICAL'],
      ['OFFSHORE_ACCESS', 'kim', 'CRITICAL'],
    ]);
    const bulk = people.find((finding) => finding.kind === 'BULK_EXTRACTION');
    expect(bulk?.evidence.filter((record) => record.type === 'bulk-credential').map((record) => record.data['credentialId'])).toEqual(['kim-key']);
    const leaver = people.find((finding) => finding.kind === 'LEAVER_ACTIVE_ACCESS');
    // uses on 06-24..07-01 = 8 days (the rollup of the asOf day counts)
    expect(leaver?.evidence[0]?.data).toMatchObject({ departedAt: '2025-06-01T00:00:00.000Z', daysWithUseAfterDeparture: 8 });
    expect(leaver?.evidence.some((record) => record.type === 'event' && record.data['eventId'] === 'evt-1')).toBe(true);
  });
});

describe('medianDaysToDetect', () => {
  const detection = (firstDetectedOn: string, daysToDetect: number | null): ReplayDetection => ({
    kind: 'BULK_EXTRACTION',
    subject: { type: 'PRINCIPAL', id: 'p', externalId: 'p', name: 'p' },
    fingerprint: `f-${firstDetectedOn}-${daysToDetect}`,
    severity: 'HIGH',
    firstDetectedOn,
    activityStartedOn: daysToDetect === null ? null : new Date(Date.parse(`${firstDetectedOn}T00:00:00Z`) - daysToDetect * 86_400_000).toISOString().slice(0, 10),
    daysToDetect,
  });

  it('takes the median over the detections first detected in the period, ignoring those without a start', () => {
    const list = [detection('2025-05-31', 100), detection('2025-06-01', 0), detection('2025-06-10', 4), detection('2025-06-20', 9), detection('2025-06-21', null), detection('2025-07-01', 50)];
    // in June: 0, 4, 9 → 4
    expect(medianDaysToDetect(list, new Date('2025-06-01T00:00:00Z'), new Date('2025-06-30T12:00:00Z'))).toBe(4);
    // an even count: (0 + 4) / 2
    expect(medianDaysToDetect(list.slice(1, 3), new Date('2025-06-01T00:00:00Z'), new Date('2025-06-30T00:00:00Z'))).toBe(2);
    expect(medianDaysToDetect([detection('2025-06-21', null)], new Date('2025-06-01T00:00:00Z'), new Date('2025-06-30T00:00:00Z'))).toBeNull();
  });
});
