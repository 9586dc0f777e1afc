import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '../data-access/use-query.js';
import { ORGANIZATIONS_QUERY, type OrganizationView } from './app.documents.js';

const STORAGE_KEY = 'postureboard.org';
export const DEFAULT_ORG = 'demo';

interface OrganizationState {
  slug: string;
  organization: OrganizationView | undefined;
  organizations: OrganizationView[];
  setSlug(slug: string): void;
  refetchOrganizations(): void;
}

const OrganizationContext = createContext<OrganizationState | null>(null);

function initialSlug(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('org');
  if (fromUrl) return fromUrl;
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? DEFAULT_ORG;
  } catch {
    return DEFAULT_ORG;
  }
}

/** The app works on one organization at a time; the choice is remembered per browser. */
export function OrganizationProvider({ children }: { children: ReactNode }) {
  const [slug, setSlugState] = useState(initialSlug);
  const { data, refetch } = useQuery(ORGANIZATIONS_QUERY, {});
  const setSlug = useCallback((next: string) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage refused: the choice lasts for this page only.
    }
    setSlugState(next);
  }, []);
  const value = useMemo<OrganizationState>(() => {
    const organizations = data?.organizations ?? [];
    return { slug, organization: organizations.find((o) => o.slug === slug), organizations, setSlug, refetchOrganizations: refetch };
  }, [data, slug, setSlug, refetch]);
  return <OrganizationContext.Provider value={value}>{children}</OrganizationContext.Provider>;
}

export function useOrganization(): OrganizationState {
  const value = useContext(OrganizationContext);
  if (!value) throw new Error('useOrganization must be used inside <OrganizationProvider>');
  return value;
}
