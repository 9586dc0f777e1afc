import type { ChannelType } from '../model/notification-event.js';
import type { ChannelRecord } from '../storage/notification-channel.repository.js';
import { planDeliveries } from './notification-rules.js';

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

  it('mails a board report to the mail channels of its language, and to webhooks', () => {
    expect(names(planDeliveries('report.delivered', { lang: 'ko' }, CHANNELS, []))).toEqual(['hook', 'mail-ko']);
  });
});
