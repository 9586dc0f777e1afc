import { Role } from '../roles/role.js';
import type { DeclaredAccess } from './access.decorators.js';
import { allowedRoles, decideAccess, effectiveAccess } from './access-policy.js';
import type { ApiTokenCaller, OrgAccess, SessionCaller } from './caller.js';

const member: SessionCaller = { kind: 'session', sessionId: 's', userId: 'u', email: 'u@x.test', platformAdmin: false };
const platformAdmin: SessionCaller = { ...member, platformAdmin: true };
const token: ApiTokenCaller = { kind: 'api-token', tokenId: 't', userId: 'u', email: 'u@x.test', platformAdmin: true, organizationId: 'org-a', organizationSlug: 'a', role: Role.ANALYST, teamIds: [] };
const accessAs = (role: Role): OrgAccess => ({ organizationId: 'org-a', slug: 'a', role, teamIds: [] });
const roles = (...r: Role[]): DeclaredAccess => ({ kind: 'roles', roles: r });

const decide = (over: Partial<Parameters<typeof decideAccess>[0]>) =>
  decideAccess({ declared: undefined, operation: 'read', caller: member, orgSlug: 'a', access: accessAs(Role.ANALYST), ...over });

describe('decideAccess', () => {
  it('lets anyone through a @Public field, signed in or not', () => {
    expect(decide({ declared: { kind: 'public' }, caller: null }).allowed).toBe(true);
  });

  it('refuses an unauthenticated caller everything else with UNAUTHENTICATED', () => {
    for (const declared of [undefined, { kind: 'signed-in' } as const, { kind: 'platform-admin' } as const, roles(Role.ADMIN)]) {
      expect(decide({ declared, caller: null })).toMatchObject({ allowed: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('refuses a member of another organization (no access there) with FORBIDDEN', () => {
    expect(decide({ access: null })).toMatchObject({ allowed: false, error: { code: 'FORBIDDEN' } });
  });

  it('lets every member read by default, and only writers write', () => {
    expect(decide({ access: accessAs(Role.BOARD_VIEWER) }).allowed).toBe(true);
    expect(decide({ operation: 'write', access: accessAs(Role.ANALYST) }).allowed).toBe(true);
    expect(decide({ operation: 'write', access: accessAs(Role.BOARD_VIEWER) }).allowed).toBe(false);
  });

  it('never lets an AUDITOR or BOARD_VIEWER write, even when a mutation lists them', () => {
    const declared = roles(Role.ADMIN, Role.AUDITOR, Role.BOARD_VIEWER);
    expect(decide({ declared, operation: 'write', access: accessAs(Role.AUDITOR) }).allowed).toBe(false);
    expect(decide({ declared, operation: 'write', access: accessAs(Role.BOARD_VIEWER) }).allowed).toBe(false);
    expect(decide({ declared, operation: 'write', access: accessAs(Role.ADMIN) }).allowed).toBe(true);
  });

  it('enforces the declared roles', () => {
    expect(decide({ declared: roles(Role.ADMIN, Role.AUDITOR), access: accessAs(Role.CISO) }).allowed).toBe(false);
    expect(decide({ declared: roles(Role.ADMIN, Role.AUDITOR), access: accessAs(Role.AUDITOR) })).toEqual({ allowed: true, access: accessAs(Role.AUDITOR) });
  });

  it('keeps fields without an org argument for the platform admin unless they say otherwise', () => {
    expect(decide({ orgSlug: undefined, access: null }).allowed).toBe(false);
    expect(decide({ orgSlug: undefined, access: null, caller: platformAdmin }).allowed).toBe(true);
    expect(decide({ orgSlug: undefined, access: null, declared: { kind: 'signed-in' } }).allowed).toBe(true);
    expect(decide({ orgSlug: undefined, access: null, declared: roles(Role.ADMIN), caller: platformAdmin }).allowed).toBe(false);
  });

  it('never gives an API token platform-admin power, even when its holder has it', () => {
    expect(decide({ declared: { kind: 'platform-admin' }, caller: token, orgSlug: undefined, access: null }).allowed).toBe(false);
    expect(decide({ declared: { kind: 'platform-admin' }, caller: platformAdmin, orgSlug: undefined, access: null }).allowed).toBe(true);
  });
});

describe('effectiveAccess', () => {
  const orgA = { id: 'org-a', slug: 'a' };
  const orgB = { id: 'org-b', slug: 'b' };

  it('confines an API token to its organization and its role', () => {
    // The holder's teams come with the token (read when it was presented), whatever membership is passed.
    expect(effectiveAccess({ ...token, teamIds: ['t1'] }, orgA, { role: Role.ADMIN, teamIds: ['t2'] })).toEqual({ organizationId: 'org-a', slug: 'a', role: Role.ANALYST, teamIds: ['t1'] });
    expect(effectiveAccess(token, orgB, { role: Role.ADMIN, teamIds: [] })).toBeNull();
  });

  it('makes the platform admin ADMIN where they have no membership, and uses the membership where they do', () => {
    expect(effectiveAccess(platformAdmin, orgB, null)?.role).toBe(Role.ADMIN);
    expect(effectiveAccess(platformAdmin, orgA, { role: Role.CISO, teamIds: [] })?.role).toBe(Role.CISO);
    expect(effectiveAccess(member, orgB, null)).toBeNull();
  });
});

describe('allowedRoles', () => {
  it('defaults to every role for reads and the writers for writes', () => {
    expect(allowedRoles(undefined, 'read')).toHaveLength(6);
    expect(allowedRoles(undefined, 'write')).toEqual([Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST]);
  });
});
