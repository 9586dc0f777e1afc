import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.context.js';
import { useSession } from './session.context.js';

/** Shows who is signed in, with a way out. */
export function UserMenu() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { email, signOut } = useSession();
  if (!email) return null;
  const leave = async () => {
    await signOut();
    navigate('/sign-in');
  };
  return (
    <div className="inline-field" data-testid="user-menu">
      <span>{t('shell.signedInAs', { email })}</span>
      <button type="button" className="button-link" onClick={leave}>
        {t('shell.signOut')}
      </button>
    </div>
  );
}
