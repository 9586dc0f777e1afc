import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.context.js';
import { Loading } from '../../ui/query-state.js';
import { type AdminCapability, allows, type RoleName } from './admin-access.js';
import { useOrgRole } from './use-org-role.js';

/** Renders the page only for roles the server would serve; others are told so, and no request is made. */
export function RoleGate({ capability, children }: { capability: AdminCapability; children: (role: RoleName, email: string) => ReactNode }) {
  const { t } = useI18n();
  const { role, email, loading } = useOrgRole();
  if (loading) return <Loading />;
  if (!role || !email || !allows(role, capability)) {
    return (
      <div className="state state-error" role="alert" data-testid="admin-refused">
        <strong>{t('administration.refusedTitle')}</strong>
        <p>{t('administration.refused')}</p>
      </div>
    );
  }
  return <>{children(role, email)}</>;
}
