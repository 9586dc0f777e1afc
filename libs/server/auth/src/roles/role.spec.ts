import { canDelegate, mayWrite, Role } from './role.js';

describe('roles', () => {
  it('never lets a member hand a token more than they hold', () => {
    expect(canDelegate(Role.ADMIN, Role.CISO)).toBe(true);
    expect(canDelegate(Role.CISO, Role.ADMIN)).toBe(false);
    expect(canDelegate(Role.AUDITOR, Role.ANALYST)).toBe(false);
    expect(canDelegate(Role.ENGINEERING_LEAD, Role.ANALYST)).toBe(false);
    expect(canDelegate(Role.BOARD_VIEWER, Role.BOARD_VIEWER)).toBe(true);
  });

  it('lets only ADMIN, CISO, ENGINEERING_LEAD and ANALYST write', () => {
    expect(Object.values(Role).filter(mayWrite)).toEqual([Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST]);
  });
});
