import { useState, type FormEvent } from 'react';
import { useOrganization } from '../../app/organization.context.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { TextField } from '../../ui/form-fields.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, ErrorMessage, QueryState } from '../../ui/query-state.js';
import { useAccess } from '../../app/access/access.context.js';
import { ADMIN_ACCESS, type RoleName } from '../administration/admin-access.js';
import { RoleGate } from '../administration/role-gate.js';
import { API_TOKENS_QUERY, type ApiTokenView, ISSUE_API_TOKEN, REVOKE_API_TOKEN } from './access.documents.js';
import '../administration/administration.css';

function IssueTokenForm({ org, onIssued }: { org: string; onIssued: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [days, setDays] = useState('30');
  const [problem, setProblem] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [issue, state] = useMutation(ISSUE_API_TOKEN);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setIssued(null);
    const expiresInDays = Number(days);
    if (!name.trim()) return setProblem(t('tokens.nameRequired'));
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 365) return setProblem(t('tokens.daysRange'));
    const result = await issue({ org, input: { name: name.trim(), expiresInDays } });
    if (result) {
      setIssued({ name: result.issueApiToken.apiToken.name, token: result.issueApiToken.token });
      setName('');
      onIssued();
    }
  };
  return (
    <form className="card section" onSubmit={submit} aria-labelledby="issue-token-title" noValidate autoComplete="off">
      <h2 id="issue-token-title">{t('tokens.issue')}</h2>
      <p className="small muted">{t('tokens.issueHint')}</p>
      <div className="form-row">
        <TextField label={t('tokens.name')} value={name} onChange={setName} required testId="token-name" />
        <TextField label={t('tokens.expiresInDays')} hint="1–365" type="number" min={1} step={1} value={days} onChange={setDays} required testId="token-days" />
      </div>
      {problem ? (
        <p className="notice warn" role="alert">
          {problem}
        </p>
      ) : null}
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {issued ? (
        <div className="notice success" role="status" data-testid="token-issued">
          <p>
            <strong>{t('tokens.issued', { name: issued.name })}</strong> {t('tokens.shownOnce')}
          </p>
          <p className="secret-once" data-testid="token-secret">
            {issued.token}
          </p>
          <button type="button" className="button secondary" onClick={() => void navigator.clipboard?.writeText(issued.token)}>
            {t('tokens.copy')}
          </button>{' '}
          <button type="button" className="button secondary" onClick={() => setIssued(null)}>
            {t('tokens.dismiss')}
          </button>
        </div>
      ) : null}
      <p>
        <button type="submit" className="button" disabled={state.running} data-testid="token-issue">
          {t('tokens.issue')}
        </button>
      </p>
    </form>
  );
}

function RevokeButton({ org, token, onRevoked }: { org: string; token: ApiTokenView; onRevoked: () => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [revoke, state] = useMutation(REVOKE_API_TOKEN);
  const confirm = async () => {
    if (await revoke({ org, id: token.id })) onRevoked();
    setConfirming(false);
  };
  return (
    <>
      {confirming ? (
        <span className="page-actions">
          <button type="button" className="button danger" onClick={confirm} disabled={state.running} autoFocus>
            {t('tokens.confirmRevoke', { name: token.name })}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </span>
      ) : (
        <button type="button" className="button secondary" onClick={() => setConfirming(true)} aria-label={t('tokens.revokeNamed', { name: token.name })}>
          {t('tokens.revoke')}
        </button>
      )}
      {state.error ? <ErrorMessage error={state.error} /> : null}
    </>
  );
}

function ApiTokensContent({ org, role }: { org: string; role: RoleName }) {
  const { t, fmt } = useI18n();
  const query = useQuery(API_TOKENS_QUERY, { org });
  const mayManage = useAccess().can(...ADMIN_ACCESS.manageApiTokens);
  const now = Date.now();
  const stateOf = (token: ApiTokenView) => (token.revokedAt ? 'revoked' : new Date(token.expiresAt).getTime() <= now ? 'expired' : 'active');
  return (
    <>
      <QueryState {...query}>
        {({ apiTokens }) => (
          <section className="card section" aria-labelledby="tokens-title">
            <h2 id="tokens-title">{role === 'ADMIN' ? t('tokens.listAll') : t('tokens.listOwn')}</h2>
            {apiTokens.length === 0 ? (
              <Empty>{t('tokens.none')}</Empty>
            ) : (
              <div className="table-scroll">
                <table className="data" data-testid="tokens-table">
                  <caption className="visually-hidden">{t('tokens.listAll')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('tokens.name')}</th>
                      <th scope="col">{t('tokens.prefix')}</th>
                      <th scope="col">{t('tokens.holder')}</th>
                      <th scope="col">{t('tokens.role')}</th>
                      <th scope="col">{t('tokens.created')}</th>
                      <th scope="col">{t('tokens.expires')}</th>
                      <th scope="col">{t('tokens.lastUsed')}</th>
                      <th scope="col">{t('tokens.state')}</th>
                      {mayManage ? <th scope="col">{t('tokens.actions')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {apiTokens.map((token) => (
                      <tr key={token.id} data-testid="token-row">
                        <th scope="row">{token.name}</th>
                        <td>
                          <code className="nowrap">{token.prefix}…</code>
                        </td>
                        <td className="small">{token.holderEmail}</td>
                        <td className="nowrap">{t(`role.${token.role}`)}</td>
                        <td className="small">{fmt.dateTime(token.createdAt)}</td>
                        <td className="small">{fmt.dateTime(token.expiresAt)}</td>
                        <td className="small">{token.lastUsedAt ? fmt.dateTime(token.lastUsedAt) : t('common.never')}</td>
                        <td className="nowrap">{t(`tokens.state.${stateOf(token)}`)}</td>
                        {mayManage ? <td>{stateOf(token) === 'active' ? <RevokeButton org={org} token={token} onRevoked={query.refetch} /> : null}</td> : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        )}
      </QueryState>
      {mayManage ? <IssueTokenForm org={org} onIssued={query.refetch} /> : null}
    </>
  );
}

export default function ApiTokensPage() {
  const { t } = useI18n();
  const { slug } = useOrganization();
  return (
    <div className="admin-page">
      <PageHeader title={t('tokens.title')} subtitle={t('tokens.subtitle')} />
      <RoleGate capability="apiTokens">{(role) => <ApiTokensContent org={slug} role={role} />}</RoleGate>
    </div>
  );
}
