import { breachScenario } from '../testing/breach-scenario.fixture.js';
import { evaluateFindings } from '../findings/evaluate-findings.js';
import { replay, type ReplayDetection } from './replay.js';

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
