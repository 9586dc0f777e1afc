import { safeUploadName } from './upload-receiver.js';

describe('safeUploadName', () => {
  it('keeps the name and extension but nothing that reaches outside the upload directory', () => {
    expect(safeUploadName('logs.json.gz', 'x')).toBe('logs.json.gz');
    expect(safeUploadName('../../etc/passwd', 'x')).toBe('passwd');
    expect(safeUploadName('.hidden', 'x')).toBe('hidden');
    expect(safeUploadName('my report (1).csv', 'x')).toBe('my_report__1_.csv');
    expect(safeUploadName(undefined, 'cloudtrail-upload')).toBe('cloudtrail-upload');
    expect(safeUploadName('..', 'fallback')).toBe('fallback');
  });
});
