import { useNavigate } from 'react-router';
import { gql } from '../data-access/graphql-client.js';
import { useQuery } from '../data-access/use-query.js';
import { useI18n } from '../i18n/i18n.context.js';

const ME = gql<{ me: { email: string } | null }>(`query CurrentUser { me { email } }`);

/** Shows who is signed in; renders nothing while the server has no notion of users. */
export function UserMenu() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data } = useQuery(ME, {});
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
