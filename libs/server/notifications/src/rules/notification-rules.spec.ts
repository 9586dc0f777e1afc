import fc from 'fast-check';
import { NOTIFICATION_LANGS, NOTIFICATION_TYPES, type ChannelType, type NotificationLang } from '../model/notification-event.js';
import type { ChannelRecord } from '../storage/notification-channel.repository.js';
import { mailGroups, planDeliveries, type RecipientPreference } from './notification-rules.js';

const channel = (name: string, type: ChannelType, lang: 'en' | 'ko' = 'en'): ChannelRecord => ({
  id: `id-${name}`,
  organizationId: 'org',
  type,
  name,
  lang,
  config: {},
  secretSealed: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

const CHANNELS = [channel('hook', 'webhook'), channel('chat', 'slack'), channel('room', 'teams'), channel('mail', 'smtp'), channel('mail-ko', 'smtp', 'ko'), channel('tickets', 'jira')];
const names = (planned: ReturnType<typeof planDeliveries>) => planned.map((p) => p.channel.name);

describe('planDeliveries', () => {
  it('sends a CRITICAL finding to every chat, webhook and mail channel by default, and to Jira only when a rule names it', () => {
    expect(names(planDeliveries('finding.critical', {}, CHANNELS, []))).toEqual(['hook', 'chat', 'room', 'mail', 'mail-ko']);
    const rule = { type: 'finding.critical' as const, enabled: true, channelNames: ['tickets', 'chat'], recipients: null };
    expect(names(planDeliveries('finding.critical', {}, CHANNELS, [rule]))).toEqual(['chat', 'tickets']);
  });

  it('sends nothing for a disabled event, and never a digest to Jira even when named', () => {
    expect(planDeliveries('digest.weekly', {}, CHANNELS, [{ type: 'digest.weekly', enabled: false, channelNames: null, recipients: null }])).toEqual([]);
    expect(names(planDeliveries('digest.weekly', {}, CHANNELS, [{ type: 'digest.weekly', enabled: true, channelNames: ['tickets', 'mail'], recipients: null }]))).toEqual(['mail']);
  });

  it('mails an SLA reminder to the owner team’s lead, else to the rule’s recipients', () => {
    const rules = [{ type: 'sla.overdue' as const, enabled: true, channelNames: null, recipients: ['security@acme.test'] }];
    const withLead = planDeliveries('sla.overdue', { leadEmail: 'lead@acme.test' }, CHANNELS, rules).filter((p) => p.channel.type === 'smtp');
    expect(withLead.map((p) => p.recipients)).toEqual([['lead@acme.test'], ['lead@acme.test']]);
    const unowned = planDeliveries('sla.overdue', { leadEmail: null }, CHANNELS, rules).filter((p) => p.channel.type === 'smtp');
    expect(unowned.map((p) => p.recipients)).toEqual([['security@acme.test'], ['security@acme.test']]);
  });

  it('mails a board report to every mail channel (its recipients’ languages decide who gets which: mailGroups), and to webhooks', () => {
    expect(names(planDeliveries('report.delivered', { lang: 'ko' }, CHANNELS, []))).toEqual(['hook', 'mail', 'mail-ko']);
  });
});

describe('mailGroups', () => {
  const lang = fc.constantFrom<NotificationLang>(...NOTIFICATION_LANGS);
  const recipient = fc.record({ email: fc.emailAddress(), preference: fc.option(fc.record({ lang: fc.option(lang, { nil: null }), digestOptOut: fc.boolean() }), { nil: undefined }) });
  const audience = fc.uniqueArray(recipient, { selector: (r) => r.email.toLowerCase(), maxLength: 12 });
  const lookup = (list: readonly { email: string; preference: RecipientPreference | undefined }[]) => (email: string) =>
    list.find((r) => r.email.toLowerCase() === email)?.preference;

  it('writes to each recipient once, in their own language or else the channel’s, leaving out only digest opt-outs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NOTIFICATION_TYPES.filter((t) => t !== 'report.delivered')), lang, audience, (type, channelLang, list) => {
        const groups = mailGroups(type, channelLang, list.map((r) => r.email), lookup(list));
        const sent = groups.flatMap((g) => g.recipients.map((email) => ({ email, lang: g.lang ?? channelLang })));
        const expected = list
          .filter((r) => !(type === 'digest.weekly' && r.preference?.digestOptOut))
          .map((r) => ({ email: r.email, lang: r.preference?.lang ?? channelLang }));
        expect(sent.sort((x, y) => x.email.localeCompare(y.email))).toEqual(expected.sort((x, y) => x.email.localeCompare(y.email)));
        // The channel's own language is the null group: a delivery exactly as before preferences existed.
        expect(groups.every((g) => g.lang !== channelLang && g.recipients.length > 0)).toBe(true);
      }),
    );
  });

  it('gives each recipient exactly one of the scheduled reports: theirs when scheduled, else the channel’s language', () => {
    fc.assert(
      fc.property(lang, audience, fc.subarray([...NOTIFICATION_LANGS], { minLength: 1 }), (channelLang, list, scheduled) => {
        const received = new Map<string, NotificationLang[]>();
        for (const reportLang of scheduled) {
          for (const group of mailGroups('report.delivered', channelLang, list.map((r) => r.email), lookup(list), { lang: reportLang, scheduledLanguages: scheduled })) {
            expect(group.lang ?? channelLang).toBe(reportLang);
            for (const email of group.recipients) received.set(email, [...(received.get(email) ?? []), reportLang]);
          }
        }
        for (const r of list) {
          const own = r.preference?.lang ?? channelLang;
          const wanted = scheduled.includes(own) ? own : channelLang;
          expect(received.get(r.email) ?? []).toEqual(scheduled.includes(wanted) ? [wanted] : []);
        }
      }),
    );
  });

  it('matches users case-insensitively and keeps a list address that is no user in the channel’s language', () => {
    const preferences: Record<string, RecipientPreference> = { 'kim@acme.test': { lang: 'ko', digestOptOut: false }, 'lee@acme.test': { lang: 'en', digestOptOut: true } };
    expect(mailGroups('digest.weekly', 'en', ['Kim@Acme.test', 'lee@acme.test', 'security@acme.test'], (e) => preferences[e])).toEqual([
      { lang: 'ko', recipients: ['Kim@Acme.test'] },
      { lang: null, recipients: ['security@acme.test'] },
    ]);
  });
});
