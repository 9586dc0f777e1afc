import { FINDING_KINDS } from '@postureboard/domain';
import { FRAMEWORK_MAPPING, type Framework } from './framework-mapping.js';

/** Valid identifiers per framework (ISO 27001:2022 Annex A has 37 + 8 + 14 + 34 controls; CIS v8 has 18 controls). */
const VALID: Record<Framework, (id: string) => boolean> = {
  iso27001: (id) => {
    const match = /^A\.([5-8])\.(\d{1,2})$/.exec(id);
    const max: Record<string, number> = { '5': 37, '6': 8, '7': 14, '8': 34 };
    return Boolean(match && Number(match[2]) >= 1 && Number(match[2]) <= max[match[1]!]!);
  },
  nistCsf: (id) => /^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/.test(id),
  cisV8: (id) => {
    const match = /^(\d{1,2})\.(\d{1,2})$/.exec(id);
    return Boolean(match && Number(match[1]) >= 1 && Number(match[1]) <= 18);
  },
  ismsP: (id) => /^(1\.[1-4]|2\.(?:[1-9]|1[0-2])|3\.[1-5])\.\d{1,2}$/.test(id),
};

const ids = (kind: (typeof FINDING_KINDS)[number], framework: Framework) => FRAMEWORK_MAPPING[kind][framework].controls.map((c) => c.id);

describe('FRAMEWORK_MAPPING', () => {
  it('maps every finding kind to at least one well-formed control in each of the four frameworks', () => {
    for (const kind of FINDING_KINDS) {
      for (const framework of Object.keys(VALID) as Framework[]) {
        const controls = ids(kind, framework);
        expect(controls.length).toBeGreaterThan(0);
        for (const id of controls) expect({ kind, framework, id, valid: VALID[framework](id) }).toMatchObject({ valid: true });
      }
    }
  });

  it('maps keys to authentication information and cryptography, and leavers to access rights and return of assets', () => {
    expect(ids('KEY_ROTATION_OVERDUE', 'iso27001')).toEqual(expect.arrayContaining(['A.8.24', 'A.5.17']));
    expect(ids('KEY_ROTATION_OVERDUE', 'ismsP')).toContain('2.7.2');
    expect(ids('LEAVER_ACTIVE_ACCESS', 'iso27001')).toEqual(expect.arrayContaining(['A.5.18', 'A.5.11', 'A.6.5']));
    expect(ids('LEAVER_ACTIVE_ACCESS', 'cisV8')).toContain('6.2');
    expect(ids('LEAVER_ACTIVE_ACCESS', 'ismsP')).toEqual(expect.arrayContaining(['2.2.5', '2.5.1']));
    expect(ids('ACCESS_REVIEW_OVERDUE', 'nistCsf')).toContain('PR.AA-05');
    expect(ids('KEY_UNUSED', 'cisV8')).toContain('5.3');
    expect(ids('BULK_EXTRACTION', 'ismsP')).toContain('2.11.3');
  });

  it('gives every note in both languages', () => {
    for (const kind of FINDING_KINDS) {
      for (const entry of Object.values(FRAMEWORK_MAPPING[kind])) {
        if (entry.note) expect([entry.note.en.length > 0, entry.note.ko.length > 0]).toEqual([true, true]);
      }
    }
  });
});
