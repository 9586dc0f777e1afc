import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedFileWriter } from './chunked-file.writer.js';
import { BENCH_AWS_ACCOUNT, type BenchOrg, daysAgo } from './synthetic-org.js';

export interface InventoryFiles {
  hrRoster: string;
  scimUsers: string;
  iamCredentialReport: string;
}

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Users per SCIM page: a paged export, as the SCIM API serves it (and each page well under a whole-document cap). */
const SCIM_PAGE = 10_000;

/**
 * The HR roster (CSV), the identity provider's users (a folder of SCIM 2.0 ListResponse pages) and the IAM
 * credential report (CSV).
 */
export function writeInventoryFiles(org: BenchOrg, directory: string): InventoryFiles {
  const files: InventoryFiles = {
    hrRoster: join(directory, 'hr-roster.csv'),
    scimUsers: join(directory, 'scim-users'),
    iamCredentialReport: join(directory, 'iam-credential-report.csv'),
  };
  const lead = (team: number): string => org.people[team]!.email;

  const hr = new ChunkedFileWriter(files.hrRoster);
  hr.write('employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email\n');
  org.people.forEach((p, i) => {
    const left = p.leftDaysAgo === null ? '' : isoDay(daysAgo(org, p.leftDaysAgo));
    const manager = lead(p.team) === p.email ? '' : lead(p.team);
    hr.write(
      `E${100000 + i},${p.email},${p.name},${p.type},${p.leftDaysAgo === null ? 'active' : 'terminated'},${isoDay(daysAgo(org, p.startDaysAgo))},${left},${p.country},${org.teams[p.team]},${manager}\n`,
    );
  });
  hr.close();

  mkdirSync(files.scimUsers, { recursive: true });
  const count = org.people.length;
  for (let start = 0; start < count; start += SCIM_PAGE) {
    const page = org.people.slice(start, start + SCIM_PAGE);
    const scim = new ChunkedFileWriter(join(files.scimUsers, `page-${String(start / SCIM_PAGE + 1).padStart(4, '0')}.json`));
    scim.write(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":${count},"startIndex":${start + 1},"itemsPerPage":${page.length},"Resources":[`);
    page.forEach((p, j) => {
      const i = start + j;
      const modified = iso(daysAgo(org, p.deprovisioned ? p.leftDaysAgo! : 30));
      scim.write(
        `${j === 0 ? '' : ','}\n{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],` +
          `"id":"scim-${i}","userName":"${p.email}","name":{"formatted":"${p.name}"},"displayName":"${p.name}","active":${!p.deprovisioned},` +
          `"emails":[{"value":"${p.email}","type":"work","primary":true}],"userType":"${p.type === 'employee' ? 'Employee' : 'Contractor'}",` +
          `"addresses":[{"type":"work","country":"${p.country}","primary":true}],` +
          `"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"E${100000 + i}","department":"${org.teams[p.team]}"},` +
          `"meta":{"resourceType":"User","created":"${iso(daysAgo(org, p.startDaysAgo))}","lastModified":"${modified}"}}`,
      );
    });
    scim.write('\n]}\n');
    scim.close();
  }

  const iam = new ChunkedFileWriter(files.iamCredentialReport);
  iam.write(
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n',
  );
  iam.write(`<root_account>,arn:aws:iam::${BENCH_AWS_ACCOUNT}:root,${iso(daysAgo(org, 3400))},not_supported,${iso(daysAgo(org, 40))},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n`);
  for (const u of org.iamUsers) {
    const person = u.person === null ? null : org.people[u.person]!;
    const console = person !== null;
    const lastUsed = iso(daysAgo(org, person?.leftDaysAgo !== null && person?.leftDaysAgo !== undefined && !u.rogue ? person.leftDaysAgo + 1 : 1));
    const key = (age: number | null): string =>
      age === null ? 'false,N/A,N/A,N/A,N/A' : `true,${iso(daysAgo(org, age))},${lastUsed},ap-northeast-2,s3`;
    iam.write(
      [
        u.name,
        `arn:aws:iam::${BENCH_AWS_ACCOUNT}:user/${u.name}`,
        iso(daysAgo(org, Math.max(u.keyAges[0], u.keyAges[1] ?? 0) + 5)),
        console ? 'true' : 'false',
        console ? lastUsed : 'N/A',
        console ? iso(daysAgo(org, 60)) : 'N/A',
        'N/A',
        console ? 'true' : 'false',
        key(u.keyAges[0]),
        key(u.keyAges[1]),
        'false,N/A,false,N/A',
      ].join(',') + '\n',
    );
  }
  iam.close();
  return files;
}
