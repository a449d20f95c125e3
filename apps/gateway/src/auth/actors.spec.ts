import { commerceActorOf, expenseActorOf, periodActorOf, remunerationActorOf } from './actors';
import { Principal } from './roles';

const site = '01a20098-77c1-700a-b81f-d70c21407268';
const file = '01a20098-77c1-700a-b81f-d70c21407299';

function principal(overrides: Partial<Principal>): Principal {
  return { userId: 'u', email: 'e@x.fr', displayName: 'E', networkAdmin: false, sessionId: 's', sites: [], ...overrides };
}

describe('actors', () => {
  const member = principal({ sites: [{ siteId: site, role: 'member', memberId: file }] });
  const coordinator = principal({ sites: [{ siteId: site, role: 'coordinator' }] });
  const accountant = principal({ sites: [{ siteId: site, role: 'accountant' }] });
  const adminAndMember = principal({ networkAdmin: true, sites: [{ siteId: site, role: 'member', memberId: file }] });

  it('commerce knows coordinators (network admins included) and members (accountants too: the routes keep them out of changes)', () => {
    expect(commerceActorOf(coordinator, site)).toEqual({ userId: 'u', role: 'coordinator' });
    expect(commerceActorOf(adminAndMember, site)).toEqual({ userId: 'u', role: 'coordinator' });
    expect(commerceActorOf(member, site)).toEqual({ userId: 'u', role: 'member' });
    expect(commerceActorOf(accountant, site)).toEqual({ userId: 'u', role: 'member' });
  });

  it('an expense of a member is for their own file; a coordinator acts for none', () => {
    expect(expenseActorOf(member, site)).toEqual({ userId: 'u', role: 'member', memberId: file });
    expect(expenseActorOf(adminAndMember, site)).toEqual({ userId: 'u', role: 'coordinator', memberId: null });
    expect(expenseActorOf(accountant, site)).toEqual({ userId: 'u', role: 'member', memberId: null });
  });

  it('remuneration keeps the role as held; periods give anyone their own member file, contributions a member only', () => {
    expect(periodActorOf(accountant, site)).toEqual({ userId: 'u', role: 'accountant', memberId: null });
    expect(periodActorOf(adminAndMember, site)).toEqual({ userId: 'u', role: 'coordinator', memberId: file });
    expect(remunerationActorOf(adminAndMember, site)).toEqual({ userId: 'u', role: 'coordinator', memberId: null });
    expect(remunerationActorOf(member, site)).toEqual({ userId: 'u', role: 'member', memberId: file });
    expect(remunerationActorOf(principal({}), site)).toEqual({ userId: 'u', role: 'member', memberId: null });
  });
});
