import { compareDates, ContributionTotals, DomainError, HoursTotal, INVOLVEMENT_KINDS, InvolvementKind } from '@kpa/contracts';
import { ContributionKind, contributionTotals, ContributionStatus } from './contribution';
import { formatHours } from '../units';

/**
 * The involvement ledger's rules around the domain's contributions: who may have time logged on
 * which day, and the totals per kind (contributive kinds and mission hours) as the API shows them.
 */

/**
 * Time is logged for a member of the site, on a day they were one: from the day they joined to the
 * day they left. An erased member has no file any more (409 MEMBER_ERASED).
 */
export function checkWithinMembership(member: { id: string; joinedOn: string; leftOn: string | null; erased: boolean }, date: string): void {
  if (member.erased) throw new DomainError('MEMBER_ERASED', 'This member was erased: no time can be logged for them any more.', { memberId: member.id });
  if (compareDates(date, member.joinedOn) < 0 || (member.leftOn !== null && compareDates(date, member.leftOn) > 0)) {
    throw new DomainError(
      'CONTRIBUTION_OUTSIDE_MEMBERSHIP',
      `${date} is outside this member's time at the site (joined ${member.joinedOn}${member.leftOn ? `, left ${member.leftOn}` : ''}): log time on a day they were a member.`,
      { memberId: member.id, date, joinedOn: member.joinedOn, leftOn: member.leftOn },
    );
  }
}

/** Hours summed by kind and status (as SQL groups them), and the mission hours over the same filters. */
export function involvementTotals(sums: readonly { kind: ContributionKind; status: ContributionStatus; hundredths: number }[], missionHundredths: number): ContributionTotals {
  const contributive = contributionTotals(sums);
  const hundredths: Record<InvolvementKind, { validated: number; submitted: number }> = { ...contributive, mission: { validated: missionHundredths, submitted: 0 } };
  const format = (t: { validated: number; submitted: number }): HoursTotal => ({ validated: formatHours(t.validated), submitted: formatHours(t.submitted) });
  const all = INVOLVEMENT_KINDS.reduce((sum, kind) => ({ validated: sum.validated + hundredths[kind].validated, submitted: sum.submitted + hundredths[kind].submitted }), {
    validated: 0,
    submitted: 0,
  });
  return {
    byKind: Object.fromEntries(INVOLVEMENT_KINDS.map((kind) => [kind, format(hundredths[kind])])) as Record<InvolvementKind, HoursTotal>,
    all: format(all),
  };
}
