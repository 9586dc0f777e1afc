import { Role } from '../roles/role.js';
import type { OrgAccess } from './caller.js';
import fc from 'fast-check';
import { assertTeamAccess, canAccessTeam, teamFilter, teamScope, withinTeamScope } from './team-scope.js';

const as = (role: Role, teamIds: string[] = []): OrgAccess => ({ organizationId: 'o', slug: 'o', role, teamIds });

describe('team scope', () => {
  it('limits an ENGINEERING_LEAD to the teams they lead, and nobody else', () => {
    expect(teamFilter(as(Role.ENGINEERING_LEAD, ['payments']))).toEqual(['payments']);
    expect(teamFilter(as(Role.ENGINEERING_LEAD))).toEqual([]);
    expect(teamFilter(as(Role.CISO))).toBeNull();
  });

  it('keeps unowned and other teams out of an engineering lead\'s reach', () => {
    const lead = as(Role.ENGINEERING_LEAD, ['payments']);
    expect(canAccessTeam(lead, 'payments')).toBe(true);
    expect(canAccessTeam(lead, 'identity')).toBe(false);
    expect(canAccessTeam(lead, null)).toBe(false);
    expect(canAccessTeam(as(Role.ANALYST), null)).toBe(true);
    expect(() => assertTeamAccess(lead, 'identity')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('keeps exactly the items a caller could open one by one (withinTeamScope agrees with canAccessTeam)', () => {
    const team = fc.option(fc.constantFrom('payments', 'identity', 'search'), { nil: null });
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(Role)), fc.subarray(['payments', 'identity', 'search']), fc.array(fc.record({ id: fc.nat(), team })), (role, led, items) => {
        const access = as(role, role === Role.ENGINEERING_LEAD ? led : []);
        const kept = withinTeamScope(teamScope(access), items, (i) => i.team);
        expect(kept).toEqual(items.filter((i) => canAccessTeam(access, i.team)));
      }),
    );
  });
});
