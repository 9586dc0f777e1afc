import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectContext } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { hrRosterFileSource } from './hr-roster.file-source.js';

const context: CollectContext = { signal: new AbortController().signal, now: new Date('2025-12-01T00:00:00Z') };
const HEADER = 'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hr-roster-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ingest(name: string, text: string): Promise<{ path: string; records: CollectedRecord[] }> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const records: CollectedRecord[] = [];
  for await (const record of hrRosterFileSource.collectFile(path, context)) records.push(record);
  return { path, records };
}

describe('hr-roster file source', () => {
  it('reads identities with normalised e-mails, upper-case countries and UTC dates, ignoring extra columns', async () => {
    const { path, records } = await ingest(
      'roster.csv',
      `\uFEFF${HEADER},cost_center\r\n` +
        'E1001, Kim.MinJun@Example.COM ,김민준,employee,terminated,2015-03-02,2025-06-24,kr,Auth Platform,Lee.Boss@example.com,CC-7\r\n' +
        'C2002,ana@example.com,"Ana Souza, PhD",Contractor,ACTIVE,2024-01-15T09:00:00+09:00,,br,,,CC-9\r\n',
    );
    expect(records).toEqual([
      {
        accepted: true,
        location: { source: path, line: 2 },
        observation: {
          kind: 'identity',
          externalId: 'E1001',
          email: 'kim.minjun@example.com',
          employeeNumber: 'E1001',
          displayName: '김민준',
          employmentType: 'EMPLOYEE',
          status: 'TERMINATED',
          startDate: new Date('2015-03-02T00:00:00Z'),
          terminationDate: new Date('2025-06-24T00:00:00Z'),
          workCountry: 'KR',
          department: 'Auth Platform',
          managerEmail: 'lee.boss@example.com',
        },
      },
      {
        accepted: true,
        location: { source: path, line: 3 },
        observation: {
          kind: 'identity',
          externalId: 'C2002',
          email: 'ana@example.com',
          employeeNumber: 'C2002',
          displayName: 'Ana Souza, PhD',
          employmentType: 'CONTRACTOR',
          status: 'ACTIVE',
          startDate: new Date('2024-01-15T00:00:00Z'),
          terminationDate: null,
          workCountry: 'BR',
          department: null,
          managerEmail: null,
        },
      },
    ]);
  });

  it('rejects a roster missing required columns once, naming them', async () => {
    const { path, records } = await ingest('old.csv', 'employee_id,email,full_name,status\nE1,a@example.com,A,active\n');
    expect(records).toEqual([
      {
        accepted: false,
        location: { source: path, line: 1, field: 'employment_type' },
        reason:
          'header is missing required columns employment_type, start_date, termination_date, work_country, department, manager_email (found: employee_id, email, full_name, status)',
      },
    ]);
  });

  it('rejects bad values with line and field, naming every problem of the row, and keeps the good rows', async () => {
    const { path, records } = await ingest(
      'bad.csv',
      `${HEADER}\n` +
        'E1,a@example.com,A,employee,active,2020-01-01,,US,Eng,\n' +
        'E2,b@example,B,staff,active,2020-02-30,,UK,Eng,\n' +
        'E3,c@example.com,C,vendor,terminated,2022-05-01,2021-01-01,DE,Ops,\n' +
        'E4,d@example.com,,vendor,gone,,,,,\n' +
        'E1,dup@example.com,Dup,employee,active,,,,,\n' +
        'E5,e@example.com,E,employee,leave,2019-07-01,,IN,Eng,not-an-email\n' +
        'E6,f@example.com,F,employee,active\n' +
        'E7,g@example.com,G,vendor,active,2023-03-03,,VN,Support,\n',
    );
    // Rejections as rows are read; people once the whole file is read (their rows may be spread over it).
    expect(records.map((r) => (r.accepted ? r.location.line : [r.location.line, r.location.field, r.reason]))).toEqual([
      [3, 'email', 'email is not an e-mail address: "b@example"; employment_type must be employee, contractor, vendor; found "staff"; start_date is not an ISO 8601 date: "2020-02-30"; work_country "UK" is not an ISO 3166-1 alpha-2 country code (did you mean GB?)'],
      [4, 'termination_date', 'termination_date 2021-01-01 is before start_date 2022-05-01 (a rehire) but status is terminated: give the date of the latest termination'],
      [5, 'full_name', 'full_name is empty; status must be active, leave, terminated; found "gone"'],
      [6, 'start_date', 'employee_id E1 already appears on line 2: each row of an employment history needs its own start_date'],
      [7, 'manager_email', 'manager_email is not an e-mail address: "not-an-email"'],
      [8, undefined, 'expected 10 fields (one per header column), found 5: the row is incomplete or the file is truncated'],
      2,
      9,
    ]);
    expect(records.every((r) => r.location.source === path)).toBe(true);
  });

  describe('employment history (rehires)', () => {
    const identityOf = (records: CollectedRecord[], id: string) =>
      records.flatMap((r) => (r.accepted && r.observation.kind === 'identity' && r.observation.externalId === id ? [{ ...r.observation, line: r.location.line }] : []));

    it('accepts a rehire row (termination before start) as it stands', async () => {
      const { records } = await ingest('rehire.csv', `${HEADER}\nE9,park@example.com,Park,employee,active,2024-09-01,2024-01-31,KR,Auth,\n`);
      expect(identityOf(records, 'E9')).toEqual([
        expect.objectContaining({ status: 'ACTIVE', startDate: new Date('2024-09-01T00:00:00Z'), terminationDate: new Date('2024-01-31T00:00:00Z') }),
      ]);
    });

    it('merges several rows of one person, in any order, into the latest period with the previous termination', async () => {
      const { records } = await ingest(
        'history.csv',
        `${HEADER}\n` +
          'E7,Choi@Example.com,Choi,employee,active,2024-06-01,,KR,Auth,\n' +
          'E8,other@example.com,Other,employee,active,2020-01-01,,KR,Ops,\n' +
          'E7,choi@example.com,Choi,employee,terminated,2018-03-01,2023-03-31,KR,Payments,\n',
      );
      expect(records.every((r) => r.accepted)).toBe(true);
      expect(identityOf(records, 'E7')).toEqual([
        expect.objectContaining({
          status: 'ACTIVE',
          email: 'choi@example.com',
          department: 'Auth',
          startDate: new Date('2024-06-01T00:00:00Z'),
          terminationDate: new Date('2023-03-31T00:00:00Z'),
          line: 2,
        }),
      ]);
      expect(identityOf(records, 'E8')).toHaveLength(1);
    });

    it('reads a latest period that has ended as a departure, whatever came before', async () => {
      const { records } = await ingest(
        'left-again.csv',
        `${HEADER}\nE6,kang@example.com,Kang,employee,terminated,2019-01-01,2020-12-31,KR,Auth,\nE6,kang@example.com,Kang,employee,terminated,2022-01-01,2025-05-31,KR,Auth,\n`,
      );
      expect(identityOf(records, 'E6')).toEqual([
        expect.objectContaining({ status: 'TERMINATED', startDate: new Date('2022-01-01T00:00:00Z'), terminationDate: new Date('2025-05-31T00:00:00Z'), line: 3 }),
      ]);
    });

    it('does not take a contractor converted to an employee the next day for a leaver', async () => {
      const { records } = await ingest(
        'conversion.csv',
        `${HEADER}\nC5,lim@example.com,Lim,contractor,terminated,2022-01-01,2024-01-31,KR,Auth,\nC5,lim@example.com,Lim,employee,active,2024-02-01,,KR,Auth,\n`,
      );
      expect(identityOf(records, 'C5')).toEqual([expect.objectContaining({ employmentType: 'EMPLOYEE', status: 'ACTIVE', terminationDate: null })]);
    });
  });
});
