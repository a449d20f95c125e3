import { COLLECTIVE_TASKS as API_TASKS, CONTRIBUTION_KINDS as API_KINDS, CONTRIBUTION_STATUSES as API_STATUSES } from '@kpa/contracts';
import { COLLECTIVE_TASKS, CONTRIBUTION_KINDS, CONTRIBUTION_STATUSES } from './contribution';
import { checkWithinMembership, involvementTotals } from './involvement';
import { codeOf } from '@kpa/testing/refusal';

const member = { id: '0190a0b0-0000-7000-8000-00000000000a', joinedOn: '2026-03-01', leftOn: null as string | null, erased: false };

describe('involvement ledger', () => {
  it('the API lists the same kinds, tasks and statuses as the domain', () => {
    expect([...API_KINDS]).toEqual([...CONTRIBUTION_KINDS]);
    expect([...API_TASKS]).toEqual([...COLLECTIVE_TASKS]);
    expect([...API_STATUSES]).toEqual([...CONTRIBUTION_STATUSES]);
  });

  it('time is logged on a day the person was a member: from joining to leaving, both included', () => {
    expect(codeOf(() => checkWithinMembership(member, '2026-03-01'))).toBeUndefined();
    expect(codeOf(() => checkWithinMembership(member, '2026-02-28'))).toBe('CONTRIBUTION_OUTSIDE_MEMBERSHIP');
    const left = { ...member, leftOn: '2026-06-30' };
    expect(codeOf(() => checkWithinMembership(left, '2026-06-30'))).toBeUndefined();
    expect(codeOf(() => checkWithinMembership(left, '2026-07-01'))).toBe('CONTRIBUTION_OUTSIDE_MEMBERSHIP');
    expect(codeOf(() => checkWithinMembership({ ...member, erased: true }, '2026-04-01'))).toBe('MEMBER_ERASED');
  });

  it('totals per kind: validated and submitted apart, rejected nowhere, mission hours as validated', () => {
    const totals = involvementTotals(
      [
        { kind: 'contributive_day', status: 'validated', hundredths: 700 },
        { kind: 'contributive_day', status: 'submitted', hundredths: 350 },
        { kind: 'collective_task', status: 'rejected', hundredths: 200 },
        { kind: 'peer_training', status: 'validated', hundredths: 125 },
      ],
      1575,
    );
    expect(totals).toEqual({
      byKind: {
        contributive_day: { validated: '7.00', submitted: '3.50' },
        collective_task: { validated: '0.00', submitted: '0.00' },
        peer_training: { validated: '1.25', submitted: '0.00' },
        mission: { validated: '15.75', submitted: '0.00' },
      },
      all: { validated: '24.00', submitted: '3.50' },
    });
  });

  it('no entries: every kind at zero', () => {
    expect(involvementTotals([], 0).all).toEqual({ validated: '0.00', submitted: '0.00' });
  });
});
