import type { ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';
import { pageNeeds } from '../nav-items.js';
import { useAccess } from './access.context.js';

/** Whether the caller's role may open the page at `to` (its path, without query or fragment). */
export function useCanOpen(): (to: string) => boolean {
  const access = useAccess();
  return (to) => {
    const needs = pageNeeds(to.split(/[?#]/)[0]!);
    return needs === null || needs.anyOf.some((n) => access.can(...n));
  };
}

/**
 * A link to a page the caller's role may open; otherwise its text alone (or `unlinked`, e.g. nothing for a
 * "see all" link), so no link leads to a refusal.
 */
export function PageLink({ to, children, unlinked, ...rest }: Omit<LinkProps, 'to'> & { to: string; children: ReactNode; unlinked?: ReactNode }) {
  const canOpen = useCanOpen();
  if (!canOpen(to)) return unlinked === undefined ? <span data-unlinked={to}>{children}</span> : <>{unlinked}</>;
  return (
    <Link to={to} {...rest}>
      {children}
    </Link>
  );
}
