import type { RemoteApi } from './remote-api.js';

/** A type, not an interface, so the table printer takes it as a plain record. */
export type OrganizationJson = {
  slug: string;
  name: string;
  approvedCountries: string[];
  currency: string;
};

/** `org list`: the organizations the token can see (an API token sees its own). */
export async function remoteOrganizations(api: RemoteApi): Promise<OrganizationJson[]> {
  const data = await api.graphql<{ organizations: OrganizationJson[] }>('query Organizations { organizations { slug name approvedCountries currency } }');
  return data.organizations.map((o) => ({ slug: o.slug, name: o.name, approvedCountries: o.approvedCountries, currency: o.currency }));
}
