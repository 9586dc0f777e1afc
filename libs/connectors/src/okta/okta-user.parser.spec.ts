import { RecordRejection } from '../core/readers/json-value.util.js';
import { parseOktaUser } from './okta-user.parser.js';

/** Shaped as `/api/v1/users` returns a user (Okta Users API reference). */
const user = (overrides: object = {}, profile: object = {}) => ({
  id: '00ub0oNGTSWTBKOLGLNR',
  status: 'ACTIVE',
  created: '2013-06-24T16:39:18.000Z',
  activated: '2013-06-24T16:39:19.000Z',
  statusChanged: '2013-06-24T16:39:19.000Z',
  lastLogin: '2024-06-24T17:39:19.000Z',
  lastUpdated: '2013-07-02T21:36:25.344Z',
  passwordChanged: '2013-07-02T21:36:25.344Z',
  type: { id: 'oty66lckcvDyVcGzS0h7' },
  profile: {
    firstName: 'Isaac',
    lastName: 'Brock',
    email: 'isaac.brock@example.com',
    login: 'isaac.brock@example.com',
    mobilePhone: '555-415-1337',
    employeeNumber: 'E-1042',
    department: 'Payments',
    countryCode: 'KR',
    userType: 'Employee',
    ...profile,
  },
  credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
  _links: { self: { href: 'https://example.okta.com/api/v1/users/00ub0oNGTSWTBKOLGLNR' } },
  ...overrides,
});

describe('parseOktaUser', () => {
  it('maps an active user to an active identity and account with last login', () => {
    const [identity, account] = parseOktaUser(user());
    expect(identity).toEqual({
      kind: 'identity',
      externalId: '00ub0oNGTSWTBKOLGLNR',
      email: 'isaac.brock@example.com',
      employeeNumber: 'E-1042',
      displayName: 'Isaac Brock',
      employmentType: 'EMPLOYEE',
      status: 'ACTIVE',
      startDate: null,
      terminationDate: null,
      workCountry: 'KR',
      department: 'Payments',
      managerEmail: null,
    });
    expect(account).toEqual({
      kind: 'account',
      system: 'okta',
      externalId: '00ub0oNGTSWTBKOLGLNR',
      userName: 'isaac.brock@example.com',
      email: 'isaac.brock@example.com',
      employeeNumber: 'E-1042',
      createdAt: new Date('2013-06-24T16:39:18.000Z'),
      status: 'ACTIVE',
      deactivatedAt: null,
      lastLoginAt: new Date('2024-06-24T17:39:19.000Z'),
    });
  });

  it('dates a DEPROVISIONED user as deactivated and terminated at its status change', () => {
    const [identity, account] = parseOktaUser(user({ status: 'DEPROVISIONED', statusChanged: '2025-01-31T18:00:00.000Z' }));
    expect(identity).toMatchObject({ status: 'TERMINATED', terminationDate: new Date('2025-01-31T18:00:00.000Z') });
    expect(account).toMatchObject({ status: 'DEACTIVATED', deactivatedAt: new Date('2025-01-31T18:00:00.000Z') });
  });

  it('dates a SUSPENDED user at its status change, still an active identity (suspension is not a departure)', () => {
    const [identity, account] = parseOktaUser(user({ status: 'SUSPENDED', statusChanged: '2025-02-01T00:00:00.000Z' }));
    expect(identity).toMatchObject({ status: 'ACTIVE', terminationDate: null });
    expect(account).toMatchObject({ status: 'SUSPENDED', deactivatedAt: new Date('2025-02-01T00:00:00.000Z') });
  });

  it.each([
    ['SUSPENDED', 'SUSPENDED'],
    ['LOCKED_OUT', 'ACTIVE'],
    ['PASSWORD_EXPIRED', 'ACTIVE'],
    ['STAGED', 'ACTIVE'],
  ])('keeps an Okta %s account %s', (status, expected) => {
    expect(parseOktaUser(user({ status }))[1].status).toBe(expected);
  });

  it('rejects an unknown status and a missing login, naming the field', () => {
    expect(() => parseOktaUser(user({ status: 'ZOMBIE' }))).toThrow(new RecordRejection('unknown Okta user status "ZOMBIE"', 'status'));
    expect(() => parseOktaUser(user({}, { login: '' }))).toThrow(new RecordRejection('missing required field profile.login', 'profile.login'));
  });
});
