import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.context.js';
import { PageHeader } from '../ui/page-header.js';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('state.notFound')} />
      <Link to="/">{t('state.backHome')}</Link>
    </>
  );
}
