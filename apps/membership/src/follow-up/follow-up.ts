import { addDays, ageOn, Attention, compareDates, daysBetween, FollowUpItem, InterviewKind, InterviewStatus, SiteSettings } from '@kpa/contracts';
import { ADULT_AGE, capeEndsOn, CapeContractState, statusOf } from '../cape-contracts/cape-contract';
import { currentStage, FIRST_INTERVIEW_WITHIN_DAYS, milestones, StageOverride } from '../journeys/journey';

/**
 * The follow-up board: for each active member, what the coordinators should look at and why.
 * Pure: the caller passes the members, their interviews and contracts, the site's settings and today.
 *
 * - `no_first_interview`: no `first` interview held in this participation, and joinedOn + 14 days is past;
 * - `interview_overdue`: the last interview held in this participation (or, without one, the joining)
 *   is more than `interviewCadenceDays` old;
 * - `mid_term_review_due` / `exit_interview_due`: the milestone's day has come (joinedOn + the site's
 *   months) and no interview of that kind was held in this participation;
 * - `cape_ending_soon`: the active CAPE ends within 30 days and no other contract follows it;
 * - `cape_ended_while_active`: the member is still active, their last CAPE of this participation ended or
 *   was terminated, and none is active or upcoming;
 * - `minor_without_guardian`: under 18 today and no guardian's consent recorded.
 * An interview belongs to this participation when it was held on or after joinedOn.
 */

/** A CAPE ending within this many days is flagged. */
export const CAPE_ENDING_WITHIN_DAYS = 30;

export interface FollowUpMember {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  joinedOn: string;
  leftOn: string | null;
  guardianRecorded: boolean;
  stageOverride: StageOverride | null;
}

export interface FollowUpInterview {
  kind: InterviewKind;
  status: InterviewStatus;
  /** The day it was held (in France), when held. */
  heldOn: string | null;
}

export type FollowUpSettings = Pick<SiteSettings, 'interviewCadenceDays' | 'midTermReviewAfterMonths' | 'exitInterviewAfterMonths'>;

const MILESTONE_CODES = {
  mid_term_review: { code: 'mid_term_review_due', kind: 'mid_term_review', label: 'mid-term review' },
  exit_interview: { code: 'exit_interview_due', kind: 'exit', label: 'exit interview' },
} as const;

/** Held on or after joinedOn: the days of held interviews of this participation, in order. */
function heldDays(interviews: FollowUpInterview[], joinedOn: string, kind?: InterviewKind): string[] {
  return interviews
    .filter((i) => i.status === 'held' && i.heldOn !== null && compareDates(i.heldOn, joinedOn) >= 0 && (kind === undefined || i.kind === kind))
    .map((i) => i.heldOn as string)
    .sort(compareDates);
}

function interviewAttention(member: FollowUpMember, interviews: FollowUpInterview[], settings: FollowUpSettings, today: string): Attention[] {
  const attention: Attention[] = [];
  const firstDueOn = addDays(member.joinedOn, FIRST_INTERVIEW_WITHIN_DAYS);
  if (heldDays(interviews, member.joinedOn, 'first').length === 0 && compareDates(today, firstDueOn) > 0) {
    attention.push({
      code: 'no_first_interview',
      message: `No first interview held since joining on ${member.joinedOn}: it was due within ${FIRST_INTERVIEW_WITHIN_DAYS} days, by ${firstDueOn}.`,
      dueOn: firstDueOn,
    });
  }
  const held = heldDays(interviews, member.joinedOn);
  const last = held[held.length - 1];
  const since = last ?? member.joinedOn;
  const dueOn = addDays(since, settings.interviewCadenceDays);
  if (compareDates(today, dueOn) > 0) {
    const what = last ? `The last interview was held on ${last}` : `No interview held since joining on ${member.joinedOn}`;
    attention.push({
      code: 'interview_overdue',
      message: `${what}, ${daysBetween(since, today)} days ago; this site holds one at least every ${settings.interviewCadenceDays} days.`,
      dueOn,
    });
  }
  for (const milestone of milestones(member.joinedOn, settings)) {
    const { code, kind, label } = MILESTONE_CODES[milestone.kind];
    if (compareDates(today, milestone.dueOn) >= 0 && heldDays(interviews, member.joinedOn, kind).length === 0) {
      attention.push({ code, message: `The ${label} was due on ${milestone.dueOn} and none was held in this participation.`, dueOn: milestone.dueOn });
    }
  }
  return attention;
}

function capeAttention(member: FollowUpMember, contracts: CapeContractState[], today: string): Attention[] {
  // Contracts that ended before the member (re)joined belong to an earlier participation.
  const current = contracts.filter((contract) => compareDates(capeEndsOn(contract), member.joinedOn) >= 0);
  if (current.length === 0) return [];
  const statuses = current.map((contract) => ({ contract, status: statusOf(contract, today), endsOn: capeEndsOn(contract) }));
  const upcoming = statuses.some((s) => s.status === 'upcoming');
  const active = statuses.find((s) => s.status === 'active');
  if (active) {
    const left = daysBetween(today, active.endsOn);
    if (left <= CAPE_ENDING_WITHIN_DAYS && !upcoming) {
      return [
        {
          code: 'cape_ending_soon',
          message: `The CAPE ends on ${active.endsOn}, in ${left} days, and no contract follows: renew it or prepare what comes next.`,
          dueOn: active.endsOn,
        },
      ];
    }
    return [];
  }
  if (upcoming) return [];
  const last = statuses.sort((a, b) => compareDates(a.endsOn, b.endsOn))[statuses.length - 1];
  const how = last.status === 'terminated' ? 'was terminated' : 'ended';
  return [
    {
      code: 'cape_ended_while_active',
      message: `The member is still active but their CAPE ${how} on ${last.endsOn} and none is active or upcoming: sign a new one, or record their leaving.`,
    },
  ];
}

function guardianAttention(member: FollowUpMember, today: string): Attention[] {
  const age = ageOn(member.birthDate, today);
  if (age >= ADULT_AGE || member.guardianRecorded) return [];
  return [{ code: 'minor_without_guardian', message: `The member is ${age} and no guardian's consent is recorded: record it in their file.` }];
}

/** What needs attention for one member, or nothing (an empty list) when all is in order or the member left. */
export function attentionFor(member: FollowUpMember, interviews: FollowUpInterview[], contracts: CapeContractState[], settings: FollowUpSettings, today: string): Attention[] {
  if (member.leftOn !== null) return [];
  return [...interviewAttention(member, interviews, settings, today), ...capeAttention(member, contracts, today), ...guardianAttention(member, today)];
}

export interface FollowUpEntry {
  member: FollowUpMember;
  interviews: FollowUpInterview[];
  contracts: CapeContractState[];
}

/** The board: the active members with something to look at, by last name then first name. */
export function followUpBoard(entries: FollowUpEntry[], settings: FollowUpSettings, today: string): FollowUpItem[] {
  const items: FollowUpItem[] = [];
  for (const { member, interviews, contracts } of entries) {
    const attention = attentionFor(member, interviews, contracts, settings, today);
    if (attention.length === 0) continue;
    items.push({
      memberId: member.id,
      firstName: member.firstName,
      lastName: member.lastName,
      stage: currentStage(member.joinedOn, today, member.stageOverride).stage,
      attention,
    });
  }
  return items.sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr') || a.memberId.localeCompare(b.memberId));
}
