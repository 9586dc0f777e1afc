import { isSafeError, maskError } from './graphql-hardening.plugin.js';

describe('GraphQL error masking', () => {
  it('keeps deliberate errors (coded, or an HTTP 4xx) but strips any stack trace', () => {
    const forbidden = { message: 'Not allowed', extensions: { code: 'FORBIDDEN', stacktrace: ['at x'] } };
    expect(maskError(forbidden, 'id')).toEqual({ message: 'Not allowed', extensions: { code: 'FORBIDDEN' } });
    expect(isSafeError({ message: 'Not Found', extensions: { code: 'INTERNAL_SERVER_ERROR', status: 404 } })).toBe(true);
  });

  it('replaces anything unexpected with "Internal error" and a correlation id', () => {
    const leaked = { message: 'duplicate key value violates unique constraint "app_user_email_key"', path: ['createUser'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at pg'] } };
    expect(maskError(leaked, 'c0ffee')).toEqual({ message: 'Internal error', path: ['createUser'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'c0ffee' } });
    expect(maskError({ message: 'no code at all' }, 'c1').message).toBe('Internal error');
  });
});
