import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { TypedDocument } from '../../data-access/graphql-client.js';
import type { Role } from '../../data-access/graphql.generated.js';
import { useQuery } from '../../data-access/use-query.js';
import { useOrganization } from '../organization.context.js';
import { useSession } from '../session.context.js';
import { ORGANIZATION_ACCESS_QUERY } from './organization-access.documents.js';
import { rootFieldsOf } from './root-fields.js';

/** An operation a page or an action needs: a GraphQL document (its root fields) or an HTTP route by name. */
export type Needed = Pick<TypedDocument<unknown, unknown>, 'query'> | `${'GET' | 'POST' | 'PUT' | 'DELETE'} /${string}`;

export type RoleName = (typeof Role)[keyof typeof Role];

export interface AccessState {
  /** 'loading' until the server has answered for this organization. */
  status: 'loading' | 'ready' | 'none';
  role: RoleName | null;
  /** An engineering lead: findings and people are those of their teams. */
  teamScoped: boolean;
  teamIds: readonly string[];
  /** Whether the caller's role may use every operation these need. */
  can(...needs: readonly Needed[]): boolean;
}

const operationsOf = (needed: Needed): string[] => (typeof needed === 'string' ? [needed] : rootFieldsOf(needed));

const AccessContext = createContext<AccessState | null>(null);

/**
 * What the signed-in caller may do in the organization shown, as the server decides it from the @Roles
 * declarations it enforces (`organizationAccess`): the navigation, the pages and the actions follow it, so
 * the app never offers what the server would refuse and holds no second copy of who may do what.
 */
export function AccessProvider({ children }: { children: ReactNode }) {
  const { slug } = useOrganization();
  const { status, email } = useSession();
  const signedIn = status === 'signed-in';
  const { data, loading, error, refetch } = useQuery(ORGANIZATION_ACCESS_QUERY, { org: slug }, { skip: !signedIn });
  // Another user signed in on the same page: their access, not the previous one's.
  useEffect(() => {
    if (email) refetch();
  }, [email, refetch]);
  const value = useMemo<AccessState>(() => {
    const access = signedIn && !error ? data?.organizationAccess : undefined;
    const operations = new Set(access?.operations ?? []);
    return {
      status: access ? 'ready' : signedIn && loading ? 'loading' : 'none',
      role: access?.role ?? null,
      teamScoped: access?.teamScoped ?? false,
      teamIds: access?.teamIds ?? [],
      can: (...needs) => needs.every((n) => operationsOf(n).every((o) => operations.has(o))),
    };
  }, [data, loading, error, signedIn]);
  return <AccessContext.Provider value={value}>{children}</AccessContext.Provider>;
}

export function useAccess(): AccessState {
  const value = useContext(AccessContext);
  if (!value) throw new Error('useAccess must be used inside <AccessProvider>');
  return value;
}
