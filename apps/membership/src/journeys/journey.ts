import {
  addDays,
  addMonths,
  compareDates,
  DEFAULT_SITE_SETTINGS,
  DomainError,
  isIsoDate,
  Journey,
  JOURNEY_STAGES,
  JourneyChange,
  JourneyStage,
  monthsBetween,
  NEXT_PATHS,
  NextPath,
  SetJourneyRequest,
  SiteSettings,
} from '@kpa/contracts';

/**
 * The KPA journey ("parcours"): stages that follow from the months elapsed since the member joined,
 * which a coordinator may override, and the reviews and interviews due along the way. Pure functions:
 * the caller passes the site's date.
 */

export { JOURNEY_STAGES, NEXT_PATHS } from '@kpa/contracts';
export type { JourneyStage, NextPath } from '@kpa/contracts';

/** The month, counted from joining, each stage begins (KPA documents: 0-2, 2-8, 8-12, 12-15, 15+). */
const STAGE_BEGINS_AFTER_MONTHS: Record<JourneyStage, number> = {
  immersion: 0,
  exploration: 2,
  focus_and_test: 8,
  opening: 12,
  next_step: 15,
};

/** The first interview takes place within two weeks of joining. */
export const FIRST_INTERVIEW_WITHIN_DAYS = 14;

const REASON_LENGTH = { min: 3, max: 500 };

/** A coordinator's decision that a member is at another stage than the calendar says, from `on`. */
export interface StageOverride {
  stage: JourneyStage;
  reason: string;
  on: string;
}

export interface JourneyMilestone {
  kind: 'mid_term_review' | 'exit_interview';
  dueOn: string;
}

export type MilestoneSettings = Pick<SiteSettings, 'midTermReviewAfterMonths' | 'exitInterviewAfterMonths'>;

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** The stage the calendar gives: a stage begins on the day its month is complete (2 months exactly: exploration). */
export function computedStage(joinedOn: string, today: string): JourneyStage {
  const elapsed = monthsBetween(joinedOn, today);
  // Before the joining date (never stored: joinedOn is not in the future) the member is at the first stage.
  return JOURNEY_STAGES.findLast((stage) => STAGE_BEGINS_AFTER_MONTHS[stage] <= elapsed) ?? 'immersion';
}

/** The day a stage begins, on the calendar (computedStage gives that stage from this day on). */
export function stageStartsOn(joinedOn: string, stage: JourneyStage): string {
  return addMonths(joinedOn, STAGE_BEGINS_AFTER_MONTHS[stage]);
}

function checkOverride(override: StageOverride): void {
  if (!JOURNEY_STAGES.includes(override.stage)) throw invalid('override.stage', `override.stage must be one of ${JOURNEY_STAGES.join(', ')}.`);
  const reason = typeof override.reason === 'string' ? override.reason.trim() : '';
  if (reason.length < REASON_LENGTH.min || reason.length > REASON_LENGTH.max) {
    throw invalid('override.reason', `Say in ${REASON_LENGTH.min} to ${REASON_LENGTH.max} characters why the member is at another stage than the calendar's.`);
  }
  if (!isIsoDate(override.on)) throw invalid('override.on', 'override.on must be a calendar date written YYYY-MM-DD.');
}

/**
 * The member's stage: the coordinator's override when one is in effect, else the calendar's. An override
 * takes effect on its date, and one dated before joinedOn was made in a previous participation: ignored.
 */
export function currentStage(joinedOn: string, today: string, override?: StageOverride | null): { stage: JourneyStage; computed: JourneyStage; overridden: boolean } {
  const computed = computedStage(joinedOn, today);
  if (!override) return { stage: computed, computed, overridden: false };
  checkOverride(override);
  const inEffect = compareDates(joinedOn, override.on) <= 0 && compareDates(override.on, today) <= 0;
  return inEffect ? { stage: override.stage, computed, overridden: true } : { stage: computed, computed, overridden: false };
}

/** The mid-term review and the exit interview, due the given number of months after joining, in date order. */
export function milestones(joinedOn: string, settings: MilestoneSettings = DEFAULT_SITE_SETTINGS): JourneyMilestone[] {
  const due: JourneyMilestone[] = [
    { kind: 'mid_term_review', dueOn: addMonths(joinedOn, settings.midTermReviewAfterMonths) },
    { kind: 'exit_interview', dueOn: addMonths(joinedOn, settings.exitInterviewAfterMonths) },
  ];
  return due.sort((a, b) => compareDates(a.dueOn, b.dueOn));
}

/**
 * When the next interview is due: the first within FIRST_INTERVIEW_WITHIN_DAYS of joining, then one every
 * `cadenceDays` (site setting). An interview held before joinedOn was in a previous participation.
 */
export function interviewDueOn(lastHeldOn: string | null, joinedOn: string, cadenceDays: number): string {
  if (lastHeldOn === null || compareDates(lastHeldOn, joinedOn) < 0) return addDays(joinedOn, FIRST_INTERVIEW_WITHIN_DAYS);
  return addDays(lastHeldOn, cadenceDays);
}

/** The journey as a member's file holds it. */
export interface MemberJourney {
  memberId: string;
  joinedOn: string;
  stageOverride: StageOverride | null;
  nextPath: NextPath | null;
  journeyHistory: JourneyChange[];
}

/**
 * A coordinator sets or clears the stage (with a reason) and records the member's next path: the
 * journey after the decision, each change written in its history with the day and who decided.
 */
export function decideJourney(
  current: MemberJourney,
  decision: Pick<SetJourneyRequest, 'stageOverride' | 'nextPath'>,
  today: string,
  by: string,
): Pick<MemberJourney, 'stageOverride' | 'nextPath' | 'journeyHistory'> {
  let { stageOverride, nextPath } = current;
  const changes: JourneyChange[] = [];
  if (decision.stageOverride !== undefined) {
    if (decision.stageOverride === null) {
      stageOverride = null;
      changes.push({ kind: 'cleared', stage: null, nextPath: null, reason: null, on: today, by });
    } else {
      const override: StageOverride = { stage: decision.stageOverride.stage, reason: decision.stageOverride.reason?.trim(), on: today };
      currentStage(current.joinedOn, today, override); // checks stage and reason
      stageOverride = override;
      changes.push({ kind: 'override', stage: override.stage, nextPath: null, reason: override.reason, on: today, by });
    }
  }
  if (decision.nextPath !== undefined) {
    if (decision.nextPath !== null && !NEXT_PATHS.includes(decision.nextPath)) {
      throw new DomainError('VALIDATION_FAILED', `nextPath must be one of ${NEXT_PATHS.join(', ')}.`, { field: 'nextPath' });
    }
    nextPath = decision.nextPath;
    changes.push({ kind: 'next_path', stage: null, nextPath: decision.nextPath, reason: null, on: today, by });
  }
  if (changes.length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send stageOverride or nextPath.');
  return { stageOverride, nextPath, journeyHistory: [...current.journeyHistory, ...changes] };
}

/** Where the member is in their journey on `today`, why, and what the site's settings make due next. */
export function journeyOf(member: MemberJourney, settings: Pick<SiteSettings, 'interviewCadenceDays'> & MilestoneSettings, today: string): Journey {
  const { stage, computed, overridden } = currentStage(member.joinedOn, today, member.stageOverride);
  return {
    memberId: member.memberId,
    joinedOn: member.joinedOn,
    stage,
    computedStage: computed,
    overridden,
    overrideReason: overridden ? (member.stageOverride?.reason ?? null) : null,
    nextPath: member.nextPath,
    history: member.journeyHistory,
    // Interviews are not recorded yet: the first one is what is due, then the reviews of the journey.
    due: [{ kind: 'first_interview' as const, dueOn: interviewDueOn(null, member.joinedOn, settings.interviewCadenceDays) }, ...milestones(member.joinedOn, settings)],
  };
}
