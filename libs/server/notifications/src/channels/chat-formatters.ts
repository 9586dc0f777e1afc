import type { MessageText } from './message-text.js';

/** Slack Block Kit (https://api.slack.com/reference/block-kit/blocks): `text` is the notification fallback. */
export function slackPayload(message: MessageText): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: message.title.slice(0, 150), emoji: false } },
    { type: 'section', fields: message.facts.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: `*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}` })) },
  ];
  if (message.lines.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeSlack(message.lines.join('\n')).slice(0, 3000) } });
  if (message.link) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: message.link.label }, url: message.link.url }] });
  }
  return { text: message.summary, blocks };
}

/** Slack's mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
const escapeSlack = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An Adaptive Card in the message envelope both Teams incoming webhooks and Workflows ("When a Teams webhook
 * request is received") accept: `type: message` with one `application/vnd.microsoft.card.adaptive` attachment.
 */
export function teamsPayload(message: MessageText): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'FactSet', facts: message.facts.map((f) => ({ title: f.label, value: f.value })) },
  ];
  for (const line of message.lines) body.push({ type: 'TextBlock', text: line, wrap: true, spacing: 'None' });
  return {
    type: 'message',
    summary: message.summary,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          actions: message.link ? [{ type: 'Action.OpenUrl', title: message.link.label, url: message.link.url }] : [],
        },
      },
    ],
  };
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The e-mail's plain-text and HTML alternatives. */
export function emailBodies(message: MessageText): { text: string; html: string } {
  const text = [
    message.title,
    '',
    ...message.facts.map((f) => `${f.label}: ${f.value}`),
    ...(message.lines.length > 0 ? ['', ...message.lines] : []),
    ...(message.link ? ['', `${message.link.label}: ${message.link.url}`] : []),
  ].join('\n');
  const html = [
    `<h2>${escapeHtml(message.title)}</h2>`,
    `<table>${message.facts.map((f) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('')}</table>`,
    ...message.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    message.link ? `<p><a href="${escapeHtml(message.link.url)}">${escapeHtml(message.link.label)}</a></p>` : '',
  ].join('\n');
  return { text, html };
}
