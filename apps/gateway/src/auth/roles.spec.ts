import { mayManageRole, Principal, roleOn } from './roles';

const siteA = '01a20098-77c1-700a-b81f-d70c21407268';
const siteB = '01a20098-77c1-700a-b81f-d70c21407269';

function principal(overrides: Partial<Principal>): Principal {
  return { userId: 'u', email: 'e@x.fr', displayName: 'E', networkAdmin: false, sessionId: 's', sites: [], ...overrides };
}

describe('roles', () => {
  const coordinatorOfA = principal({ sites: [{ siteId: siteA, role: 'coordinator' }] });

  it('knows the role of a user on each site', () => {
    expect(roleOn(coordinatorOfA, siteA)).toBe('coordinator');
    expect(roleOn(coordinatorOfA, siteB)).toBeUndefined();
  });

  it('lets a coordinator manage members and accountants of their own site only', () => {
    expect(mayManageRole(coordinatorOfA, siteA, 'member')).toBe(true);
    expect(mayManageRole(coordinatorOfA, siteA, 'accountant')).toBe(true);
    expect(mayManageRole(coordinatorOfA, siteA, 'coordinator')).toBe(false);
    expect(mayManageRole(coordinatorOfA, siteB, 'member')).toBe(false);
  });

  it('lets a member manage nobody and a network admin everybody', () => {
    expect(mayManageRole(principal({ sites: [{ siteId: siteA, role: 'member' }] }), siteA, 'member')).toBe(false);
    expect(mayManageRole(principal({ networkAdmin: true }), siteB, 'coordinator')).toBe(true);
  });
});
