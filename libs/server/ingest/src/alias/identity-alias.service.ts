import { Injectable } from '@nestjs/common';
import { type AliasLinkCounts, IdentityAliasRepository, type IdentityAliasRecord } from '@postureboard/server-database';
import { IngestError, IngestErrorCode } from '../ingest.error.js';
import { IngestService } from '../ingest.service.js';

const MAX_ALIAS_LENGTH = 320;
const SYSTEM = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** What `alias add` did: the alias as stored, and what already-ingested data it linked. */
export interface AliasChange {
  alias: string;
  system: string | null;
  identityId: string;
  outcome: 'added' | 'unchanged' | 'removed';
  links: AliasLinkCounts;
}

/**
 * Aliases an administrator maintains for people whom the sources name differently (a GitHub login, an AWS
 * user name, a source's immutable id such as a GitHub user id): matching then links that name's accounts,
 * credentials and activity to the person.
 */
@Injectable()
export class IdentityAliasService {
  constructor(
    private readonly ingest: IngestService,
    private readonly aliases: IdentityAliasRepository,
  ) {}

  async list(orgSlug: string): Promise<IdentityAliasRecord[]> {
    const organization = await this.ingest.organization(orgSlug);
    return this.aliases.list(organization.id);
  }

  /** `identity` is the person's e-mail (any case) or employee number. Adding the same alias again changes nothing. */
  async add(orgSlug: string, input: { identity: string; alias: string; system?: string | null }): Promise<AliasChange> {
    const organization = await this.ingest.organization(orgSlug);
    const alias = normaliseAlias(input.alias);
    const system = normaliseSystem(input.system);
    const identity = await this.aliases.findIdentity(organization.id, input.identity);
    if (identity === null) {
      throw new IngestError(IngestErrorCode.INVALID_INPUT, `No person with e-mail or employee number "${input.identity.trim()}" in ${orgSlug}`);
    }
    const result = await this.aliases.add(organization.id, identity.id, alias, system);
    if (result.outcome === 'taken') {
      throw new IngestError(IngestErrorCode.INVALID_INPUT, `The alias "${alias}" already names another person (${result.identityId}): remove it first`);
    }
    return { alias, system, identityId: identity.id, outcome: result.outcome, links: result.links };
  }

  async remove(orgSlug: string, input: { alias: string; system?: string | null }): Promise<AliasChange> {
    const organization = await this.ingest.organization(orgSlug);
    const alias = normaliseAlias(input.alias);
    const system = normaliseSystem(input.system);
    const existing = (await this.aliases.list(organization.id)).find((a) => a.alias === alias && (system === null || a.system === system));
    const result = await this.aliases.remove(organization.id, alias, system);
    if (!result.removed || existing === undefined) {
      throw new IngestError(IngestErrorCode.INVALID_INPUT, `No alias "${alias}"${system ? ` in ${system}` : ''} in ${orgSlug}`);
    }
    return { alias, system: existing.system, identityId: existing.identityId, outcome: 'removed', links: result.links };
  }
}

/** E-mails, logins and user names compare case-insensitively: aliases are kept trimmed and lower case. */
function normaliseAlias(text: string): string {
  const alias = text.trim().toLowerCase();
  if (alias === '') throw new IngestError(IngestErrorCode.INVALID_INPUT, 'The alias must not be empty');
  if (alias.length > MAX_ALIAS_LENGTH) throw new IngestError(IngestErrorCode.INVALID_INPUT, `The alias must be at most ${MAX_ALIAS_LENGTH} characters`);
  return alias;
}

function normaliseSystem(text: string | null | undefined): string | null {
  if (text === undefined || text === null || text.trim() === '') return null;
  const system = text.trim().toLowerCase();
  if (!SYSTEM.test(system)) throw new IngestError(IngestErrorCode.INVALID_INPUT, `"${text}" is not a system name (letters, digits, ".", "_", "-"), e.g. github or aws`);
  return system;
}
