import { Injectable } from '@nestjs/common';
import { requestAuth } from '../authentication/request-auth.js';
import { MembershipRepository } from '../repositories/membership.repository.js';
import { effectiveAccess } from './access-policy.js';
import type { Caller, OrgAccess } from './caller.js';

/**
 * The caller's access in an organisation named by slug: what the guard decides with, looked up once per
 * request (root fields are checked at once, and anything else that needs it before execution shares it).
 */
@Injectable()
export class CallerAccess {
  constructor(private readonly memberships: MembershipRepository) {}

  in(caller: Caller, slug: string, req: object): Promise<OrgAccess | null> {
    const auth = requestAuth(req);
    let lookup = auth.accessLookups.get(slug);
    if (!lookup) {
      lookup = this.lookUp(caller, slug).then((access) => {
        if (access) auth.access.set(slug, access);
        return access;
      });
      auth.accessLookups.set(slug, lookup);
    }
    return lookup;
  }

  private async lookUp(caller: Caller, slug: string): Promise<OrgAccess | null> {
    if (caller.kind === 'api-token') {
      // A token reaches only its own organisation, and its holder's standing there was read with the token.
      if (caller.organizationSlug !== slug) return null;
      return effectiveAccess(caller, { id: caller.organizationId, slug }, null);
    }
    const found = await this.memberships.findBySlug(caller.userId, slug);
    return found ? effectiveAccess(caller, found.organization, found.membership) : null;
  }
}
