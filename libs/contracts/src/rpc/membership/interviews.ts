import { Page, PageRequest } from '../page';
import { JourneyStage } from './journeys';

/** `first`: within two weeks of joining; `mid_term_review` and `exit` ("envol"): the journey's milestones. */
export const INTERVIEW_KINDS = ['first', 'follow_up', 'mid_term_review', 'exit', 'monthly'] as const;
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];

export const INTERVIEW_STATUSES = ['scheduled', 'held', 'missed', 'cancelled'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

/** One line of the member's self-assessment: a skill and the level they feel at, 1 (discovering) to 4 (can teach it). */
export interface SkillAssessment {
  name: string;
  level: number;
}

/**
 * An interview with a member. `notes` are personal data: coordinators only (and the member
 * themself, unless the interview is private). Taken together, the skills self-assessments of the
 * held interviews make the member's follow-up booklet.
 */
export interface Interview {
  id: string;
  siteId: string;
  memberId: string;
  /** The participation it belongs to (the member's joinedOn when it was recorded). */
  participationJoinedOn: string;
  kind: InterviewKind;
  scheduledAt: string;
  heldAt: string | null;
  status: InterviewStatus;
  conductedBy: string;
  notes: string | null;
  private: boolean;
  skillsAssessment: SkillAssessment[];
  createdAt: string;
  updatedAt: string;
}

export interface InterviewInput {
  kind: InterviewKind;
  scheduledAt: string;
  /** `scheduled` (default), or `held` to record an interview that already took place. */
  status?: InterviewStatus;
  heldAt?: string | null;
  conductedBy: string;
  notes?: string | null;
  private?: boolean;
  skillsAssessment?: SkillAssessment[];
}

export interface ScheduleInterviewRequest {
  siteId: string;
  memberId: string;
  interview: InterviewInput;
}

export interface UpdateInterviewRequest {
  siteId: string;
  interviewId: string;
  changes: Partial<InterviewInput>;
}

/** `all`: coordinators; `own`: the member themself, private interviews left out. */
export type InterviewView = 'all' | 'own';

export interface ListInterviewsRequest extends PageRequest {
  siteId: string;
  memberId: string;
  view: InterviewView;
}

export type InterviewPage = Page<Interview>;

export const ATTENTION_CODES = [
  'no_first_interview',
  'interview_overdue',
  'mid_term_review_due',
  'exit_interview_due',
  'cape_ending_soon',
  'cape_ended_while_active',
  'minor_without_guardian',
] as const;
export type AttentionCode = (typeof ATTENTION_CODES)[number];

export interface Attention {
  code: AttentionCode;
  message: string;
  dueOn?: string;
}

/** One active member of the follow-up board and what needs attention. */
export interface FollowUpItem {
  memberId: string;
  firstName: string;
  lastName: string;
  stage: JourneyStage;
  attention: Attention[];
}

export interface FollowUpRequest {
  siteId: string;
}

export interface FollowUpBoard {
  items: FollowUpItem[];
}
