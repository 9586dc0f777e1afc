import { Command } from 'commander';
import { commandPath, parseServerUrl, remoteTarget } from './remote-target.js';

describe('choosing between the local database and a server', () => {
  it('works locally when neither a server nor a token is configured', () => {
    expect(remoteTarget(undefined, {})).toBeNull();
  });

  it('prefers --server to POSTUREBOARD_SERVER_URL, and takes the token from the environment', () => {
    const target = remoteTarget('https://cli.example.com', { POSTUREBOARD_SERVER_URL: 'https://env.example.com', POSTUREBOARD_API_TOKEN: 'pbt_x' });
    expect({ server: target?.serverUrl.origin, token: target?.token }).toEqual({ server: 'https://cli.example.com', token: 'pbt_x' });
  });

  it('refuses half a setup instead of falling back to the local database', () => {
    expect(() => remoteTarget(undefined, { POSTUREBOARD_SERVER_URL: 'https://env.example.com' })).toThrow(/needs an API token in POSTUREBOARD_API_TOKEN/);
    expect(() => remoteTarget(undefined, { POSTUREBOARD_API_TOKEN: 'pbt_x' })).toThrow(/no server is/);
  });

  it('accepts --server only over https, or http to this machine', () => {
    expect(parseServerUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(() => parseServerUrl('http://posture.example.com')).toThrow('expected an https:// URL (http:// only for localhost)');
    expect(() => parseServerUrl('posture.example.com')).toThrow('expected an http:// or https:// URL');
  });

  it('names a nested command by its path under the program', () => {
    const program = new Command('postureboard');
    const list = program.command('org').command('list');
    expect(commandPath(list)).toBe('org list');
  });
});
