/** Stages of the KPA journey ("parcours"), from the months since the member joined. */
export const JOURNEY_STAGES = ['immersion', 'exploration', 'focus_and_test', 'opening', 'next_step'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

/** Where a member goes after the journey. */
export const NEXT_PATHS = ['own_activity_test', 'salaried_entrepreneur', 'company_creation', 'employment', 'training', 'other'] as const;
export type NextPath = (typeof NEXT_PATHS)[number];

export interface JourneyChange {
  /** `override`: a coordinator set the stage; `cleared`: back to the calendar's stage; `next_path`: the chosen path changed. */
  kind: 'override' | 'cleared' | 'next_path';
  stage: JourneyStage | null;
  nextPath: NextPath | null;
  reason: string | null;
  on: string;
  by: string;
}

/** A member's journey: where they are, why, and what is due next. */
export interface Journey {
  memberId: string;
  joinedOn: string;
  stage: JourneyStage;
  computedStage: JourneyStage;
  overridden: boolean;
  overrideReason: string | null;
  nextPath: NextPath | null;
  history: JourneyChange[];
  due: { kind: 'first_interview' | 'mid_term_review' | 'exit_interview'; dueOn: string }[];
}

export interface GetJourneyRequest {
  siteId: string;
  memberId: string;
}

export interface SetJourneyRequest {
  siteId: string;
  memberId: string;
  /** Set the stage with a reason, or null to go back to the calendar's stage; absent: unchanged. */
  stageOverride?: { stage: JourneyStage; reason: string } | null;
  /** absent: unchanged. */
  nextPath?: NextPath | null;
}
