import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useOrganization } from '../../app/organization.context.js';
import { useSession } from '../../app/session.context.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { safeNext } from './safe-next.js';


export default function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { refetchOrganizations } = useOrganization();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ssoEnabled, setSsoEnabled] = useState(false);

  // The server offers SSO only when an OpenID Provider is configured; any failure here just hides the link.
  useEffect(() => {
    const controller = new AbortController();
    fetch('/auth/oidc/config', { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<{ enabled?: unknown }>) : null))
      .then((config) => setSsoEnabled(config?.enabled === true))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const response = await fetch('/auth/login', {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (response.ok) {
        session.refresh();
        refetchOrganizations();
        navigate(safeNext(params.get('next')), { replace: true });
        return;
      }
      setProblem(response.status === 404 ? t('signIn.unavailable') : t('signIn.failed'));
    } catch {
      setProblem(t('state.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card sign-in">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="sign-in-email">{t('signIn.email')}</label>
          <input id="sign-in-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">{t('signIn.password')}</label>
          <input id="sign-in-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        {problem ? (
          <p className="notice warn" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy} data-testid="sign-in-submit">
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      {ssoEnabled ? (
        <p>
          {/* A full navigation, not a fetch: the browser goes to the provider and comes back with the cookies. */}
          <a className="button secondary" href="/auth/oidc/login" data-testid="sign-in-sso">
            {t('signIn.sso')}
          </a>
        </p>
      ) : null}
    </div>
  );
}
