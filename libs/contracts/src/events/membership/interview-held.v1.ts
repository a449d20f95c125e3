import { defineEvent } from '../../envelope';
import { InterviewKind } from '../../rpc/membership/interviews';

/** An interview took place. Never the notes, the author or the self-assessment: personal data. */
export interface InterviewHeldV1 {
  interviewId: string;
  memberId: string;
  kind: InterviewKind;
  heldAt: string;
}

export const INTERVIEW_HELD_V1 = defineEvent<InterviewHeldV1>('membership.interview.held', 1);
