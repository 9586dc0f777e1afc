import { useState } from 'react';
import { useOrganization } from '../../app/organization.context.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { SelectField, TextField } from '../../ui/form-fields.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, QueryState } from '../../ui/query-state.js';
import { RoleGate } from '../administration/role-gate.js';
import { AUDIT_LOG_QUERY, VERIFY_AUDIT_CHAIN } from './access.documents.js';
import '../administration/administration.css';

/** Details are a JSON object of non-secret values; one `key: value` line each reads better than raw JSON. */
function AuditDetails({ details }: { details: string }) {
  const { t } = useI18n();
  let entries: [string, unknown][] = [];
  try {
    entries = Object.entries(JSON.parse(details) as Record<string, unknown>);
  } catch {
    return <code className="wrap-anywhere">{details}</code>;
  }
  if (entries.length === 0) return <>{t('common.dash')}</>;
  return (
    <dl className="kv audit-details">
      {entries.map(([key, value]) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt>{key}</dt>
          <dd className="wrap-anywhere">{Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ChainCheck({ org }: { org: string }) {
  const { t, fmt } = useI18n();
  const [asked, setAsked] = useState(false);
  const query = useQuery(VERIFY_AUDIT_CHAIN, { org }, { skip: !asked });
  const verify = () => (asked ? query.refetch() : setAsked(true));
  return (
    <section className="card section" aria-labelledby="chain-title">
      <h2 id="chain-title">{t('audit.chain')}</h2>
      <p className="small muted">{t('audit.chainHint')}</p>
      <button type="button" className="button" onClick={verify} disabled={asked && query.loading} data-testid="verify-chain">
        {t('audit.verify')}
      </button>
      <div aria-live="polite">
        {asked ? (
          <QueryState {...query}>
            {({ verifyAuditChain: result }) => (
              <div className={`notice ${result.valid ? 'success' : 'warn'}`} data-testid="chain-result" style={{ marginTop: '0.75rem' }}>
                <strong>{result.valid ? t('audit.chainValid', { entries: fmt.number(result.entries) }) : t('audit.chainBroken', { count: fmt.number(result.problems.length) })}</strong>
                {result.problems.length > 0 ? (
                  <ul>
                    {result.problems.map((p, i) => (
                      <li key={i}>
                        <code>#{p.seq}</code> {t(`audit.problem.${p.kind as 'EDITED'}`)} — {p.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            )}
          </QueryState>
        ) : null}
      </div>
    </section>
  );
}

function AuditLogContent({ org }: { org: string }) {
  const { t, fmt } = useI18n();
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState('');
  const [beforeSeq, setBeforeSeq] = useState<number | null>(null);
  const query = useQuery(AUDIT_LOG_QUERY, { org, action: action.trim() || null, outcome: outcome || null, beforeSeq });
  return (
    <>
      <ChainCheck org={org} />
      <section className="card section" aria-labelledby="audit-entries-title">
        <h2 id="audit-entries-title">{t('audit.entries')}</h2>
        <form className="filters" role="search" aria-label={t('common.filters')} onSubmit={(e) => e.preventDefault()}>
          <TextField label={t('audit.action')} hint={t('audit.actionHint')} value={action} onChange={(v) => { setAction(v); setBeforeSeq(null); }} testId="audit-action" />
          <SelectField
            label={t('audit.outcome')}
            value={outcome}
            onChange={(v) => { setOutcome(v); setBeforeSeq(null); }}
            options={[{ value: 'SUCCESS', label: t('audit.outcome.SUCCESS') }, { value: 'FAILURE', label: t('audit.outcome.FAILURE') }]}
            testId="audit-outcome"
          />
        </form>
        <QueryState {...query}>
          {({ auditLog }) =>
            auditLog.length === 0 ? (
              <Empty />
            ) : (
              <>
                <div className="table-scroll">
                  <table className="data" data-testid="audit-table">
                    <caption className="visually-hidden">{t('audit.entries')}</caption>
                    <thead>
                      <tr>
                        <th scope="col" className="numeric">#</th>
                        <th scope="col">{t('audit.when')}</th>
                        <th scope="col">{t('audit.actor')}</th>
                        <th scope="col">{t('audit.action')}</th>
                        <th scope="col">{t('audit.target')}</th>
                        <th scope="col">{t('audit.outcome')}</th>
                        <th scope="col">{t('audit.details')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {auditLog.map((e) => (
                        <tr key={e.seq}>
                          <td className="numeric">{e.seq}</td>
                          <td className="small">{fmt.dateTime(e.occurredAt)}</td>
                          <td className="small">
                            {e.actor} <span className="muted">({e.actorType})</span>
                          </td>
                          <td>
                            <code className="small nowrap">{e.action}</code>
                          </td>
                          <td className="small">{e.target ?? t('common.dash')}</td>
                          <td className="nowrap">{t(`audit.outcome.${e.outcome as 'SUCCESS'}`)}</td>
                          <td className="small">
                            <AuditDetails details={e.details} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {auditLog.length === 100 ? (
                  <p>
                    <button type="button" className="button secondary" onClick={() => setBeforeSeq(auditLog[auditLog.length - 1]!.seq)}>
                      {t('audit.older')}
                    </button>
                  </p>
                ) : null}
                {beforeSeq !== null ? (
                  <button type="button" className="button-link" onClick={() => setBeforeSeq(null)}>
                    {t('audit.newest')}
                  </button>
                ) : null}
              </>
            )
          }
        </QueryState>
      </section>
    </>
  );
}

export default function AuditLogPage() {
  const { t } = useI18n();
  const { slug } = useOrganization();
  return (
    <div className="admin-page">
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <RoleGate capability="auditLog">{() => <AuditLogContent org={slug} />}</RoleGate>
    </div>
  );
}
