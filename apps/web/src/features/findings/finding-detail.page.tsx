import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useOrganization } from '../../app/organization.context.js';
import type { FindingDetail } from './findings.documents.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { SeverityBadge, StatusBadge } from '../../ui/badges.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, ErrorMessage, Loading } from '../../ui/query-state.js';
import { FindingTicketPanel } from '../notifications/finding-ticket-panel.js';
import { EvidenceList } from './evidence-list.js';
import { FindingActions } from './finding-actions.js';
import { FINDING_QUERY } from './findings.documents.js';
import { FindingAssignee } from './finding-assignee.js';
import { FindingComments } from './finding-comments.js';
import { FindingDue } from './finding-due.js';
import { useFindingWriter } from './use-finding-writer.js';
import './findings-workflow.css';

export default function FindingDetailPage() {
  const { t, fmt, lang } = useI18n();
  const { slug } = useOrganization();
  const id = useParams()['id'] ?? '';
  const query = useQuery(FINDING_QUERY, { org: slug, lang, id });
  const [finding, setFinding] = useState<FindingDetail | undefined>();
  useEffect(() => setFinding(query.data?.finding), [query.data]);
  const canWrite = useFindingWriter();

  const back = <Link to="/findings">← {t('findings.back')}</Link>;
  if (query.error) {
    return (
      <>
        <PageHeader title={t('findings.title')} subtitle={back} />
        {query.error.code === 'NOT_FOUND' ? <Empty>{t('findings.notFound')}</Empty> : <ErrorMessage error={query.error} onRetry={query.refetch} />}
      </>
    );
  }
  if (!finding) return <Loading />;

  return (
    <>
      <PageHeader title={finding.title} subtitle={back} />
      <div className="grid grid-2">
        <section className="card" aria-label={t('common.details')}>
          <dl className="kv">
            <dt>{t('findings.status')}</dt>
            <dd>
              <StatusBadge status={finding.status} testId="finding-status" />
              {finding.status === 'RISK_ACCEPTED' && finding.riskAcceptedUntil ? (
                <div className="small muted" data-testid="risk-accepted-until">
                  {t('findings.acceptedUntil', { date: fmt.date(finding.riskAcceptedUntil), reason: finding.riskAcceptedReason ?? '' })}
                </div>
              ) : null}
              {finding.status === 'FALSE_POSITIVE' && finding.falsePositiveUntil ? (
                <div className="small muted" data-testid="false-positive-until">
                  {t('findings.falsePositiveUntil', { date: fmt.date(finding.falsePositiveUntil), reason: finding.falsePositiveReason ?? '' })}
                </div>
              ) : null}
            </dd>
            <dt>{t('findings.severity')}</dt>
            <dd><SeverityBadge severity={finding.severity} /></dd>
            <dt>{t('findings.kind')}</dt>
            <dd>{t(`kind.${finding.kind}`)}</dd>
            <dt>{t('findings.domain')}</dt>
            <dd><Link to={`/score/${finding.domain}`}>{t(`domain.${finding.domain}`)}</Link></dd>
            <dt>{t('findings.subject')}</dt>
            <dd>{finding.subject.name} <span className="small muted">(<span data-testid="subject-type">{t(`subjectType.${finding.subject.type}`)}</span> · {finding.subject.externalId})</span></dd>
            <dt>{t('findings.team')}</dt>
            <dd>{finding.ownerTeam?.name ?? t('common.unowned')}</dd>
            <dt>{t('findings.due')}</dt>
            <dd>
              <FindingDue finding={finding} />
            </dd>
            <dt>{t('findings.firstDetected')}</dt>
            <dd>{fmt.dateTime(finding.firstDetectedAt)}</dd>
            <dt>{t('findings.lastDetected')}</dt>
            <dd>{fmt.dateTime(finding.lastDetectedAt)}</dd>
          </dl>
        </section>
        <div className="finding-side">
          <FindingAssignee org={slug} finding={finding} canWrite={canWrite} onChanged={(changed) => setFinding({ ...finding, ...changed })} />
          {canWrite ? <FindingActions org={slug} finding={finding} onChanged={setFinding} /> : null}
        </div>
      </div>
      <FindingComments org={slug} finding={finding} canWrite={canWrite} onAdded={(comment) => setFinding({ ...finding, comments: [...finding.comments, comment] })} />
      <FindingTicketPanel org={slug} findingId={finding.id} />
      <section className="card section" aria-labelledby="history-title">
        <h2 id="history-title">{t('findings.history')}</h2>
        {finding.statusHistory.length === 0 ? (
          <Empty>{t('findings.historyEmpty')}</Empty>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="status-history">
              <caption className="visually-hidden">{t('findings.history')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('findings.when')}</th>
                  <th scope="col">{t('findings.from')}</th>
                  <th scope="col">{t('findings.to')}</th>
                  <th scope="col">{t('findings.actor')}</th>
                  <th scope="col">{t('common.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {finding.statusHistory.map((change, i) => (
                  <tr key={i}>
                    <td>{fmt.dateTime(change.at)}</td>
                    <td>{change.from ? <StatusBadge status={change.from} /> : t('common.dash')}</td>
                    <td><StatusBadge status={change.to} /></td>
                    <td>{change.actor}</td>
                    <td>{change.reason ?? t('common.dash')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card section" aria-labelledby="evidence-title">
        <h2 id="evidence-title">{t('findings.evidence')}</h2>
        {finding.evidence.length === 0 ? <Empty>{t('findings.evidenceEmpty')}</Empty> : <EvidenceList records={finding.evidence} />}
      </section>
    </>
  );
}
