import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { gql } from '../data-access/graphql-client.js';
import type { Organization } from '../data-access/schema.types.js';
import { useQuery } from '../data-access/use-query.js';

const STORAGE_KEY = 'postureboard.org';
export const DEFAULT_ORG = 'demo';

const ORGANIZATIONS = gql<{ organizations: Organization[] }>(`
  query Organizations { organizations { id slug name approvedCountries currency } }
`);

interface OrganizationState {
  slug: string;
  organization: Organization | undefined;
  organizations: Organization[];
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
  const { data, refetch } = useQuery(ORGANIZATIONS, {});
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
