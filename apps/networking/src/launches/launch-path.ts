import { compareDates, DomainError, isIsoDate, LAUNCH_STEPS, LaunchStage, LaunchStep, LaunchStepView } from '@kpa/contracts';

/**
 * The launch path of a new KPA, without Nest or SQL. Steps come from the seed documents, in their
 * order; each is completed once and keeps its first date, whoever (or whichever event) completes it
 * later. The stage is the first step not yet done: steps may be done out of order (a first member
 * may join before the charter is written), and the stage says what is still ahead first.
 */

export interface CompletedStep {
  completedOn: string;
  source: 'manual' | 'event';
}

export type LaunchProgress = ReadonlyMap<LaunchStep, CompletedStep>;

export function launchStage(progress: LaunchProgress): LaunchStage {
  return LAUNCH_STEPS.find((step) => !progress.has(step)) ?? 'launched';
}

export function launchStepViews(progress: LaunchProgress): LaunchStepView[] {
  return LAUNCH_STEPS.map((step) => {
    const done = progress.get(step);
    return { step, completedOn: done?.completedOn ?? null, source: done?.source ?? null };
  });
}

/** A coordinator or the network admin marks a step done: not twice (the first date stays), not in the future. */
export function completeStepByHand(progress: LaunchProgress, step: LaunchStep, on: string, today: string): CompletedStep {
  if (!isIsoDate(on) || compareDates(on, today) > 0) {
    throw new DomainError('LAUNCH_STEP_DATE_INVALID', `The date of a step is the day it was done: ${on} is not a date on or before ${today}.`, { field: 'on', on, today });
  }
  const done = progress.get(step);
  if (done) {
    throw new DomainError('LAUNCH_STEP_ALREADY_COMPLETED', `The step ${step} was already completed on ${done.completedOn}; a step keeps its first date.`, {
      step,
      completedOn: done.completedOn,
    });
  }
  return { completedOn: on, source: 'manual' };
}

/** An event completes its step only the first time: a later (or replayed) event changes nothing. */
export function completeStepFromEvent(progress: LaunchProgress, step: LaunchStep, on: string): CompletedStep | null {
  return progress.has(step) ? null : { completedOn: on, source: 'event' };
}

/** The step an event of another service completes, if any. */
export function automaticStepOf(eventType: string): LaunchStep | null {
  switch (eventType) {
    case 'membership.member.joined':
      return 'first_members';
    case 'commerce.mission.completed':
      return 'first_mission';
    case 'commerce.invoice.issued':
      return 'first_invoice';
    default:
      return null;
  }
}
