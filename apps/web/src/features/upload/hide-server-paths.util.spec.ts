import { describe, expect, it } from '@jest/globals';
import { hideServerPaths } from './hide-server-paths.util.js';

describe('hideServerPaths', () => {
  it('leaves only the file name of a server temp path', () => {
    expect(hideServerPaths('/tmp/pb-upload-Ab12/report.csv: line 3 has no user')).toBe('report.csv: line 3 has no user');
    expect(hideServerPaths('Cannot parse /var/folders/x/T/postureboard-uploads/4f2e9 as JSON')).toBe('Cannot parse 4f2e9 as JSON');
    expect(hideServerPaths('C:\\Users\\svc\\AppData\\Local\\Temp\\pb-upload-1\\roster.csv is empty')).toBe('roster.csv is empty');
  });

  it('drops the upload: prefix runs use for an uploaded file name', () => {
    expect(hideServerPaths('upload:credential-report.csv')).toBe('credential-report.csv');
    expect(hideServerPaths('1 record rejected; first: upload:report.csv:4: expected 22 fields')).toBe('1 record rejected; first: report.csv:4: expected 22 fields');
  });

  it('keeps text without paths and URLs intact', () => {
    expect(hideServerPaths('email: required')).toBe('email: required');
    expect(hideServerPaths('see https://graph.microsoft.com/v1.0/users for the format')).toBe('see https://graph.microsoft.com/v1.0/users for the format');
  });
});
