import { NotificationError } from '../notifications.error.js';
import { parseChannelInput } from './channel-config.js';

const problemOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NotificationError);
    return (error as Error).message;
  }
  throw new Error('expected a NotificationError');
};

describe('parseChannelInput', () => {
  it('keeps the Slack and Teams webhook URL sealed, whether given as --url or on standard input', () => {
    const url = 'https://hooks.slack.com/services/T0/B0/abcdefgh12345678';
    expect(parseChannelInput({ type: 'slack', name: 'sec', url })).toEqual({ config: {}, secrets: { webhookUrl: url } });
    expect(parseChannelInput({ type: 'teams', name: 'sec', secret: url })).toEqual({ config: {}, secrets: { webhookUrl: url } });
  });

  it('splits an SMTP channel into its options (defaults filled in) and its password', () => {
    const parsed = parseChannelInput({ type: 'smtp', name: 'mail', secret: 'pw', options: { host: 'smtp.acme.test', from: 'pb@acme.test', to: 'a@acme.test, b@acme.test', username: 'pb' } });
    expect(parsed).toEqual({
      config: { host: 'smtp.acme.test', port: 587, security: 'starttls', from: 'pb@acme.test', to: ['a@acme.test', 'b@acme.test'], username: 'pb' },
      secrets: { password: 'pw' },
    });
  });

  it('keeps a stored secret the new configuration leaves out, and lets a new one replace it', () => {
    const previous = { signingSecret: 'the-old-signing-secret' };
    expect(parseChannelInput({ type: 'webhook', name: 'siem', url: 'https://siem.acme.test/hook' }, previous).secrets).toEqual(previous);
    expect(parseChannelInput({ type: 'webhook', name: 'siem', url: 'https://siem.acme.test/hook', secret: 'a-brand-new-signing-secret' }, previous).secrets).toEqual({
      signingSecret: 'a-brand-new-signing-secret',
    });
  });

  it('lists every problem by field, and never repeats a secret value', () => {
    const message = problemOf(() => parseChannelInput({ type: 'webhook', name: 'siem', url: 'http://siem.acme.test/hook', secret: 'tooshort' }));
    expect(message).toContain('url: must be an https:// URL (http:// only for localhost)');
    expect(message).toContain('the signing secret (--secret-stdin): the signing secret needs at least 16 characters');
    expect(message).not.toContain('tooshort');
    const slack = problemOf(() => parseChannelInput({ type: 'slack', name: 'sec', url: 'http://hooks.slack.com/services/T0/B0/secretpart123' }));
    expect(slack).toContain('the Slack webhook URL (--url)');
    expect(slack).not.toContain('secretpart123');
    expect(problemOf(() => parseChannelInput({ type: 'jira', name: 'j', url: 'https://acme.atlassian.net', secret: 't', options: { projectKey: 'SEC' } }))).toContain(
      'Jira Cloud needs the e-mail of the API token owner (--email)',
    );
    expect(problemOf(() => parseChannelInput({ type: 'webhook', name: 'bad/name' }))).toContain('A channel name is');
  });
});
