import { useI18n } from '../../i18n/i18n.context.js';

/** A page the caller's role cannot open (reached by a typed or old link: the app links none). */
export function RefusedPage() {
  const { t } = useI18n();
  return (
    <div className="state state-error" role="alert" data-testid="admin-refused">
      <strong>{t('administration.refusedTitle')}</strong>
      <p>{t('administration.refused')}</p>
    </div>
  );
}
