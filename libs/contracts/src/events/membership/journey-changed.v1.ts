import { defineEvent } from '../../envelope';
import { JourneyStage, NextPath } from '../../rpc/membership/journeys';

/** A coordinator set or cleared a member's stage, or recorded their next path. */
export interface JourneyChangedV1 {
  memberId: string;
  stage: JourneyStage;
  overridden: boolean;
  nextPath: NextPath | null;
}

export const JOURNEY_CHANGED_V1 = defineEvent<JourneyChangedV1>('membership.journey.changed', 1);
