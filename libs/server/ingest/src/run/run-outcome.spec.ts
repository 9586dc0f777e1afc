import { IngestErrorCollector } from './ingest-error.collector.js';
import { completedOutcome, describeFailure, emptyTally, failedOutcome } from './run-outcome.js';

describe('run outcome', () => {
  it('is SUCCEEDED when nothing was rejected, PARTIAL when good records landed beside bad ones, FAILED when none did', () => {
    const errors = new IngestErrorCollector();
    expect(completedOutcome({ ...emptyTally(), accepted: 3, inserted: 3 }, errors)).toMatchObject({ status: 'SUCCEEDED', errorMessage: null });
    errors.add({ source: 'roster.csv', line: 4, field: 'status' }, 'status must be active, leave, terminated; found "x"');
    expect(completedOutcome({ ...emptyTally(), accepted: 3, rejected: 1 }, errors)).toMatchObject({
      status: 'PARTIAL',
      errorMessage: '1 record rejected; first: roster.csv:4: status must be active, leave, terminated; found "x"',
    });
    expect(completedOutcome({ ...emptyTally(), rejected: 1 }, errors)).toMatchObject({ status: 'FAILED', errorMessage: expect.stringMatching(/^1 record rejected, none accepted/) });
  });

  it('keeps at most the cap of errors but counts them all, and says so', () => {
    const errors = new IngestErrorCollector(2);
    for (let i = 1; i <= 5; i += 1) errors.add({ source: 'events.json', record: i }, `bad ${i}`);
    expect(errors.total).toBe(5);
    expect(errors.errors.map((e) => e.reason)).toEqual(['bad 1', 'bad 2']);
    const outcome = completedOutcome({ ...emptyTally(), accepted: 1, rejected: 5 }, errors);
    expect(outcome.errorMessage).toBe('5 records rejected; first: events.json record 1: bad 1 (the first 2 errors are kept)');
  });

  it('reports a fatal failure with nothing stored and always keeps the fatal error, even past the cap', () => {
    const errors = new IngestErrorCollector(1);
    errors.add({ source: 'a.csv', line: 2 }, 'bad');
    const outcome = failedOutcome({ accepted: 10, rejected: 1, inserted: 7, updated: 1, unchanged: 2 }, errors, 'connection reset', 'https://idp');
    expect(outcome).toMatchObject({ status: 'FAILED', accepted: 10, rejected: 1, inserted: 0, updated: 0, unchanged: 0 });
    expect(outcome.errorMessage).toBe('connection reset; nothing from this run was stored, the previous data is unchanged');
    expect(outcome.errors.map((e) => e.reason)).toEqual(['bad', 'connection reset']);
  });

  it('describes file-system failures plainly, looking through wrapped causes', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file or directory, open /x/y.csv'), { code: 'ENOENT', path: '/x/y.csv' });
    expect(describeFailure(new Error('Cannot read /x/y.csv', { cause: enoent }))).toBe('cannot read /x/y.csv: no such file or directory');
    expect(describeFailure(new Error('boom'))).toBe('boom');
    expect(describeFailure('text')).toBe('text');
  });

  it('stores no secret of the run in any encoding, in reasons and in the fatal message', () => {
    const token = '00aBcDeFgHiJkLmNoPqRsTuVwXyZ';
    const errors = new IngestErrorCollector(10, [token]);
    const base64 = Buffer.from(`SSWS ${token}`).toString('base64');
    errors.add({ source: 'okta', record: 1 }, `upstream said: ${base64}`);
    errors.add({ source: `https://x.okta.com/?t=${encodeURIComponent(token)}`, record: 2 }, `token ${token} rejected`);
    const outcome = failedOutcome(emptyTally(), errors, `Okta rejected ${base64}`, 'okta data source');
    const stored = JSON.stringify(outcome);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(base64.slice(8, 30));
    expect(stored).not.toContain(encodeURIComponent(token));
    expect(outcome.errors.map((e) => e.reason)).toEqual([expect.stringContaining('[redacted]'), 'token [redacted] rejected', expect.stringContaining('[redacted]')]);
  });

  it('bounds every stored text: a two-million-character reason is kept to its first thousand characters', () => {
    const errors = new IngestErrorCollector();
    errors.add({ source: 'hr.csv', line: 1, field: 'f'.repeat(5000) }, `header is missing: ${'x'.repeat(2_000_235)}`);
    const [kept] = errors.errors;
    expect(kept!.reason.length).toBeLessThanOrEqual(1000);
    expect(kept!.reason.startsWith('header is missing: xxx')).toBe(true);
    expect(kept!.field!.length).toBeLessThanOrEqual(200);
    const outcome = failedOutcome(emptyTally(), errors, 'y'.repeat(50_000), 'hr.csv');
    expect(outcome.errors.at(-1)!.reason.length).toBeLessThanOrEqual(1000);
    expect(outcome.errorMessage!.length).toBeLessThan(1200);
  });
});
