import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '../data-access/use-query.js';
import { CURRENT_USER_QUERY, type CurrentUserView } from './app.documents.js';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out';

interface SessionState {
  status: SessionStatus;
  email: string | null;
  /** After a sign-in through the form: asks the server who is signed in now. */
  refresh(): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * Who is signed in, asked once and again after a sign-in or sign-out, so the shell shows the user menu and the
 * navigation as soon as the session changes instead of after a reload.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { data, error, loading, refetch } = useQuery(CURRENT_USER_QUERY, {});
  // The answer that was current when the user signed out: until a new one arrives it no longer counts.
  const signedOutFrom = useRef<CurrentUserView | undefined>(undefined);
  const [, setSignOuts] = useState(0);
  const current = data && data !== signedOutFrom.current ? data : undefined;

  const refresh = useCallback(() => refetch(), [refetch]);
  const signOut = useCallback(async () => {
    // The API accepts only JSON bodies on /auth routes (a cross-site form cannot send one).
    await fetch('/auth/logout', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => undefined);
    signedOutFrom.current = data;
    setSignOuts((n) => n + 1);
  }, [data]);

  const value = useMemo<SessionState>(() => {
    const email = current?.me.email ?? null;
    const status: SessionStatus = email ? 'signed-in' : loading && !error ? 'loading' : 'signed-out';
    return { status, email, refresh, signOut };
  }, [current, loading, error, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
