import { defineEvent } from '../../envelope';
import { LaunchStage, LaunchStep } from '../../rpc/networking/launches';

/** A new KPA completed a step of its launch path (once per step: the first date is kept). `siteId` of the envelope is the new KPA. */
export interface LaunchStepCompletedV1 {
  siteId: string;
  step: LaunchStep;
  completedOn: string;
  source: 'manual' | 'event';
  /** The stage after this step. */
  stage: LaunchStage;
}

export const LAUNCH_STEP_COMPLETED_V1 = defineEvent<LaunchStepCompletedV1>('networking.launch_step.completed', 1);
