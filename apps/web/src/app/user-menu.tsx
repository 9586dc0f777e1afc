import { useNavigate } from 'react-router';
import { useQuery } from '../data-access/use-query.js';
import { useI18n } from '../i18n/i18n.context.js';
import { CURRENT_USER_QUERY } from './app.documents.js';

/** Shows who is signed in; renders nothing while the server has no notion of users. */
export function UserMenu() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data } = useQuery(CURRENT_USER_QUERY, {});
  const email = data?.me?.email;
  if (!email) return null;
  const signOut = async () => {
    // The API accepts only JSON bodies on /auth routes (a cross-site form cannot send one).
    await fetch('/auth/logout', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => undefined);
    navigate('/sign-in');
  };
  return (
    <div className="inline-field">
      <span>{t('shell.signedInAs', { email })}</span>
      <button type="button" className="button-link" onClick={signOut}>
        {t('shell.signOut')}
      </button>
    </div>
  );
}
