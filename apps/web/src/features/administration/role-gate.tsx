import type { ReactNode } from 'react';
import { type RoleName, useAccess } from '../../app/access/access.context.js';
import { useSession } from '../../app/session.context.js';
import { Loading } from '../../ui/query-state.js';
import { RefusedPage } from '../../app/access/refused-page.js';
import { ADMIN_ACCESS, type AdminCapability } from './admin-access.js';

/** Renders the page only for roles the server would serve; others are told so, and no request is made. */
export function RoleGate({ capability, children }: { capability: AdminCapability; children: (role: RoleName, email: string) => ReactNode }) {
  const access = useAccess();
  const { email } = useSession();
  if (access.status === 'loading') return <Loading />;
  if (!access.role || !email || !access.can(...ADMIN_ACCESS[capability])) return <RefusedPage />;
  return <>{children(access.role, email)}</>;
}
