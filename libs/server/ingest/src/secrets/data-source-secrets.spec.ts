import { keepOmittedSecrets, secretFieldsSet, splitSecrets } from './data-source-secrets.js';

describe('data source secrets', () => {
  it('splits secret fields from what may be stored and shown', () => {
    expect(splitSecrets({ baseUrl: 'https://x', token: 't', password: '' }, ['token', 'password'])).toEqual({
      plain: { baseUrl: 'https://x' },
      secrets: { token: 't' },
    });
  });

  it('keeps a stored secret the new configuration leaves out, but lets a new value replace it', () => {
    expect(keepOmittedSecrets({ baseUrl: 'https://y' }, { token: 'old' }, ['token'])).toEqual({ baseUrl: 'https://y', token: 'old' });
    expect(keepOmittedSecrets({ token: 'new' }, { token: 'old' }, ['token'])).toEqual({ token: 'new' });
    expect(keepOmittedSecrets({ baseUrl: 'https://y' }, { other: 'x' }, ['token'])).toEqual({ baseUrl: 'https://y' });
  });

  it('names the secret fields that hold a value, sorted', () => {
    expect(secretFieldsSet({ token: 'x', apiKey: 'y', empty: '' })).toEqual(['apiKey', 'token']);
  });
});
