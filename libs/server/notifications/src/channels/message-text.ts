import { evidenceSummary, findingTitle, GLOSSARY, type FindingParams, type Severity } from '@postureboard/domain';
import type { DigestEventData, FindingEventData, NotificationEnvelope, NotificationLang, ReportEventData } from '../model/notification-event.js';

/** A message as people read it, whatever the channel: a title, labelled facts, free lines and one link. */
export interface MessageText {
  title: string;
  summary: string;
  facts: { label: string; value: string }[];
  lines: string[];
  link: { label: string; url: string } | null;
}

const TEXT = {
  en: {
    'finding.critical': 'New CRITICAL finding',
    'finding.escalated': 'Finding escalated to CRITICAL',
    'sla.due_soon': 'Rotation SLA due soon',
    'sla.overdue': 'Rotation SLA overdue',
    'digest.weekly': 'Weekly security posture digest',
    'report.delivered': 'Board report',
    'finding.resolved': 'Finding resolved',
    'finding.ticket_closed': 'Ticket closed while the finding is still detected',
    ticketClosed: 'Jira ticket {key} is "{status}", but the condition still holds.',
    severity: 'Severity',
    subject: 'Subject',
    ownerTeam: 'Owner team',
    dueAt: 'Due',
    unowned: 'no owner team',
    openFinding: 'Open the finding',
    score: 'Score',
    change: 'Change since last week',
    newFindings: 'New findings',
    resolvedFindings: 'Resolved findings',
    slaBreaches: 'SLA breaches',
    topRisks: 'Top risks',
    openOverview: 'Open the overview',
    asOf: 'As of',
    reportAttached: 'The board report is attached as a PDF.',
    reportLinked: 'The board report is too large to attach: download it (PDF) with the link below until {until}.',
    downloadReport: 'Download the board report',
    openReports: 'Open the reports',
    whyItMatters: 'Evidence',
    test: 'Test message from Postureboard',
    testBody: 'If you can read this, the channel works.',
  },
  ko: {
    'finding.critical': '새 CRITICAL 발견 사항',
    'finding.escalated': 'CRITICAL로 상향된 발견 사항',
    'sla.due_soon': '키 교체 SLA 기한 임박',
    'sla.overdue': '키 교체 SLA 기한 초과',
    'digest.weekly': '주간 보안 태세 요약',
    'report.delivered': '이사회 보고서',
    'finding.resolved': '해결된 발견 사항',
    'finding.ticket_closed': '발견 사항이 여전히 탐지되는데 티켓이 닫힘',
    ticketClosed: 'Jira 티켓 {key}의 상태는 "{status}"이지만 조건은 여전히 유효합니다.',
    severity: '심각도',
    subject: '대상',
    ownerTeam: '담당 팀',
    dueAt: '기한',
    unowned: '담당 팀 없음',
    openFinding: '발견 사항 열기',
    score: '점수',
    change: '지난주 대비 변화',
    newFindings: '새 발견 사항',
    resolvedFindings: '해결된 발견 사항',
    slaBreaches: 'SLA 위반',
    topRisks: '주요 위험',
    openOverview: '개요 열기',
    asOf: '기준 시점',
    reportAttached: '이사회 보고서를 PDF로 첨부했습니다.',
    reportLinked: '이사회 보고서가 커서 첨부하지 못했습니다. {until}까지 아래 링크로 PDF를 내려받을 수 있습니다.',
    downloadReport: '이사회 보고서 내려받기',
    openReports: '보고서 열기',
    whyItMatters: '근거',
    test: 'Postureboard 테스트 메시지',
    testBody: '이 메시지가 보이면 채널이 정상 동작합니다.',
  },
} as const;

const day = (iso: string): string => iso.slice(0, 10);

const severityOf = (severity: string, lang: NotificationLang): string => GLOSSARY[lang].severities[severity as Severity] ?? severity;

/** What only the delivery knows: a signed link to a report too large to attach. */
export interface MessageExtras {
  reportLink?: { url: string; expiresAt: Date };
}

/**
 * A finding's title in the channel's language, by the one renderer the web app and the report use; a message
 * queued before findings carried parameters (no `params`) keeps the English title it was queued with.
 */
export const titleOf = (d: Pick<FindingEventData, 'kind' | 'title'> & { params?: FindingParams | null }, lang: NotificationLang): string =>
  findingTitle({ kind: d.kind, params: d.params ?? null, title: d.title }, lang);

/**
 * A finding's evidence summaries in the channel's language, by the renderer the web app uses, bounded as the
 * queued ones are; a message queued before it carried the records keeps the English summaries it was queued with.
 */
export const evidenceOf = (d: Pick<FindingEventData, 'evidence' | 'evidenceRecords'>, lang: NotificationLang): string[] =>
  d.evidenceRecords ? d.evidenceRecords.map((record) => evidenceSummary(record, lang).slice(0, 300)) : d.evidence;

/** The labelled facts of a message about a finding: what every channel, Jira's ticket included, shows. */
export const findingFacts = (d: FindingEventData, lang: NotificationLang): Record<'severity' | 'subject' | 'ownerTeam' | 'dueAt', { label: string; value: string }> => {
  const t = TEXT[lang];
  return {
    severity: { label: t.severity, value: severityOf(d.severity, lang) },
    subject: { label: t.subject, value: `${d.subject.name} (${d.subject.type})` },
    ownerTeam: { label: t.ownerTeam, value: d.ownerTeam ?? t.unowned },
    dueAt: { label: t.dueAt, value: day(d.dueAt) },
  };
};

export function messageText(envelope: NotificationEnvelope, lang: NotificationLang, extras: MessageExtras = {}): MessageText {
  const t = TEXT[lang];
  switch (envelope.type) {
    case 'finding.critical':
    case 'finding.escalated':
    case 'finding.resolved':
    case 'finding.ticket_closed':
    case 'sla.due_soon':
    case 'sla.overdue': {
      const d = envelope.data as unknown as FindingEventData;
      const title = titleOf(d, lang);
      const evidence = evidenceOf(d, lang);
      return {
        title: `${t[envelope.type]}: ${title}`,
        summary: `[${envelope.organization.slug}] ${title}`,
        facts: Object.values(findingFacts(d, lang)),
        lines: [
          ...(d.ticket ? [t.ticketClosed.replace('{key}', d.ticket.key).replace('{status}', d.ticket.status)] : []),
          ...(evidence.length > 0 ? [`${t.whyItMatters}:`, ...evidence.map((e) => `• ${e}`)] : []),
        ],
        link: { label: t.openFinding, url: d.url },
      };
    }
    case 'digest.weekly': {
      const d = envelope.data as unknown as DigestEventData;
      const change = d.scoreChange === null ? '–' : `${d.scoreChange > 0 ? '+' : ''}${d.scoreChange}`;
      return {
        title: `${t['digest.weekly']} (${day(d.asOf)})`,
        summary: `[${envelope.organization.slug}] ${t.score} ${d.score ?? '–'} (${change})`,
        facts: [
          { label: t.score, value: d.score === null ? '–' : String(d.score) },
          { label: t.change, value: change },
          { label: t.newFindings, value: String(d.newFindings) },
          { label: t.resolvedFindings, value: String(d.resolvedFindings) },
          { label: t.slaBreaches, value: String(d.slaBreaches) },
        ],
        lines: d.topRisks.length > 0 ? [`${t.topRisks}:`, ...d.topRisks.map((r) => `• [${severityOf(r.severity, lang)}] ${titleOf(r, lang)}`)] : [],
        link: { label: t.openOverview, url: d.url },
      };
    }
    case 'report.delivered': {
      const d = envelope.data as unknown as ReportEventData;
      return {
        title: `${t['report.delivered']} (${day(d.asOf)})`,
        summary: `[${envelope.organization.slug}] ${t['report.delivered']} ${day(d.asOf)}`,
        facts: [{ label: t.asOf, value: day(d.asOf) }],
        lines: extras.reportLink ? [t.reportLinked.replace('{until}', `${extras.reportLink.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`)] : [t.reportAttached],
        link: extras.reportLink ? { label: t.downloadReport, url: extras.reportLink.url } : { label: t.openReports, url: d.url },
      };
    }
  }
}

/** The text of "send a test message". */
export function testText(lang: NotificationLang, channelName: string): MessageText {
  const t = TEXT[lang];
  return { title: t.test, summary: t.test, facts: [{ label: 'Channel', value: channelName }], lines: [t.testBody], link: null };
}
