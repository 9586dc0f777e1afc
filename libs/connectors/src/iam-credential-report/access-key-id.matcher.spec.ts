import { matchAccessKeyIds } from './access-key-id.matcher.js';

const values = {
  access_key_1_active: 'true',
  access_key_1_last_rotated: '2022-05-18T09:51:58+00:00',
  access_key_2_active: 'false',
  access_key_2_last_rotated: '2023-01-02T03:04:05+00:00',
};

describe('matchAccessKeyIds', () => {
  it('matches each slot to the listed key created in the same second', () => {
    const matched = matchAccessKeyIds(values, [
      { AccessKeyId: 'AKIAOLDER', CreateDate: new Date('2023-01-02T03:04:05.900Z'), Status: 'Inactive' },
      { AccessKeyId: 'AKIANEWER', CreateDate: new Date('2022-05-18T09:51:58Z'), Status: 'Active' },
    ]);
    expect(matched).toEqual({
      1: { accessKeyId: 'AKIANEWER', createdAt: new Date('2022-05-18T09:51:58Z') },
      2: { accessKeyId: 'AKIAOLDER', createdAt: new Date('2023-01-02T03:04:05.900Z') },
    });
  });

  it('matches a single left-over key to a single left-over slot only when their status agrees', () => {
    const one = { access_key_1_active: 'true', access_key_1_last_rotated: '2022-05-18T09:51:58Z', access_key_2_active: 'false', access_key_2_last_rotated: 'N/A' };
    expect(matchAccessKeyIds(one, [{ AccessKeyId: 'AKIAONE', CreateDate: new Date('2020-01-01T00:00:00Z'), Status: 'Active' }])).toEqual({
      1: { accessKeyId: 'AKIAONE', createdAt: new Date('2020-01-01T00:00:00Z') },
    });
    expect(matchAccessKeyIds(one, [{ AccessKeyId: 'AKIAONE', CreateDate: new Date('2020-01-01T00:00:00Z'), Status: 'Inactive' }])).toEqual({});
  });

  it('leaves slots unmatched when two keys could fill them', () => {
    const same = new Date('2022-05-18T09:51:58Z');
    expect(matchAccessKeyIds(values, [
      { AccessKeyId: 'AKIAA', CreateDate: same, Status: 'Active' },
      { AccessKeyId: 'AKIAB', CreateDate: same, Status: 'Active' },
    ])).toEqual({});
  });
});
